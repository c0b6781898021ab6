import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { approvalReason, approvalStatusFor, mayCloseAsWon, needsApproval } from '../approvals/approval-rules.js';
import { positionBetween } from './board.js';
import { weightedAmount } from './opportunities.repository.js';
import { type DealState, planStage } from './stage-rules.js';

const now = new Date('2026-06-15T12:00:00.000Z');
const earlier = new Date('2026-06-01T09:00:00.000Z');
const open: DealState = {
  stage: 'proposal',
  probability: 55,
  amount: 1000,
  currency: 'USD',
  closeDate: '2026-09-30',
  accountId: 'a',
  lossReason: null,
  closedAt: null,
};
const lost: DealState = { ...open, stage: 'closed_lost', probability: 0, lossReason: 'price', closedAt: earlier };
const asOwner = { mayReopen: false, now };
const asManager = { mayReopen: true, now };

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('stage rules', () => {
  it('takes the probability from the stage unless given for an open stage', () => {
    expect(planStage(null, {}, asOwner)).toMatchObject({ stage: 'prospecting', probability: 10, stageChanged: true });
    expect(planStage(null, { stage: 'negotiation', probability: 60 }, asOwner).probability).toBe(60);
    expect(planStage(open, {}, asOwner)).toMatchObject({ probability: 55, stageChanged: false });
    expect(planStage(open, { stage: 'negotiation' }, asOwner).probability).toBe(75);
    expect(planStage(open, { stage: 'qualification', probability: 30 }, asOwner).probability).toBe(30);
    expect(planStage(open, { stage: 'closed_won' }, asOwner).probability).toBe(100);
    expect(errorOf(() => planStage(open, { stage: 'closed_won', probability: 90 }, asOwner)).code).toBe(
      'invalid_request',
    );
  });

  it('requires a loss reason for closed_lost only, and clears it on leaving', () => {
    expect(errorOf(() => planStage(open, { stage: 'closed_lost' }, asOwner)).errors).toEqual([
      { path: 'lossReason', message: 'required for closed_lost' },
    ]);
    expect(planStage(open, { stage: 'closed_lost', lossReason: 'budget cut' }, asOwner)).toMatchObject({
      lossReason: 'budget cut',
      probability: 0,
      closedAt: now,
    });
    expect(errorOf(() => planStage(open, { lossReason: 'nope' }, asOwner)).code).toBe('invalid_request');
    expect(errorOf(() => planStage(lost, { lossReason: null }, asOwner)).code).toBe('invalid_request');
    expect(planStage(lost, { lossReason: 'competitor' }, asOwner)).toMatchObject({
      lossReason: 'competitor',
      closedAt: earlier,
    });
    expect(planStage(lost, { stage: 'proposal' }, asManager)).toMatchObject({
      lossReason: null,
      closedAt: null,
      probability: 50,
    });
  });

  it('lets only someone above the owner reopen or flip a closed deal', () => {
    expect(errorOf(() => planStage(lost, { stage: 'negotiation' }, asOwner)).code).toBe('forbidden');
    expect(errorOf(() => planStage(lost, { stage: 'closed_won' }, asOwner)).code).toBe('forbidden');
    expect(planStage(lost, { stage: 'closed_won' }, asManager)).toMatchObject({ closedAt: now, lossReason: null });
  });

  it('freezes the amount, currency, close date and account of a closed deal', () => {
    const frozen = errorOf(() => planStage(lost, { amount: 5, closeDate: '2027-01-01' }, asManager));
    expect(frozen.code).toBe('conflict');
    expect(frozen.errors?.map((error) => error.path)).toEqual(['amount', 'closeDate']);
    // Sending the values it already has is not a change.
    expect(planStage(lost, { amount: 1000, currency: 'USD' }, asOwner).stage).toBe('closed_lost');
    // Reopening and changing together is fine.
    expect(planStage(lost, { stage: 'proposal', amount: 5 }, asManager).stage).toBe('proposal');
  });
});

describe('approval rules', () => {
  const usd = (amount: number) => ({ amount, currency: 'USD' });
  const approval = (status: 'pending' | 'approved' | 'rejected', amount: number, currency = 'USD') => ({
    status,
    amount,
    currency,
  });

  it('derives the deal status from the latest approval and the current amount and currency', () => {
    expect(approvalStatusFor(usd(500), undefined)).toBe('not_required');
    expect(approvalStatusFor(usd(500), approval('pending', 400))).toBe('pending');
    expect(approvalStatusFor(usd(500), approval('approved', 500))).toBe('approved');
    expect(approvalStatusFor(usd(501), approval('approved', 500))).toBe('not_required');
    expect(approvalStatusFor(usd(500), approval('rejected', 500))).toBe('rejected');
    // An approval of 500 dollars says nothing of 500 pounds.
    expect(approvalStatusFor({ amount: 500, currency: 'GBP' }, approval('approved', 500))).toBe('not_required');
  });

  it('lets a deal close as won below the threshold, or when approved for at least its amount', () => {
    const policy = { threshold: 100_000, defaultCurrency: 'USD', exchangeRates: { GBP: 1.25 } };
    expect(mayCloseAsWon(usd(99_999.99), policy, undefined)).toBe(true);
    expect(mayCloseAsWon(usd(100_000), policy, undefined)).toBe(false);
    expect(mayCloseAsWon(usd(100_000), policy, approval('approved', 100_000))).toBe(true);
    expect(mayCloseAsWon(usd(120_000), policy, approval('approved', 100_000))).toBe(false);
    expect(mayCloseAsWon(usd(100_000), policy, approval('pending', 100_000))).toBe(false);
  });

  it('compares other currencies through their rate, and needs an approval where there is none', () => {
    const policy = { threshold: 100_000, defaultCurrency: 'USD', exchangeRates: { GBP: 1.25, JPY: 0.0066 } };
    expect(needsApproval({ amount: 79_999, currency: 'GBP' }, policy)).toBe(false);
    expect(needsApproval({ amount: 80_000, currency: 'GBP' }, policy)).toBe(true);
    expect(needsApproval({ amount: 150_000, currency: 'JPY' }, policy)).toBe(false);
    // Kuwaiti dinars have no rate here: any amount of them needs an approval.
    expect(needsApproval({ amount: 10, currency: 'KWD' }, policy)).toBe(true);
    expect(approvalReason({ amount: 10, currency: 'KWD' }, policy)).toMatch(/^deals in KWD need an approval/);
    expect(mayCloseAsWon({ amount: 10, currency: 'KWD' }, policy, approval('approved', 10, 'KWD'))).toBe(true);
  });
});

describe('board positions and weighted amounts', () => {
  it('takes the midpoint, the end or the start, and reports when there is no room left', () => {
    expect(positionBetween(undefined, undefined)).toBe(1);
    expect(positionBetween(3, undefined)).toBe(4);
    expect(positionBetween(undefined, 3)).toBe(2);
    expect(positionBetween(1, 2)).toBe(1.5);
    expect(positionBetween(1, 1)).toBeUndefined();
    expect(positionBetween(1, 1 + Number.EPSILON)).toBeUndefined();
  });

  it('rounds the weighted amount to the cent', () => {
    expect(weightedAmount(1234.56, 75)).toBe(925.92);
    expect(weightedAmount(0.05, 10)).toBe(0.01);
    expect(weightedAmount(100, 0)).toBe(0);
  });
});
