import { describe, expect, it } from 'vitest';
import { addMonths, isCalendarDate, monthKeys, monthStartOf, monthsBefore, windowBound } from './report-periods.js';

describe('report periods', () => {
  it('takes the month in UTC, whatever the local zone would say', () => {
    expect(monthStartOf(new Date('2026-03-31T23:30:00-05:00'))).toBe('2026-04-01');
    expect(monthStartOf(new Date('2026-04-01T00:30:00+02:00'))).toBe('2026-03-01');
  });

  it('moves by calendar months across years', () => {
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(monthKeys('2026-11-01', 3)).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('reads a date as its whole UTC day and an instant as it is', () => {
    expect(windowBound('2026-03-31', 'from').toISOString()).toBe('2026-03-31T00:00:00.000Z');
    expect(windowBound('2026-03-31', 'to').toISOString()).toBe('2026-03-31T23:59:59.999Z');
    expect(windowBound('2026-03-31T12:00:00+02:00', 'to').toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });

  it('knows a real calendar date', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
  });

  it('goes back whole months, clamping to the shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-15T10:00:00Z'), 12).toISOString()).toBe('2025-03-15T10:00:00.000Z');
  });
});
