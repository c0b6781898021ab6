import { describe, expect, it } from 'vitest';
import { type LeadScoreInput, scoreLead } from './lead-score.js';

const now = new Date('2026-06-15T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

const coldLead: LeadScoreInput = {
  bant: { budget: false, authority: false, need: false, timeline: false },
  budgetAmount: null,
  decisionDate: null,
  employees: null,
  source: 'cold_call',
  recentActivities: 0,
  createdAt: daysAgo(30),
  now,
};

describe('lead score', () => {
  it('adds up BANT, company size, source and a new lead, and explains every point', () => {
    const result = scoreLead({
      ...coldLead,
      bant: { budget: true, authority: true, need: false, timeline: false },
      budgetAmount: 50_000,
      employees: 200,
      source: 'referral',
      createdAt: daysAgo(2),
    });
    expect(result.reasons).toEqual([
      { rule: 'bant_budget', points: 15, detail: 'Budget confirmed (50,000)' },
      { rule: 'bant_authority', points: 15, detail: 'Talking to the decision maker' },
      { rule: 'company_size', points: 10, detail: '200 employees' },
      { rule: 'source', points: 10, detail: 'Referral source' },
      { rule: 'new_lead', points: 5, detail: 'New lead (created 2 days ago)' },
    ]);
    expect(result.score).toBe(55);
  });

  it('gives the best possible lead exactly 100', () => {
    const result = scoreLead({
      ...coldLead,
      bant: { budget: true, authority: true, need: true, timeline: true },
      decisionDate: '2026-07-01',
      employees: 5000,
      source: 'referral',
      recentActivities: 9,
      createdAt: now,
    });
    expect(result.score).toBe(100);
    expect(result.reasons.find((reason) => reason.rule === 'engagement')).toEqual({
      rule: 'engagement',
      points: 10,
      detail: '9 activities in the last 30 days',
    });
    expect(result.reasons.find((reason) => reason.rule === 'bant_timeline')?.detail).toBe(
      'Timeline confirmed (decision by 2026-07-01)',
    );
    expect(result.reasons.find((reason) => reason.rule === 'new_lead')?.detail).toBe('New lead (created today)');
  });

  it('scales company size by thresholds and ignores tiny or unknown companies', () => {
    const sizePoints = (employees: number | null) =>
      scoreLead({ ...coldLead, employees }).reasons.find((reason) => reason.rule === 'company_size')?.points ?? 0;
    expect([null, 0, 9, 10, 99, 100, 999, 1000, 1_000_000].map(sizePoints)).toEqual([0, 0, 0, 5, 5, 10, 10, 15, 15]);
    expect(scoreLead({ ...coldLead, employees: 12_500 }).reasons[0]?.detail).toBe('12,500 employees');
  });

  it('ranks sources: referral, trade show, website, social media, cold call', () => {
    const points = (['referral', 'trade_show', 'website', 'social_media', 'cold_call'] as const).map(
      (source) => scoreLead({ ...coldLead, source }).score,
    );
    expect(points).toEqual([10, 8, 6, 4, 2]);
  });

  it('counts engagement at 2 points per recent activity, up to 10', () => {
    const engagement = (recentActivities: number) =>
      scoreLead({ ...coldLead, recentActivities }).reasons.find((reason) => reason.rule === 'engagement');
    expect(engagement(0)).toBeUndefined();
    expect(engagement(1)).toEqual({ rule: 'engagement', points: 2, detail: '1 activity in the last 30 days' });
    expect(engagement(3)?.points).toBe(6);
    expect(engagement(40)?.points).toBe(10);
  });

  it('favours new leads, penalises old ones and never goes below 0', () => {
    const age = (days: number) => scoreLead({ ...coldLead, source: 'website', createdAt: daysAgo(days) });
    expect(age(0).score).toBe(11);
    expect(age(7).score).toBe(11);
    expect(age(8).score).toBe(6);
    expect(age(90).score).toBe(6);
    const stale = age(91);
    expect(stale.score).toBe(0);
    expect(stale.reasons).toContainEqual({ rule: 'stale_lead', points: -10, detail: 'Still open after 91 days' });
  });
});
