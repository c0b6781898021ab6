import type { Db } from '../db/client.js';
import { activities, communications, notes, opportunities, tasks } from '../db/schema/index.js';
import { toActivity } from '../modules/activities/activities.repository.js';
import { recordCarriedAlong } from '../modules/audit/audit.service.js';
import { toCommunication } from '../modules/communications/communications.repository.js';
import { toNote } from '../modules/notes/notes.repository.js';
import { toOpportunity } from '../modules/opportunities/opportunities.repository.js';
import { toTask } from '../modules/tasks/tasks.repository.js';
import { releaseLinks } from './record-links.repository.js';
import type { VersionedTable } from './versioned-rows.repository.js';
import type { Viewer } from './viewer.js';

/**
 * The records that name a contact or deal being deleted let go of it in the same transaction (the link
 * becomes null, version +1, audited), so no live record points at a deleted one. Their account link
 * stays, so they stay where people find them. Restoring the contact or deal does not link them again;
 * the audit trail says what was let go.
 */
export async function releaseLinksTo(
  tx: Db,
  viewer: Viewer,
  field: 'contactId' | 'opportunityId',
  id: string,
): Promise<void> {
  const release = async <Table extends VersionedTable, Api extends AuditedRecord>(
    entity: string,
    table: Table,
    toApi: (row: Table['$inferSelect']) => Api,
  ) => {
    const rows = await releaseLinks(tx, table, field, id);
    await recordCarriedAlong(tx, viewer, entity, rows.map(toApi), field, id);
  };
  if (field === 'contactId') await release('opportunities', opportunities, toOpportunity);
  await release('activities', activities, toActivity);
  await release('tasks', tasks, (row) => toTask(row));
  await release('communications', communications, toCommunication);
  await release('notes', notes, toNote);
}

type AuditedRecord = Record<string, unknown> & { id: string; version: number };
