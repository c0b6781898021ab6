import { describe, expect, it } from 'vitest';
import { everyDays, isCoverageQuery, visitCycleLabel, visitCycleOrNull } from './visit-cycle.js';

describe('the call cycle in words', () => {
  it('says the cycle, one day in the singular', () => {
    expect(everyDays(1)).toBe('every day');
    expect(everyDays(14)).toBe('every 14 days');
    expect(visitCycleLabel(14)).toBe('Visit every 14 days');
    expect(visitCycleLabel(null)).toBe('No call cycle');
  });
});

describe('visitCycleOrNull', () => {
  it('reads the days however they are written, and nothing as no cycle', () => {
    expect(visitCycleOrNull('')).toEqual({ value: null });
    expect(visitCycleOrNull('  ')).toEqual({ value: null });
    expect(visitCycleOrNull('14')).toEqual({ value: 14 });
    expect(visitCycleOrNull('14 days')).toEqual({ value: 14 });
    expect(visitCycleOrNull('1 day')).toEqual({ value: 1 });
    expect(visitCycleOrNull('30d')).toEqual({ value: 30 });
    expect(visitCycleOrNull('Every 90 days')).toEqual({ value: 90 });
    expect(visitCycleOrNull('365')).toEqual({ value: 365 });
  });

  it('refuses what the server would, in words', () => {
    expect(visitCycleOrNull('0')).toEqual({ error: 'from 1 to 365 days, or nothing for no cycle' });
    expect(visitCycleOrNull('366')).toEqual({ error: 'from 1 to 365 days, or nothing for no cycle' });
    expect(visitCycleOrNull('-7')).toEqual({ error: 'from 1 to 365 days, or nothing for no cycle' });
    expect(visitCycleOrNull('7.5')).toEqual({ error: 'must be a whole number of days' });
    expect(visitCycleOrNull('weekly')).toEqual({ error: 'a number of days such as 14, or nothing for no cycle' });
  });
});

describe('isCoverageQuery', () => {
  it("picks the coverage report's figures and accounts, not the other reports", () => {
    expect(isCoverageQuery({ queryKey: ['reports', 'coverage', 'groupBy=territory'] })).toBe(true);
    expect(isCoverageQuery({ queryKey: ['reports', 'coverage/accounts', 'status=due'] })).toBe(true);
    expect(isCoverageQuery({ queryKey: ['reports', 'pipeline', ''] })).toBe(false);
    expect(isCoverageQuery({ queryKey: ['accounts', 'coverage'] })).toBe(false);
  });
});
