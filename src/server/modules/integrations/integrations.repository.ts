import { sql } from 'drizzle-orm';
import type { SyncProblem } from '../../../shared/contracts/integrations.js';
import { type Db, queryRows } from '../../db/client.js';

/** Problems listed at most: the rest are in the counts. */
const PROBLEMS_LISTED = 100;

/** What the integrations still have to do, and what they fail at: for monitoring, read at scrape time. */
export type SyncBacklogs = {
  /** Outbound e-mail waiting to be sent (at its time, or for its next attempt). */
  mailQueued: number;
  /** Microsoft 365 mail folders read without trouble, and those whose last rounds failed. */
  mailboxFolders: { ok: number; failing: number };
  /** Outlook events to write, and those whose last attempts failed. */
  outlookEvents: { due: number; failing: number };
  /** Webhook deliveries still to be accepted, and those given up on (kept for a while for the log). */
  webhookDeliveries: { pending: number; failed: number };
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
        (select count(*) from outlook_events where failures > 0)::int as events_failing,
        (select count(*) from webhook_deliveries where status = 'pending')::int as deliveries_pending,
        (select count(*) from webhook_deliveries where status = 'failed')::int as deliveries_failed`,
  );
  return {
    mailQueued: row?.mail_queued ?? 0,
    mailboxFolders: { ok: row?.folders_ok ?? 0, failing: row?.folders_failing ?? 0 },
    outlookEvents: { due: row?.events_due ?? 0, failing: row?.events_failing ?? 0 },
    webhookDeliveries: { pending: row?.deliveries_pending ?? 0, failed: row?.deliveries_failed ?? 0 },
  };
}

type CountRow = {
  mailboxes_ok: number;
  mailboxes_failing: number;
  events_synced: number;
  events_due: number;
  events_failing: number;
};

/** Users by how their mail is read (a user is failing when either folder is), and Outlook events by state. */
export async function countSyncStates(db: Db): Promise<CountRow> {
  const [row] = await queryRows<CountRow>(
    db,
    sql`
      select
        (select count(*) from (select user_id from mailbox_sync_states group by user_id
          having max(failures) = 0) ok)::int as mailboxes_ok,
        (select count(distinct user_id) from mailbox_sync_states where failures > 0)::int as mailboxes_failing,
        (select count(*) from outlook_events where retry_at is null)::int as events_synced,
        (select count(*) from outlook_events where retry_at is not null and failures = 0)::int as events_due,
        (select count(*) from outlook_events where failures > 0)::int as events_failing`,
  );
  return row as CountRow;
}

/**
 * Each user something fails for, once per sync: their worst mail folder, or their Outlook event with the
 * most failures, with when it last worked for them (an event row's synced_at is its last write only once
 * it has an event; before, it is when the event came to be wanted). Most failures first.
 */
export async function findSyncProblems(db: Db): Promise<SyncProblem[]> {
  const rows = await queryRows<{
    user_id: string;
    name: string;
    email: string;
    sync: 'mailbox' | 'calendar';
    failures: number;
    last_error: string | null;
    last_synced_at: string | null;
  }>(
    db,
    sql`
      select u.id as user_id, u.name, u.email, p.sync, p.failures, p.last_error, p.last_synced_at
      from (
        (select distinct on (user_id) user_id, 'mailbox' as sync, failures, last_error, synced_at as last_synced_at
        from mailbox_sync_states where failures > 0
        order by user_id, failures desc)
      union all
        (select distinct on (user_id) user_id, 'calendar', failures, last_error,
          (select max(synced_at) from outlook_events ok
            where ok.user_id = e.user_id and ok.failures = 0 and ok.event_id is not null)
        from outlook_events e where failures > 0
        order by user_id, failures desc)
      ) p
      join users u on u.id = p.user_id
      order by p.failures desc, u.name, p.sync
      limit ${PROBLEMS_LISTED}`,
  );
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name,
    email: row.email,
    sync: row.sync,
    failures: row.failures,
    lastError: row.last_error,
    lastSyncedAt: row.last_synced_at === null ? null : new Date(row.last_synced_at).toISOString(),
  }));
}
