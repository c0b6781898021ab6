import { z } from 'zod';
import { captureInboxDirectory } from '../modules/communications/mail-capture-directory.service.js';
import { syncMailboxes } from '../modules/communications/mail-capture-mailbox.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/**
 * Every minute: mail exchanged with contacts and leads outside Meridian into the communication log, from
 * the inbox directory (always) and from Microsoft 365 mailboxes (MERIDIAN_GRAPH_MAILBOX_SYNC).
 */
export const mailboxSyncJob: JobDefinition<Record<string, never>> = {
  name: 'mailbox-sync',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const directory = await captureInboxDirectory(deps);
    if (directory.logged + directory.skipped + directory.unmatched + directory.failed > 0) {
      deps.logger?.info(directory, 'inbox directory read');
    }
    const mailboxes = await syncMailboxes(deps);
    if (mailboxes && mailboxes.logged + mailboxes.failed > 0) deps.logger?.info(mailboxes, 'mailboxes synced');
  },
  schedule: everyMinute,
};
