import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';

/** What the integrations still have to do, and what they fail at: for monitoring, read at scrape time. */
export type SyncBacklogs = {
  /** Outbound e-mail waiting to be sent (at its time, or for its next attempt). */
  mailQueued: number;
  /** Microsoft 365 mail folders read without trouble, and those whose last rounds failed. */
  mailboxFolders: { ok: number; failing: number };
  /** Outlook events to write, and those whose last attempts failed. */
  outlookEvents: { due: number; failing: number };
};

export async function measureSyncBacklogs(db: Db): Promise<SyncBacklogs> {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`
      select
        (select count(*) from communications where status = 'queued' and channel = 'email'
          and direction = 'outbound' and deleted_at is null)::int as mail_queued,
        (select count(*) from mailbox_sync_states where failures = 0)::int as folders_ok,
        (select count(*) from mailbox_sync_states where failures > 0)::int as folders_failing,
        (select count(*) from outlook_events where retry_at is not null and failures = 0)::int as events_due,
        (select count(*) from outlook_events where failures > 0)::int as events_failing`,
  );
  return {
    mailQueued: row?.mail_queued ?? 0,
    mailboxFolders: { ok: row?.folders_ok ?? 0, failing: row?.folders_failing ?? 0 },
    outlookEvents: { due: row?.events_due ?? 0, failing: row?.events_failing ?? 0 },
  };
}
