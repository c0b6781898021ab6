/**
 * How hot a lead is, 0–100, and why: pure rules a sales rep can read back from the reasons list.
 *
 * - BANT: 15 points for each of budget, authority, need and timeline confirmed (60 at most).
 * - Fit: company size (≥ 1000 employees 15, ≥ 100 10, ≥ 10 5) and source (referral 10, trade show 8,
 *   website 6, social media 4, cold call 2).
 * - Engagement: 2 points per activity in the last 30 days, at most 10. The activities table does not
 *   exist yet, so callers pass 0; when activities land, the service counts them and passes the number.
 * - Age: a lead created within 7 days gets 5; one still open after 90 days loses 10. The age is taken
 *   from the creation time, not the last update: the score is computed on every write, so "updated
 *   recently" would always be true at that moment.
 *
 * The best possible lead scores exactly 100; the total is clamped to 0–100.
 */

import type { LeadSource, ScoreReason } from '../../../shared/contracts/leads.js';

export type LeadScoreInput = {
  bant: { budget: boolean; authority: boolean; need: boolean; timeline: boolean };
  budgetAmount: number | null;
  decisionDate: string | null;
  employees: number | null;
  source: LeadSource;
  /** Activities linked to the lead in the last 30 days (0 until the activities module lands). */
  recentActivities: number;
  createdAt: Date;
  now: Date;
};

export type LeadScore = { score: number; reasons: ScoreReason[] };

export const BANT_POINTS = 15;
export const ENGAGEMENT_POINTS_PER_ACTIVITY = 2;
export const ENGAGEMENT_MAX_POINTS = 10;
export const NEW_LEAD_DAYS = 7;
export const NEW_LEAD_POINTS = 5;
export const STALE_LEAD_DAYS = 90;
export const STALE_LEAD_POINTS = -10;

/** Largest first: the first threshold a company reaches gives its points. */
const companySizes = [
  { minEmployees: 1000, points: 15 },
  { minEmployees: 100, points: 10 },
  { minEmployees: 10, points: 5 },
] as const;

const sources: Record<LeadSource, { points: number; detail: string }> = {
  referral: { points: 10, detail: 'Referral source' },
  trade_show: { points: 8, detail: 'Met at a trade show' },
  website: { points: 6, detail: 'Came in through the website' },
  social_media: { points: 4, detail: 'Came in through social media' },
  cold_call: { points: 2, detail: 'Cold call' },
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function scoreLead(input: LeadScoreInput): LeadScore {
  const reasons: ScoreReason[] = [
    ...bantReasons(input),
    ...companySizeReasons(input.employees),
    { rule: 'source', points: sources[input.source].points, detail: sources[input.source].detail },
    ...engagementReasons(input.recentActivities),
    ...ageReasons(input.createdAt, input.now),
  ];
  const total = reasons.reduce((sum, reason) => sum + reason.points, 0);
  return { score: Math.min(100, Math.max(0, total)), reasons };
}

function bantReasons(input: LeadScoreInput): ScoreReason[] {
  const reasons: ScoreReason[] = [];
  if (input.bant.budget) {
    const amount = input.budgetAmount === null ? '' : ` (${formatAmount(input.budgetAmount)})`;
    reasons.push({ rule: 'bant_budget', points: BANT_POINTS, detail: `Budget confirmed${amount}` });
  }
  if (input.bant.authority) {
    reasons.push({ rule: 'bant_authority', points: BANT_POINTS, detail: 'Talking to the decision maker' });
  }
  if (input.bant.need) reasons.push({ rule: 'bant_need', points: BANT_POINTS, detail: 'Need confirmed' });
  if (input.bant.timeline) {
    const by = input.decisionDate ? ` (decision by ${input.decisionDate})` : '';
    reasons.push({ rule: 'bant_timeline', points: BANT_POINTS, detail: `Timeline confirmed${by}` });
  }
  return reasons;
}

function companySizeReasons(employees: number | null): ScoreReason[] {
  if (employees === null) return [];
  const size = companySizes.find((candidate) => employees >= candidate.minEmployees);
  if (!size) return [];
  return [{ rule: 'company_size', points: size.points, detail: `${formatCount(employees)} employees` }];
}

function engagementReasons(recentActivities: number): ScoreReason[] {
  if (recentActivities <= 0) return [];
  const points = Math.min(ENGAGEMENT_MAX_POINTS, recentActivities * ENGAGEMENT_POINTS_PER_ACTIVITY);
  const noun = recentActivities === 1 ? 'activity' : 'activities';
  return [{ rule: 'engagement', points, detail: `${recentActivities} ${noun} in the last 30 days` }];
}

function ageReasons(createdAt: Date, now: Date): ScoreReason[] {
  const ageDays = Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS);
  if (ageDays <= NEW_LEAD_DAYS) {
    const when = ageDays <= 0 ? 'today' : ageDays === 1 ? 'yesterday' : `${ageDays} days ago`;
    return [{ rule: 'new_lead', points: NEW_LEAD_POINTS, detail: `New lead (created ${when})` }];
  }
  if (ageDays > STALE_LEAD_DAYS) {
    return [{ rule: 'stale_lead', points: STALE_LEAD_POINTS, detail: `Still open after ${ageDays} days` }];
  }
  return [];
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

function formatAmount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
