import {
  type HandOverCounts,
  type HandOverInput,
  type HandOverKind,
  type HandOverResult,
  type HandOverTeamKind,
  handOverKinds,
  handOverTeamKinds,
} from '../../../shared/contracts/hand-over.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { recordCarriedAlong } from '../audit/audit.service.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { requireTerritories } from '../territories/territories.service.js';
import {
  countHandOver,
  type HandOverScope,
  handOverTargets,
  moveHandOver,
  moveRecipientUp,
  teamTargets,
} from './hand-over.repository.js';
import { findReportIds, findUserForAuthentication, findUserName, findVisibleUser, toUser } from './users.repository.js';
import { requireAssignableUser } from './users.service.js';

/** How the notice names each kind of record, one and many. */
const kindNames: Record<HandOverKind | HandOverTeamKind, [string, string]> = {
  accounts: ['account', 'accounts'],
  contacts: ['contact', 'contacts'],
  leads: ['open lead', 'open leads'],
  opportunities: ['deal', 'deals'],
  tasks: ['open task', 'open tasks'],
  activities: ['planned activity', 'planned activities'],
  territories: ['territory to manage', 'territories to manage'],
  reports: ['person reporting to you', 'people reporting to you'],
  leadForms: ['lead form', 'lead forms'],
};

/**
 * Gives what a user holds to another user in one transaction: when a rep leaves, goes on leave or
 * changes territory. Whoever may change the user's records may hand them over (admins, the user's
 * managers, the user), to an active user they could assign a record to. Each record becomes a new
 * version, audited and told to webhooks as a change of its owner (or assignee) would be, and the
 * recipient is notified. A dry run answers the same counts and changes nothing.
 */
export async function handOverRecords(
  deps: Deps,
  viewer: Viewer,
  fromUserId: string,
  input: HandOverInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<HandOverResult> {
  const request = { ...idempotency, payload: { fromUserId, ...input } };
  const { result } = await runIdempotent(deps.database.db, viewer, request, async (tx) => {
    await checkHandOver(tx, viewer, fromUserId, input);
    const scope: HandOverScope = {
      fromUserId,
      toUserId: input.toUserId,
      territoryId: input.territoryId ?? null,
      includeClosed: input.includeClosed,
    };
    const moved = Object.fromEntries(
      [...handOverKinds, ...handOverTeamKinds].map((kind) => [kind, 0]),
    ) as HandOverCounts;
    for (const kind of input.records ?? handOverKinds) {
      const target = handOverTargets[kind];
      if (input.dryRun) {
        moved[kind] = await countHandOver(tx, target, scope);
        continue;
      }
      const records = await moveHandOver(tx, target, scope, input.toUserId);
      await recordCarriedAlong(tx, viewer, target.entity, records, target.field, fromUserId);
      moved[kind] = records.length;
    }
    if (input.team) Object.assign(moved, await handOverTeam(tx, deps, viewer, scope, input.dryRun));
    if (!input.dryRun) await notifyRecipient(tx, deps, viewer, fromUserId, input.toUserId, moved);
    return { fromUserId, toUserId: input.toUserId, dryRun: input.dryRun, moved };
  });
  return result;
}

/**
 * Gives the recipient the user's territories and reports. One who reported to the user now reports to
 * the user's own manager, as when someone steps into their manager's place.
 */
async function handOverTeam(
  tx: Db,
  deps: Deps,
  viewer: Viewer,
  scope: HandOverScope,
  dryRun: boolean,
): Promise<Record<HandOverTeamKind, number>> {
  const moved = { territories: 0, reports: 0, leadForms: 0 };
  for (const kind of handOverTeamKinds) {
    const target = teamTargets[kind];
    if (dryRun) {
      moved[kind] = await countHandOver(tx, target, scope);
      continue;
    }
    const records = await moveHandOver(tx, target, scope, scope.toUserId);
    await recordCarriedAlong(tx, viewer, target.entity, records, target.field, scope.fromUserId);
    moved[kind] = records.length;
  }
  if (!dryRun) {
    await stepUp(tx, viewer, scope);
    // Who sees whose records follows managers and territories: built viewers are stale now.
    deps.viewerCache.clear();
  }
  return moved;
}

async function stepUp(tx: Db, viewer: Viewer, scope: HandOverScope) {
  const steppedUp = await moveRecipientUp(tx, scope);
  if (steppedUp) await recordCarriedAlong(tx, viewer, 'users', [toUser(steppedUp)], 'managerId', scope.fromUserId);
}

async function checkHandOver(tx: Db, viewer: Viewer, fromUserId: string, input: HandOverInput) {
  if (!(await findVisibleUser(tx, viewer, fromUserId))) throw notFound('user');
  if (!mayChange(viewer, fromUserId)) {
    throw new AppError('forbidden', "only admins, the user's managers and the user may hand over their records");
  }
  if (input.toUserId === fromUserId) {
    throw new AppError('invalid_request', 'records are handed over to someone else', {
      errors: [{ path: 'toUserId', message: 'the user who holds them now' }],
    });
  }
  await requireAssignableUser(tx, viewer, input.toUserId, 'toUserId');
  if (input.territoryId) await requireTerritories(tx, [input.territoryId], 'territoryId');
  if (input.team) await checkTeamHandOver(tx, viewer, fromUserId, input.toUserId);
}

/**
 * Territories and reporting lines are the organisation, which admins keep; they go to someone who may
 * manage, and never below one of the people they would manage.
 */
async function checkTeamHandOver(tx: Db, viewer: Viewer, fromUserId: string, toUserId: string) {
  if (viewer.role !== 'admin') {
    throw new AppError('forbidden', "only admins hand over a manager's territories and team");
  }
  const recipient = await findUserForAuthentication(tx, { id: toUserId });
  if (recipient?.role === 'rep') {
    throw new AppError('invalid_request', 'a rep manages no territory or team: make them a manager first', {
      errors: [{ path: 'toUserId', message: 'not a manager or admin' }],
    });
  }
  const below = await findReportIds(tx, fromUserId);
  if (recipient && below.includes(toUserId) && recipient.managerId !== fromUserId) {
    throw new AppError(
      'invalid_request',
      "the recipient works under one of the user's reports: they would manage their own manager",
      { errors: [{ path: 'toUserId', message: 'below one of the reports to hand over' }] },
    );
  }
}

/** "Angela Shah handed you 12 accounts, 30 contacts and 4 deals." Nothing moved, nothing said. */
async function notifyRecipient(
  tx: Db,
  deps: Deps,
  viewer: Viewer,
  fromUserId: string,
  toUserId: string,
  moved: HandOverCounts,
) {
  const kinds = [...handOverKinds, ...handOverTeamKinds];
  const parts = kinds
    .filter((kind) => moved[kind] > 0)
    .map((kind) => `${moved[kind].toLocaleString('en-US')} ${kindNames[kind][moved[kind] === 1 ? 0 : 1]}`);
  if (parts.length === 0 || toUserId === viewer.userId) return;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const from = await findUserName(tx, fromUserId);
  const by = viewer.userId === fromUserId ? '' : ` (by ${await findUserName(tx, viewer.userId)})`;
  const first = kinds.find((kind) => moved[kind] > 0) as HandOverKind | HandOverTeamKind;
  await createNotifications(tx, deps, [
    {
      userId: toUserId,
      kind: 'records_handed_over',
      title: `${from}'s records are now yours`,
      body: `You were handed ${list}${by}.`,
      entity: first === 'reports' ? 'users' : first === 'leadForms' ? 'lead-forms' : first,
      entityId: null,
    },
  ]);
}
