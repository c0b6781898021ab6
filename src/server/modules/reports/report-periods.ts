/*
 * Calendar arithmetic of the reports, in UTC: a close month is a calendar month of `close_date` (a date
 * without a zone), and "the current month" must be the same for every reader wherever they sit.
 */

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The first day of the UTC month of `instant`, as YYYY-MM-DD. */
export function monthStartOf(instant: Date): string {
  return `${instant.toISOString().slice(0, 7)}-01`;
}

/** `monthStart` (YYYY-MM-01) moved by `months` calendar months, as YYYY-MM-01. */
export function addMonths(monthStart: string, months: number): string {
  const year = Number(monthStart.slice(0, 4));
  const month = Number(monthStart.slice(5, 7)) - 1 + months;
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** The `count` month keys (YYYY-MM) from `monthStart` on. */
export function monthKeys(monthStart: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addMonths(monthStart, index).slice(0, 7));
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_ONLY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * An inclusive bound of a report window. A date stands for its whole UTC day, so `to=2026-03-31`
 * includes deals closed that evening; an instant is taken as it is.
 */
export function windowBound(value: string, edge: 'from' | 'to'): Date {
  if (!DATE_ONLY.test(value)) return new Date(value);
  const dayStart = new Date(`${value}T00:00:00Z`).getTime();
  // Timestamps are stored in milliseconds, so the last millisecond of the day is the inclusive end.
  return new Date(edge === 'from' ? dayStart : dayStart + DAY_MS - 1);
}

/** The same instant `months` calendar months earlier (day clamped to the shorter month's end). */
export function monthsBefore(instant: Date, months: number): Date {
  const shifted = new Date(instant.getTime());
  const day = shifted.getUTCDate();
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted;
}

/** The inclusive [from, to] of a report, each as an instant. */
export type ReportWindow = { from: Date; to: Date };

/**
 * The window of a report from the bounds its caller gave (either may be missing). A missing bound is the
 * report's span away from the given one, before `to` or after `from`, never the clock's: "up to the end of
 * October" is the span ending then, not whatever lies between now and October. The span spans whole days
 * when the bound is a whole day (`to=2026-09-30` starts at 2025-10-01), hence the millisecond. With no
 * bound at all, the span up to now.
 */
export function reportWindow(
  bounds: { from?: string; to?: string },
  span: { before: (instant: Date) => Date; after: (instant: Date) => Date },
  now: Date,
): ReportWindow {
  const from = bounds.from === undefined ? undefined : windowBound(bounds.from, 'from');
  const to = bounds.to === undefined ? undefined : windowBound(bounds.to, 'to');
  if (from && to) return { from, to };
  if (from) return { from, to: new Date(span.after(from).getTime() - 1) };
  const end = to ?? now;
  return { from: to ? new Date(span.before(end).getTime() + 1) : span.before(end), to: end };
}

/** A span of whole calendar months, for reportWindow. */
export const monthsSpan = (months: number) => ({
  before: (instant: Date) => monthsBefore(instant, months),
  after: (instant: Date) => monthsBefore(instant, -months),
});

/** A span of days of 24 hours, for reportWindow. */
export const daysSpan = (days: number) => ({
  before: (instant: Date) => new Date(instant.getTime() - days * DAY_MS),
  after: (instant: Date) => new Date(instant.getTime() + days * DAY_MS),
});
