import type { ApprovalDecisionStatus } from '../../../shared/contracts/approvals.js';
import type { ApprovalStatus } from '../../../shared/contracts/opportunities.js';
import { formatMoney } from '../../../shared/money.js';
import type { Config } from '../../config.js';

/** The latest approval of a deal, as far as the rules care: what it says, for which amount in which currency. */
export type LatestApproval = { status: ApprovalDecisionStatus; amount: number; currency: string } | undefined;

export type Money = { amount: number; currency: string };

/** The approval threshold (in the default currency) and the rates other currencies are compared through. */
export type ApprovalPolicy = { threshold: number; defaultCurrency: string; exchangeRates: Record<string, number> };

export const approvalPolicyOf = (deps: { config: Config }): ApprovalPolicy => ({
  threshold: deps.config.approvalThreshold,
  defaultCurrency: deps.config.defaultCurrency,
  exchangeRates: deps.config.exchangeRates,
});

/**
 * The deal's approvalStatus, derived from its latest approval and current amount: an approval covers
 * the amount it was asked for and anything smaller, in the same currency, so a deal that grew past it
 * (or changed currency) is back to `not_required` (no approval on record for this amount) and needs a
 * new request before closing as won.
 */
export function approvalStatusFor(deal: Money, latest: LatestApproval): ApprovalStatus {
  if (!latest) return 'not_required';
  if (latest.status === 'approved') return isCovered(deal, latest) ? 'approved' : 'not_required';
  return latest.status;
}

/**
 * Whether a deal needs an approval to close as won: its value in the default currency is at or above the
 * threshold, or it cannot be told. A currency without a rate is not guessed at: a threshold one could
 * pass by entering the amount in a currency of smaller units would control nothing.
 */
export function needsApproval(deal: Money, policy: ApprovalPolicy): boolean {
  const value = valueInDefaultCurrency(deal, policy);
  return value === undefined || value >= policy.threshold;
}

/** Whether a deal of this amount may close as won: no approval needed, or approved for at least this amount. */
export function mayCloseAsWon(deal: Money, policy: ApprovalPolicy, latest: LatestApproval): boolean {
  return !needsApproval(deal, policy) || (latest?.status === 'approved' && isCovered(deal, latest));
}

/** Why a deal needs an approval, in words for the refusal that asks for one. */
export function approvalReason(deal: Money, policy: ApprovalPolicy): string {
  const threshold = formatMoney(policy.threshold, policy.defaultCurrency);
  if (valueInDefaultCurrency(deal, policy) === undefined) {
    return `deals in ${deal.currency} need an approval to close as won, as no rate to ${policy.defaultCurrency} is set to compare them with the approval threshold of ${threshold} (MERIDIAN_EXCHANGE_RATES)`;
  }
  return `this deal of ${formatMoney(deal.amount, deal.currency)} is at or above the approval threshold of ${threshold}`;
}

function valueInDefaultCurrency(deal: Money, policy: ApprovalPolicy): number | undefined {
  if (deal.currency === policy.defaultCurrency) return deal.amount;
  const rate = policy.exchangeRates[deal.currency];
  return rate === undefined ? undefined : deal.amount * rate;
}

const isCovered = (deal: Money, approval: NonNullable<LatestApproval>) =>
  approval.currency === deal.currency && deal.amount <= approval.amount;
