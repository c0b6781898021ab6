import type { Recurrence, RepeatUnit } from '../../../shared/contracts/tasks.js';
import { AppError } from '../../../shared/errors.js';
import { wallClockIn, wallClockOf } from '../query/rule-engine/calendar.js';

type RecurrenceColumns = { repeatEvery: number | null; repeatUnit: string | null; repeatUntil: string | null };

export function recurrenceOf(row: RecurrenceColumns): Recurrence | null {
  if (row.repeatEvery === null || row.repeatUnit === null) return null;
  return { every: row.repeatEvery, unit: row.repeatUnit as RepeatUnit, until: row.repeatUntil };
}

export function recurrenceColumns(recurrence: Recurrence | null): RecurrenceColumns {
  return {
    repeatEvery: recurrence?.every ?? null,
    repeatUnit: recurrence?.unit ?? null,
    repeatUntil: recurrence?.until ?? null,
  };
}

/**
 * A series needs a due time to step from, and an end no earlier than the day of its first occurrence on
 * the assignee's calendar (`timeZone`).
 */
export function requireRepeatableTask(recurrence: Recurrence | null, dueAt: Date | null, timeZone: string): void {
  if (recurrence === null) return;
  if (dueAt === null) {
    throw new AppError('invalid_request', 'a repeating task needs a due time to repeat from', {
      errors: [{ path: 'recurrence', message: 'needs dueAt' }],
    });
  }
  if (recurrence.until !== null && recurrence.until < wallClockOf(dueAt, timeZone).date) {
    throw new AppError('invalid_request', 'the repetition ends before the task is due', {
      errors: [{ path: 'recurrence.until', message: 'before dueAt' }],
    });
  }
}

/**
 * The day of the month a series keeps to: the day its task is due on the assignee's calendar. Days and
 * weeks step without it; null for a task that does not repeat.
 */
export function anchorDayOf(dueAt: Date | null, recurrence: Recurrence | null, timeZone: string): number | null {
  if (!recurrence || !dueAt) return null;
  return Number(wallClockOf(dueAt, timeZone).date.slice(8, 10));
}

/** Enough steps to pass any due time a task can have (a daily task years overdue), and no more. */
const MAX_STEPS = 50_000;

/**
 * When the occurrence after one due at `dueAt` is due: one interval later on the assignee's wall clock
 * (9:00 stays 9:00 across a change of daylight saving time), stepping on past occurrences that are already
 * over at `now`, so a weekly call completed three weeks late is next due next week, not three times today.
 * Months and years keep to the series' day (`anchorDay`); one that lacks it (the 31st, 29 February) takes
 * its last day, and the next goes back to it. Null when the next one would fall after `until`.
 */
export function nextOccurrence(
  dueAt: Date,
  recurrence: Recurrence,
  timeZone: string,
  now: Date,
  anchorDay: number | null = null,
): Date | null {
  const { date, time } = wallClockOf(dueAt, timeZone);
  let day = date;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    day = addToDate(day, recurrence.every, recurrence.unit, anchorDay);
    if (recurrence.until !== null && day > recurrence.until) return null;
    const next = wallClockIn(day, time, timeZone);
    if (next.getTime() > now.getTime()) return next;
  }
  return null;
}

/**
 * A calendar date (YYYY-MM-DD) plus `count` units; months and years land on `anchorDay` (the date's own
 * day by default), clamped to the end of a shorter month.
 */
export function addToDate(date: string, count: number, unit: RepeatUnit, anchorDay: number | null = null): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (unit === 'day' || unit === 'week') {
    const moved = new Date(Date.UTC(year, month - 1, day + count * (unit === 'week' ? 7 : 1)));
    return moved.toISOString().slice(0, 10);
  }
  const months = year * 12 + month - 1 + count * (unit === 'year' ? 12 : 1);
  const targetYear = Math.floor(months / 12);
  const targetMonth = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(anchorDay ?? day, lastDay)).padStart(2, '0')}`;
}
