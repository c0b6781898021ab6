import type { ApprovalDecisionStatus } from '../../../shared/contracts/approvals.js';
import type { ApprovalStatus } from '../../../shared/contracts/opportunities.js';

/** The latest approval of a deal, as far as the rules care. */
export type LatestApproval = { status: ApprovalDecisionStatus; amount: number } | undefined;

/**
 * The deal's approvalStatus, derived from its latest approval and current amount: an approval covers
 * the amount it was asked for and anything smaller, so a deal that grew past it is back to
 * `not_required` (no approval on record for this amount) and needs a new request before closing as won.
 */
export function approvalStatusFor(amount: number, latest: LatestApproval): ApprovalStatus {
  if (!latest) return 'not_required';
  if (latest.status === 'approved') return amount <= latest.amount ? 'approved' : 'not_required';
  return latest.status;
}

/** Whether a deal of this amount may close as won: below the threshold, or approved for at least this amount. */
export function mayCloseAsWon(amount: number, threshold: number, latest: LatestApproval): boolean {
  return amount < threshold || (latest?.status === 'approved' && amount <= latest.amount);
}
