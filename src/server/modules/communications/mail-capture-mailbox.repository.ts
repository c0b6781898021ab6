import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { mailboxSyncStates } from '../../db/schema/index.js';
import type { MailboxFolder } from '../../integrations/graph/mailbox.js';

export type MailboxSyncState = typeof mailboxSyncStates.$inferSelect;
/** A folder leased for one round, with the address of its mailbox. */
export type LeasedFolder = MailboxSyncState & { mailbox: string };

/**
 * Starts the sync of every active user's folders that have none yet, from `since`: mail already in a
 * mailbox when its sync starts is history, not imported.
 */
export async function addMissingSyncStates(db: Db, folders: readonly MailboxFolder[], since: Date): Promise<void> {
  await db.execute(sql`
    insert into mailbox_sync_states (user_id, folder, since)
    select users.id, folder, ${since.toISOString()}::timestamptz
    from users cross join unnest(array[${sql.join(
      folders.map((folder) => sql`${folder}`),
      sql`, `,
    )}]::text[]) as folder
    where users.active and users.deleted_at is null
    on conflict (user_id, folder) do nothing`);
}

/**
 * Leases up to `limit` folders of active users that no worker holds and that are not waiting out a
 * back-off (both are `lease_until` in the future), the least recently synced first. A deactivated user's
 * folders are left as they are, and carry on from there if the user is activated again.
 */
export async function leaseDueFolders(
  db: Db,
  options: { now: Date; leaseUntil: Date; limit: number },
): Promise<LeasedFolder[]> {
  const rows = await queryRows<{
    user_id: string;
    folder: string;
    delta_link: string | null;
    since: string | Date;
    synced_at: string | Date | null;
    lease_until: string | Date | null;
    failures: number;
    last_error: string | null;
    mailbox: string;
  }>(
    db,
    sql`
      with due as (
        select state.user_id, state.folder from mailbox_sync_states as state
        join users on users.id = state.user_id
        where users.active and users.deleted_at is null
          and (state.lease_until is null or state.lease_until <= ${options.now.toISOString()}::timestamptz)
        order by state.synced_at nulls first, state.user_id, state.folder
        limit ${options.limit}
        for update of state skip locked
      )
      update mailbox_sync_states as state
      set lease_until = ${options.leaseUntil.toISOString()}::timestamptz
      from due, users
      where state.user_id = due.user_id and state.folder = due.folder and users.id = state.user_id
      returning state.*, users.email as mailbox`,
  );
  return rows.map((row) => ({
    userId: row.user_id,
    folder: row.folder,
    deltaLink: row.delta_link,
    since: new Date(row.since),
    syncedAt: row.synced_at === null ? null : new Date(row.synced_at),
    leaseUntil: row.lease_until === null ? null : new Date(row.lease_until),
    failures: row.failures,
    lastError: row.last_error,
    mailbox: row.mailbox,
  }));
}

/**
 * Writes the outcome of a round, provided the lease is still this worker's (a slower worker may have
 * been overtaken): answers whether it was.
 */
export async function finishFolderRound(
  db: Db,
  folder: Pick<LeasedFolder, 'userId' | 'folder' | 'leaseUntil'>,
  outcome: Partial<
    Pick<MailboxSyncState, 'deltaLink' | 'since' | 'syncedAt' | 'failures' | 'lastError' | 'leaseUntil'>
  >,
): Promise<boolean> {
  if (!folder.leaseUntil) return false;
  const rows = await db
    .update(mailboxSyncStates)
    .set(outcome)
    .where(
      and(
        eq(mailboxSyncStates.userId, folder.userId),
        eq(mailboxSyncStates.folder, folder.folder),
        eq(mailboxSyncStates.leaseUntil, folder.leaseUntil),
      ),
    )
    .returning({ userId: mailboxSyncStates.userId });
  return rows.length > 0;
}
