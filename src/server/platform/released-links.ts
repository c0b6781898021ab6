import type { Db } from '../db/client.js';
import { activities, attachments, communications, notes, opportunities, tasks } from '../db/schema/index.js';
import { toActivity } from '../modules/activities/activities.repository.js';
import { toAttachment } from '../modules/attachments/attachments.repository.js';
import { recordCarriedAlong, recordChange } from '../modules/audit/audit.service.js';
import { toCommunication } from '../modules/communications/communications.repository.js';
import { toNote } from '../modules/notes/notes.repository.js';
import { toOpportunity } from '../modules/opportunities/opportunities.repository.js';
import { toTask } from '../modules/tasks/tasks.repository.js';
import { moveDeletedAtOfLinkedOnly, type ReleasedLink, releaseLinks } from './record-links.repository.js';
import type { VersionedTable } from './versioned-rows.repository.js';
import type { Viewer } from './viewer.js';

/**
 * The records that name a contact, deal or lead being deleted let go of it in the same transaction (the
 * link becomes null, version +1, audited), so no live record points at a deleted one. Their other links
 * stay, so they stay where people find them (a lead's records linked to it alone go with it instead: see
 * moveRecordsOfLead). Restoring does not link them again; the audit trail says what was let go.
 */
export async function releaseLinksTo(tx: Db, viewer: Viewer, field: ReleasedLink, id: string): Promise<void> {
  const release = async <Table extends VersionedTable, Api extends AuditedRecord>(
    entity: string,
    table: Table,
    toApi: (row: Table['$inferSelect']) => Api,
  ) => {
    const rows = await releaseLinks(tx, table, field, id);
    await recordCarriedAlong(tx, viewer, entity, rows.map(toApi), field, id);
  };
  if (field !== 'opportunityId') await release('opportunities', opportunities, toOpportunity);
  await release('activities', activities, toActivity);
  await release('tasks', tasks, (row) => toTask(row));
  await release('communications', communications, toCommunication);
  await release('notes', notes, toNote);
  await release('attachments', attachments, toAttachment);
}

/**
 * A lead being deleted (at `deletedAt`) takes along the activities, tasks, messages and notes linked to it
 * alone, audited as deletions, and the records linked to something else as well let go of it. Its restore
 * (`deletedAt` → null) brings back exactly those it took along. Answers the leads' activities moved, whose
 * scores count them.
 */
export async function moveRecordsOfLead(
  tx: Db,
  viewer: Viewer,
  leadId: string,
  deletedAt: { from: Date | null; to: Date | null },
): Promise<void> {
  const action = deletedAt.to === null ? 'restore' : 'delete';
  const move = async <Table extends VersionedTable, Api extends AuditedRecord>(
    entity: string,
    table: Table,
    toApi: (row: Table['$inferSelect']) => Api,
  ) => {
    for (const row of await moveDeletedAtOfLinkedOnly(tx, table, 'leadId', leadId, deletedAt)) {
      const record = toApi(row);
      await recordChange(tx, viewer, {
        action,
        entity,
        entityId: record.id,
        before: action === 'delete' ? { ...record, version: record.version - 1 } : null,
        after: action === 'delete' ? null : record,
      });
    }
  };
  await move('activities', activities, toActivity);
  await move('tasks', tasks, (row) => toTask(row));
  await move('communications', communications, toCommunication);
  await move('notes', notes, toNote);
  await move('attachments', attachments, toAttachment);
  if (action === 'delete') await releaseLinksTo(tx, viewer, 'leadId', leadId);
}

type AuditedRecord = Record<string, unknown> & { id: string; version: number };
