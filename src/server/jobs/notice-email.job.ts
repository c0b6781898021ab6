import { z } from 'zod';
import { MailDeliveryError } from '../integrations/mail/port.js';
import { mailTransportFor } from '../integrations/mail/transport.js';
import type { JobDefinition } from './queue.js';

const noticeSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  to: z.array(z.string()).min(1),
  subject: z.string(),
  text: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

/**
 * An e-mail Meridian sends a user on its own account (an approval to decide), queued in the transaction
 * of the change it tells of. A transport that is down is retried by the queue (10 s, 20 s, 40 s …); a
 * refusal that will not change (no such mailbox) is logged and dropped, since retrying cannot help.
 */
export const noticeEmailJob: JobDefinition<Notice> = {
  name: 'notice-email',
  payload: noticeSchema,
  maxAttempts: 8,
  async handle(deps, notice) {
    try {
      await mailTransportFor(deps.config).send({ ...notice, cc: [] });
    } catch (error) {
      if (!(error instanceof MailDeliveryError) || !error.permanent) throw error;
      deps.logger?.warn({ to: notice.to, subject: notice.subject, reason: error.message }, 'notice e-mail refused');
    }
  },
};
