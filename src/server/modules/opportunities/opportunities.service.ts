import { v7 as uuidv7 } from 'uuid';
import type {
  ChangeStageInput,
  CreateOpportunityInput,
  ListOpportunitiesQuery,
  MoveOpportunityInput,
  Opportunity,
  OpportunityStage,
  StageHistoryEntry,
  UpdateOpportunityInput,
} from '../../../shared/contracts/opportunities.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { opportunities } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { releaseLinksTo } from '../../platform/released-links.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import { isAdmin, SYSTEM_USER_ID, type Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { findVisibleAccount } from '../accounts/accounts.repository.js';
import {
  approvalPolicyOf,
  approvalReason,
  approvalStatusFor,
  type LatestApproval,
  mayCloseAsWon,
} from '../approvals/approval-rules.js';
import { findLatestApproval } from '../approvals/approvals.repository.js';
import { recordChange } from '../audit/audit.service.js';
import { findContactInAccount } from '../contacts/contacts.repository.js';
import { requireOwner } from '../users/users.service.js';
import { placeCard } from './board.js';
import { sumLineItems } from './line-items.repository.js';
import {
  endOfColumn,
  findVisibleLeadId,
  findVisibleOpportunity,
  insertOpportunity,
  insertStageHistory,
  listOpportunities as listOpportunityRows,
  listStageHistory,
  lockOpportunity,
  type OpportunityRow,
  toOpportunity,
} from './opportunities.repository.js';
import { planStage, toCents } from './stage-rules.js';

const ENTITY = 'opportunities';

function lifecycle(viewer: Viewer): Lifecycle<typeof opportunities, Opportunity> {
  return {
    table: opportunities,
    entity: ENTITY,
    label: 'opportunity',
    find: (tx, id, options) => findVisibleOpportunity(tx, viewer, id, options),
    toApi: toOpportunity,
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listOpportunities(deps: Deps, viewer: Viewer, query: ListOpportunitiesQuery) {
  return listOpportunityRows(deps.database.db, viewer, query);
}

export async function getOpportunity(deps: Deps, viewer: Viewer, id: string): Promise<Opportunity> {
  const row = await findVisibleOpportunity(deps.database.db, viewer, id);
  if (!row) throw notFound('opportunity');
  return toOpportunity(row);
}

export async function getOpportunityHistory(
  deps: Deps,
  viewer: Viewer,
  id: string,
): Promise<{ data: StageHistoryEntry[] }> {
  const row = await findVisibleOpportunity(deps.database.db, viewer, id);
  if (!row) throw notFound('opportunity');
  return { data: await listStageHistory(deps.database.db, id) };
}

export async function createOpportunity(
  deps: Deps,
  viewer: Viewer,
  input: CreateOpportunityInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Opportunity> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, (tx) =>
    createOpportunityInTransaction(tx, deps, viewer, input),
  );
  return result;
}

/**
 * Creates a deal inside the caller's transaction (lead conversion creates one with its account and
 * contact): checks the references, applies the stage rules, puts the card at the end of its column,
 * and writes the first stage-history entry and the audit row.
 */
export async function createOpportunityInTransaction(
  tx: Db,
  deps: Deps,
  viewer: Viewer,
  input: CreateOpportunityInput,
): Promise<Opportunity> {
  await requireAccount(tx, viewer, input.accountId);
  if (input.contactId) await requireContactOfAccount(tx, input.contactId, input.accountId);
  if (input.leadId && !(await findVisibleLeadId(tx, viewer, input.leadId))) {
    throw new AppError('invalid_request', 'the lead does not exist', {
      errors: [{ path: 'leadId', message: 'no such lead' }],
    });
  }
  const ownerId = input.ownerId === undefined ? viewer.userId : input.ownerId;
  await requireOwner(tx, viewer, ownerId);
  const amount = toCents(input.amount);
  const plan = planStage(null, { ...input, amount }, { mayReopen: true, now: new Date() });
  if (plan.stage === 'closed_won') {
    requireApprovalToWin(deps, { amount, currency: input.currency ?? deps.config.defaultCurrency }, undefined);
  }
  const row = await insertOpportunity(tx, {
    id: uuidv7(),
    name: input.name,
    accountId: input.accountId,
    contactId: input.contactId,
    leadId: input.leadId,
    ownerId,
    stage: plan.stage,
    probability: plan.probability,
    amount,
    currency: input.currency ?? deps.config.defaultCurrency,
    closeDate: plan.closeDate ?? input.closeDate,
    requirements: input.requirements,
    productInterest: input.productInterest,
    competitors: input.competitors,
    risks: input.risks,
    lossReason: plan.lossReason,
    closedAt: plan.closedAt,
    approvalStatus: 'not_required',
    position: await endOfColumn(tx, plan.stage),
  });
  await writeHistory(tx, viewer, { row, fromStage: null, reason: null });
  const opportunity = toOpportunity(row);
  await recordChange(tx, viewer, {
    action: 'create',
    entity: ENTITY,
    entityId: opportunity.id,
    before: null,
    after: opportunity,
  });
  return opportunity;
}

export function updateOpportunity(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateOpportunityInput,
  expectedVersion: number | undefined,
): Promise<Opportunity> {
  return inTransaction(deps.database.db, (tx) =>
    applyChange(tx, deps, viewer, id, input, { expectedVersion, reason: null }),
  );
}

/** `POST …/stage`: the same rules as a PATCH of the stage, with a reason kept in the history. */
export function changeOpportunityStage(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: ChangeStageInput,
  expectedVersion: number | undefined,
): Promise<Opportunity> {
  const { reason, ...change } = input;
  // API.md names the body {stage, reason?}: closing as lost, the reason given is the loss reason.
  if (change.stage === 'closed_lost' && change.lossReason === undefined && reason) change.lossReason = reason;
  return inTransaction(deps.database.db, (tx) =>
    applyChange(tx, deps, viewer, id, change, { expectedVersion, reason: reason ?? null }),
  );
}

/** `POST …/move`: a board drag, into another column (a stage change like any other) or within one. */
export function moveOpportunity(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: MoveOpportunityInput,
  expectedVersion: number | undefined,
): Promise<Opportunity> {
  const { reason, afterId, beforeId, ...change } = input;
  return inTransaction(deps.database.db, (tx) =>
    applyChange(tx, deps, viewer, id, change, {
      expectedVersion,
      reason: reason ?? null,
      place: (stage) => placeCard(tx, viewer, stage, id, { afterId, beforeId }),
    }),
  );
}

/** Soft-deletes a deal; the activities, tasks, messages and notes about it let go of it (see releaseLinksTo). */
export async function deleteOpportunity(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    await softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    await releaseLinksTo(tx, viewer, 'opportunityId', id);
  });
}

export function restoreOpportunity(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Opportunity> {
  return inTransaction(deps.database.db, (tx) => restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

/**
 * Re-derives a deal's approvalStatus from its latest approval, after an approval was asked for or
 * decided. The caller has authorised the approval action, not a change of the deal, so the deal is
 * read unscoped; it is locked so a concurrent amount change sees the new approval.
 */
export async function refreshApprovalStatus(tx: Db, viewer: Viewer, opportunityId: string): Promise<void> {
  const current = await lockOpportunity(tx, opportunityId);
  if (!current) return;
  const approvalStatus = approvalStatusFor(current, await findLatestApproval(tx, opportunityId));
  if (approvalStatus === current.approvalStatus) return;
  const row = await updateVersionedRow(
    tx,
    opportunities,
    opportunityId,
    { approvalStatus },
    { expectedVersion: undefined },
  );
  if (!row) return;
  await recordChange(tx, viewer, {
    action: 'update',
    entity: ENTITY,
    entityId: opportunityId,
    before: toOpportunity(current),
    after: toOpportunity(row),
  });
}

type Change = Omit<UpdateOpportunityInput, 'stage'> & { stage?: OpportunityStage | undefined };

/**
 * Every change of a deal (PATCH, stage, move) in the caller's transaction: the stage rules, the
 * references, the approval gate for closed_won, the board position and, when the stage moved, a
 * history entry with the amount and probability it now has.
 */
async function applyChange(
  tx: Db,
  deps: Deps,
  viewer: Viewer,
  id: string,
  change: Change,
  options: {
    expectedVersion: number | undefined;
    reason: string | null;
    /** Where the card goes on the board; by default a stage change puts it at the end of its new column. */
    place?: (stage: OpportunityStage) => Promise<number>;
    /** The amount is the new sum of the deal's products (line-items.service), not a user's figure. */
    fromLineItems?: boolean;
  },
): Promise<Opportunity> {
  const { before, row } = await changeRecord(tx, viewer, lifecycle(viewer), id, {
    expectedVersion: options.expectedVersion,
    prepare: async (found) => {
      const current = (await lockOpportunity(tx, id)) ?? found;
      if (!options.fromLineItems) await requireAmountOfItsOwn(tx, current, change);
      const amount = change.amount === undefined ? current.amount : toCents(change.amount);
      const plan = planStage(
        { ...current, stage: current.stage as OpportunityStage },
        { ...change, amount: change.amount === undefined ? undefined : amount },
        { mayReopen: mayReopen(viewer, current.ownerId), now: new Date() },
      );
      const accountId = change.accountId ?? current.accountId;
      if (accountId !== current.accountId) await requireAccount(tx, viewer, accountId);
      const contactId = change.contactId === undefined ? current.contactId : change.contactId;
      if (contactId && (contactId !== current.contactId || accountId !== current.accountId)) {
        await requireContactOfAccount(tx, contactId, accountId);
      }
      if (change.ownerId !== current.ownerId) {
        await requireOwner(tx, viewer, change.ownerId);
      }
      const latestApproval = await findLatestApproval(tx, id);
      if (plan.stage === 'closed_won' && plan.stageChanged) {
        const currency = change.currency ?? current.currency;
        requireApprovalToWin(deps, { amount, currency }, latestApproval, id);
      }
      const position = options.place
        ? await options.place(plan.stage)
        : plan.stageChanged
          ? await endOfColumn(tx, plan.stage)
          : undefined;
      return withoutUndefined({
        name: change.name,
        accountId: change.accountId,
        contactId: change.contactId,
        ownerId: change.ownerId,
        currency: change.currency,
        closeDate: plan.closeDate ?? change.closeDate,
        requirements: change.requirements,
        productInterest: change.productInterest,
        competitors: change.competitors,
        risks: change.risks,
        amount,
        stage: plan.stage,
        probability: plan.probability,
        lossReason: plan.lossReason,
        closedAt: plan.closedAt,
        approvalStatus: approvalStatusFor({ amount, currency: change.currency ?? current.currency }, latestApproval),
        position,
      });
    },
  });
  if (before.stage !== row.stage)
    await writeHistory(tx, viewer, { row, fromStage: before.stage, reason: options.reason });
  return toOpportunity(row);
}

/**
 * The amount of a deal with products is the sum of its lines, in the deal's currency: a figure typed over
 * it, or another currency, would disagree with them. `409`, saying where to change it.
 */
async function requireAmountOfItsOwn(tx: Db, current: OpportunityRow, change: Change): Promise<void> {
  const amountChanges = change.amount !== undefined && toCents(change.amount) !== current.amount;
  const currencyChanges = change.currency !== undefined && change.currency !== current.currency;
  if (!amountChanges && !currencyChanges) return;
  if ((await sumLineItems(tx, current.id)).count === 0) return;
  throw new AppError('conflict', "the deal's amount is the sum of its products: change those, or remove them first", {
    errors: [{ path: amountChanges ? 'amount' : 'currency', message: 'set by the deal’s products' }],
  });
}

/**
 * Writes the sum of a deal's lines as its amount, in the caller's transaction, through the same rules as
 * any change of the deal (approval state, audit, webhooks), as the user who changed the lines.
 */
export function setAmountFromLineItems(
  tx: Db,
  deps: Deps,
  viewer: Viewer,
  id: string,
  amount: number,
): Promise<Opportunity> {
  return applyChange(
    tx,
    deps,
    viewer,
    id,
    { amount },
    { expectedVersion: undefined, reason: null, fromLineItems: true },
  );
}

/**
 * The open deal whose lines the viewer may change: `404` when they may not see it, `403` when they may
 * see but not change it, `409` once it is closed (what was won or lost stays as it was).
 */
export async function requireChangeableOpportunity(tx: Db, viewer: Viewer, id: string): Promise<OpportunityRow> {
  const row = await findVisibleOpportunity(tx, viewer, id);
  if (!row) throw notFound('opportunity');
  requireChangeRight(viewer, row);
  if (row.stage === 'closed_won' || row.stage === 'closed_lost') {
    throw new AppError('conflict', "a closed deal's products stay as they were: reopen the deal to change them");
  }
  return row;
}

async function writeHistory(
  tx: Db,
  viewer: Viewer,
  entry: { row: OpportunityRow; fromStage: string | null; reason: string | null },
): Promise<void> {
  const { row } = entry;
  await insertStageHistory(tx, {
    id: uuidv7(),
    opportunityId: row.id,
    fromStage: entry.fromStage,
    toStage: row.stage,
    amount: row.amount,
    probability: row.probability,
    // A lost deal's history says why, even when no separate reason was given.
    reason: entry.reason ?? (row.stage === 'closed_lost' ? row.lossReason : null),
    changedById: viewer.userId === SYSTEM_USER_ID ? null : viewer.userId,
  });
}

function requireApprovalToWin(
  deps: Deps,
  deal: { amount: number; currency: string },
  latest: LatestApproval,
  dealId?: string,
): void {
  const policy = approvalPolicyOf(deps);
  if (mayCloseAsWon(deal, policy, latest)) return;
  const reason = approvalReason(deal, policy);
  throw new AppError(
    'conflict',
    `${reason.charAt(0).toUpperCase()}${reason.slice(1)}: it can close as won once an approval for at least this amount is granted. Request one first.`,
    {
      errors: [{ path: 'stage', message: 'approval required to close as won' }],
      // Where to ask for it, for clients that act on the answer.
      ...(dealId ? { details: { approvalRequest: `/api/v1/opportunities/${dealId}/approval-request` } } : {}),
    },
  );
}

/** Reopening a closed deal (or flipping its outcome) is a manager's call, not the owner's. */
function mayReopen(viewer: Viewer, ownerId: string | null): boolean {
  if (isAdmin(viewer)) return true;
  return ownerId === null ? viewer.role === 'manager' : viewer.reportIds.includes(ownerId);
}

function requireChangeRight(viewer: Viewer, row: OpportunityRow) {
  if (!mayChange(viewer, row.ownerId)) {
    throw new AppError('forbidden', "only the opportunity's owner, their managers and admins may change it");
  }
}

async function requireAccount(tx: Db, viewer: Viewer, accountId: string) {
  if (!(await findVisibleAccount(tx, viewer, accountId, { holdForNewRecords: true }))) {
    throw new AppError('invalid_request', 'the account does not exist', {
      errors: [{ path: 'accountId', message: 'no such account' }],
    });
  }
}

async function requireContactOfAccount(tx: Db, contactId: string, accountId: string) {
  if (!(await findContactInAccount(tx, contactId, accountId))) {
    throw new AppError('invalid_request', "the contact must be one of the deal's account", {
      errors: [{ path: 'contactId', message: 'not a contact of this account' }],
    });
  }
}

function withoutUndefined<T extends Record<string, unknown>>(columns: T): Partial<T> {
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as Partial<T>;
}
