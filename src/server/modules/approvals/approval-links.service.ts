import { timingSafeEqual } from 'node:crypto';
import type { ApprovalLink, DecideByLinkInput } from '../../../shared/contracts/approvals.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { viewerForUser } from '../auth/auth.service.js';
import { sha256 } from '../auth/secrets.js';
import { LINK_LIFETIME_DAYS } from './approval-email.js';
import { type ApprovalRow, findApprovalDeal, findApprovalRow, findPerson, toApproval } from './approvals.repository.js';
import { decideApproval } from './approvals.service.js';

const DAY_MS = 86_400_000;

/** The approval, its deal and the people around it, for whoever holds the link. */
export async function readApprovalLink(deps: Deps, id: string, token: string): Promise<ApprovalLink> {
  const approval = await approvalOfLink(deps.database.db, id, token);
  return describe(deps.database.db, approval);
}

/**
 * Decides as the approver the link was sent to. The decision is the same as in the app (the approver's
 * own rights, the deal's approval status, the requester told), so an approver who has left, or an
 * approval decided meanwhile, is refused here as there.
 */
export async function decideByLink(deps: Deps, id: string, input: DecideByLinkInput): Promise<ApprovalLink> {
  const approval = await approvalOfLink(deps.database.db, id, input.token);
  if (!approval.approverId) throw new AppError('forbidden', 'this approval has no approver to decide it');
  const approver = await viewerForUser(deps, approval.approverId).catch(() => {
    throw new AppError('forbidden', "the approver's account is no longer active: an admin can decide in Meridian");
  });
  await decideApproval(deps, approver, id, { decision: input.decision, comment: input.comment }, undefined);
  return readApprovalLink(deps, id, input.token);
}

/** The approval the token opens: a wrong, replaced or expired token is 404, whether or not the id exists. */
async function approvalOfLink(db: Db, id: string, token: string): Promise<ApprovalRow> {
  const row = await findApprovalRow(db, id);
  if (!row?.decisionTokenHash || !sameHash(row.decisionTokenHash, sha256(token))) {
    throw new AppError('not_found', 'no approval has this link: check that it was copied whole');
  }
  if (row.status === 'pending' && Date.now() - row.createdAt.getTime() > LINK_LIFETIME_DAYS * DAY_MS) {
    throw new AppError('not_found', 'this approval link has expired: decide in Meridian instead');
  }
  return row;
}

function sameHash(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function describe(db: Db, approval: ApprovalRow): Promise<ApprovalLink> {
  const [deal, requester, approver, decider] = await Promise.all([
    findApprovalDeal(db, approval.opportunityId),
    approval.requestedById ? findPerson(db, approval.requestedById) : undefined,
    approval.approverId ? findPerson(db, approval.approverId) : undefined,
    approval.decidedById ? findPerson(db, approval.decidedById) : undefined,
  ]);
  if (!deal) throw new AppError('not_found', 'the deal of this approval no longer exists');
  return {
    approval: toApproval(approval),
    deal,
    requestedByName: requester?.name ?? null,
    approverName: approver?.name ?? null,
    decidedByName: decider?.name ?? null,
  };
}
