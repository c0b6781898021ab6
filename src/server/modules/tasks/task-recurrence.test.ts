import { describe, expect, it } from 'vitest';
import { addToDate, nextOccurrence } from './task-recurrence.js';

describe('task recurrence', () => {
  it('adds days, weeks, months and years to a date, a short month taking its last day', () => {
    expect(addToDate('2026-12-28', 5, 'day')).toBe('2027-01-02');
    expect(addToDate('2026-12-07', 2, 'week')).toBe('2026-12-21');
    expect(addToDate('2027-01-31', 1, 'month')).toBe('2027-02-28');
    expect(addToDate('2028-01-31', 1, 'month')).toBe('2028-02-29');
    expect(addToDate('2026-11-15', 3, 'month')).toBe('2027-02-15');
    expect(addToDate('2028-02-29', 1, 'year')).toBe('2029-02-28');
    // The series' own day comes back once the month has it.
    expect(addToDate('2027-02-28', 1, 'month', 31)).toBe('2027-03-31');
    expect(addToDate('2029-02-28', 3, 'year', 29)).toBe('2032-02-29');
    expect(addToDate('2027-04-30', 1, 'week', 31)).toBe('2027-05-07');
  });

  it("keeps the assignee's wall-clock time across a change of daylight saving time", () => {
    // 09:00 in Madrid on Thursday 26 March 2026 (UTC+1); a week later Madrid is on summer time (UTC+2).
    const due = new Date('2026-03-26T08:00:00Z');
    const next = nextOccurrence(due, { every: 1, unit: 'week', until: null }, 'Europe/Madrid', due);
    expect(next?.toISOString()).toBe('2026-04-02T07:00:00.000Z');
    // Without a zone of their own, UTC.
    expect(nextOccurrence(due, { every: 1, unit: 'week', until: null }, 'UTC', due)?.toISOString()).toBe(
      '2026-04-02T08:00:00.000Z',
    );
  });

  it('steps over occurrences already past, and stops after the end of the series', () => {
    const due = new Date('2026-11-02T09:00:00Z');
    const now = new Date('2026-11-25T12:00:00Z');
    const weekly = { every: 1, unit: 'week' as const, until: null };
    expect(nextOccurrence(due, weekly, 'UTC', now)?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(nextOccurrence(due, { ...weekly, until: '2026-11-29' }, 'UTC', now)).toBeNull();
    expect(nextOccurrence(due, { ...weekly, until: '2026-11-30' }, 'UTC', now)?.toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
    // A daily task years overdue still finds its next day.
    const old = new Date('2020-01-01T09:00:00Z');
    expect(nextOccurrence(old, { every: 1, unit: 'day', until: null }, 'UTC', now)?.toISOString()).toBe(
      '2026-11-26T09:00:00.000Z',
    );
  });
});
