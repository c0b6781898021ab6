import type { Microsoft365Status } from '../../../shared/contracts/integrations.js';
import type { Deps } from '../../deps.js';
import { countSyncStates, findSyncProblems } from './integrations.repository.js';

/**
 * How the Microsoft 365 syncs are doing, for the admin who set them up: how many users' mail and events
 * are in hand, and who something fails for, with Graph's reason (usually a permission not yet granted,
 * or a user whose Meridian address is no mailbox).
 */
export async function microsoft365Status(deps: Deps): Promise<Microsoft365Status> {
  const { db } = deps.database;
  const [counts, problems] = await Promise.all([countSyncStates(db), findSyncProblems(db)]);
  const microsoft365 = deps.config.microsoft365;
  return {
    configured: microsoft365 !== null,
    mailboxSync: microsoft365?.mailboxSync ?? false,
    calendarSync: microsoft365?.calendarSync ?? false,
    mailboxes: { ok: counts.mailboxes_ok, failing: counts.mailboxes_failing },
    calendars: { synced: counts.events_synced, due: counts.events_due, failing: counts.events_failing },
    problems,
  };
}
