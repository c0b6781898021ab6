import { v7 as uuidv7 } from 'uuid';
import type {
  Approval,
  DecideApprovalInput,
  ListApprovalsQuery,
  RequestApprovalInput,
} from '../../../shared/contracts/approvals.js';
import { isClosedStage, type OpportunityStage } from '../../../shared/contracts/opportunities.js';
import { AppError, notFound } from '../../../shared/errors.js';
import { formatMoney } from '../../../shared/money.js';
import type { Db } from '../../db/client.js';
import { approvals } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { staleVersion } from '../../platform/concurrency.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import { isAdmin, SYSTEM_USER_ID, type Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { recordChange } from '../audit/audit.service.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { findVisibleOpportunity, lockOpportunity } from '../opportunities/opportunities.repository.js';
import { refreshApprovalStatus } from '../opportunities/opportunities.service.js';
import { findUserName } from '../users/users.repository.js';
import { emailDecisionLink } from './approval-email.js';
import { approvalPolicyOf, approvalStatusFor, needsApproval } from './approval-rules.js';
import {
  findApproverFor,
  findLatestApproval,
  findVisibleApproval,
  insertApproval,
  listApprovals as listApprovalRows,
  toApproval,
} from './approvals.repository.js';

const ENTITY = 'approvals';

export function listApprovals(deps: Deps, viewer: Viewer, query: ListApprovalsQuery) {
  return listApprovalRows(deps.database.db, viewer, query);
}

export async function getApproval(deps: Deps, viewer: Viewer, id: string): Promise<Approval> {
  const row = await findVisibleApproval(deps.database.db, viewer, id);
  if (!row) throw notFound('approval');
  return toApproval(row);
}

/**
 * Asks for approval of a deal at or above the threshold, by someone who may change it. The approval
 * goes to the owner's manager (or the first active admin) and records the amount it is for; the deal's
 * approvalStatus becomes pending. The deal row is locked, so two requests cannot both pass the checks.
 */
export async function requestApproval(
  deps: Deps,
  viewer: Viewer,
  opportunityId: string,
  input: RequestApprovalInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
  /** If-Match of the deal, whose approval status the request changes. */
  expectedVersion: number | undefined,
): Promise<Approval> {
  const payload = { opportunityId, ...input };
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload }, async (tx) => {
    if (!(await findVisibleOpportunity(tx, viewer, opportunityId))) throw notFound('opportunity');
    const deal = await lockOpportunity(tx, opportunityId);
    if (!deal) throw notFound('opportunity');
    if (!mayChange(viewer, deal.ownerId)) {
      throw new AppError('forbidden', "only the deal's owner, their managers and admins may ask for its approval");
    }
    if (expectedVersion !== undefined && expectedVersion !== deal.version) throw staleVersion(deal.version);
    if (isClosedStage(deal.stage as OpportunityStage)) throw new AppError('conflict', 'the deal is closed');
    if (!needsApproval(deal, approvalPolicyOf(deps))) {
      const threshold = formatMoney(deps.config.approvalThreshold, deps.config.defaultCurrency);
      throw new AppError('conflict', `no approval needed: the amount is below the approval threshold (${threshold})`);
    }
    const latest = await findLatestApproval(tx, opportunityId);
    if (latest?.status === 'pending') throw new AppError('conflict', 'an approval of this deal is already pending');
    if (approvalStatusFor(deal, latest) === 'approved') {
      throw new AppError('conflict', 'the deal is already approved for this amount');
    }
    const approverId = await findApproverFor(tx, deal.ownerId);
    const row = await insertApproval(tx, {
      id: uuidv7(),
      opportunityId,
      requestedById: actorOf(viewer),
      approverId: approverId ?? null,
      status: 'pending',
      amount: deal.amount,
      currency: deal.currency,
      requestComment: input.comment ?? null,
      // Set with the e-mail that carries the link (approval-email.ts).
      decisionTokenHash: null,
    });
    const approval = toApproval(row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: approval.id,
      before: null,
      after: approval,
    });
    await refreshApprovalStatus(tx, viewer, opportunityId);
    if (approverId && approverId !== viewer.userId) {
      const requester = await findUserName(tx, actorOf(viewer));
      await createNotifications(tx, deps, [
        {
          userId: approverId,
          kind: 'approval_requested',
          title: `Approval requested: ${deal.name}`,
          body: `${requester} asks you to approve ${formatMoney(deal.amount, deal.currency)} to close this deal as won.${input.comment ? ` “${input.comment}”` : ''}`,
          entity: 'opportunities',
          entityId: opportunityId,
        },
      ]);
      await emailDecisionLink(tx, deps, row, { requesterId: actorOf(viewer), comment: input.comment ?? null });
    }
    return approval;
  });
  return result;
}

/**
 * Approves or rejects a pending approval: its approver or any admin may. Anyone else gets 403 when they
 * can see it and 404 when not. The version guard makes a concurrent second decision a 409.
 */
export function decideApproval(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: DecideApprovalInput,
  expectedVersion: number | undefined,
): Promise<Approval> {
  return inTransaction(deps.database.db, async (tx) => {
    const current = await findVisibleApproval(tx, viewer, id);
    if (!current) throw notFound('approval');
    if (!isAdmin(viewer) && current.approverId !== viewer.userId) {
      throw new AppError('forbidden', 'only the assigned approver or an admin may decide this approval');
    }
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw staleVersion(current.version);
    if (current.status !== 'pending') throw alreadyDecided(current.status);
    const row = await updateVersionedRow(
      tx,
      approvals,
      id,
      {
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        decisionComment: input.comment ?? null,
        decidedById: actorOf(viewer),
        decidedAt: new Date(),
      },
      { expectedVersion: current.version },
    );
    if (!row) throw alreadyDecided('decided');
    const approval = toApproval(row);
    await recordChange(tx, viewer, {
      action: 'decide',
      entity: ENTITY,
      entityId: id,
      before: toApproval(current),
      after: approval,
    });
    await refreshApprovalStatus(tx, viewer, current.opportunityId);
    await notifyDecision(tx, deps, viewer, approval);
    return approval;
  });
}

/** Tells whoever asked, and the deal's owner, how their approval was decided (not the decider). */
async function notifyDecision(tx: Db, deps: Deps, viewer: Viewer, approval: Approval): Promise<void> {
  const deal = await lockOpportunity(tx, approval.opportunityId);
  if (!deal) return;
  const recipients = new Set([approval.requestedById, deal.ownerId].filter((id): id is string => Boolean(id)));
  recipients.delete(viewer.userId);
  if (recipients.size === 0) return;
  const decider = await findUserName(tx, actorOf(viewer));
  const verdict = approval.status === 'approved' ? 'approved' : 'rejected';
  const body = `${decider} ${verdict} ${formatMoney(approval.amount, approval.currency)}${
    verdict === 'approved' ? ': the deal can close as won.' : '.'
  }${approval.decisionComment ? ` “${approval.decisionComment}”` : ''}`;
  await createNotifications(
    tx,
    deps,
    [...recipients].map((userId) => ({
      userId,
      kind: 'approval_decided',
      title: `Deal ${verdict}: ${deal.name}`,
      body,
      entity: 'opportunities',
      entityId: approval.opportunityId,
    })),
  );
}

function alreadyDecided(status: string): AppError {
  return new AppError('conflict', `the approval was already ${status}`);
}

function actorOf(viewer: Viewer): string | null {
  return viewer.userId === SYSTEM_USER_ID ? null : viewer.userId;
}
