import dayjs from 'dayjs';
import type { Recurrence, RepeatUnit } from '../../../shared/contracts/tasks.js';
import { date } from '../../lib/format.js';

/*
 * Repeating tasks in words and in the task form's choices. The server steps a series on the assignee's
 * wall clock (`src/server/modules/tasks/task-recurrence.ts`); here is only how it is offered and said.
 */

/** A rule without its end: what the Repeat choices set. */
export type RepeatRule = Pick<Recurrence, 'every' | 'unit'>;

/** The Repeat control's value for no repetition, and for a rule typed in as a number and a unit. */
export const NO_REPEAT = 'none';
export const CUSTOM_REPEAT = 'custom';

/** The usual rules, one click each (Google Calendar's and Todoist's); anything else is "Custom…". */
export const repeatPresets: readonly { value: string; label: string; rule: RepeatRule }[] = [
  { value: '1-day', label: 'Every day', rule: { every: 1, unit: 'day' } },
  { value: '1-week', label: 'Every week', rule: { every: 1, unit: 'week' } },
  { value: '2-week', label: 'Every 2 weeks', rule: { every: 2, unit: 'week' } },
  { value: '1-month', label: 'Every month', rule: { every: 1, unit: 'month' } },
  { value: '3-month', label: 'Every 3 months', rule: { every: 3, unit: 'month' } },
  { value: '1-year', label: 'Every year', rule: { every: 1, unit: 'year' } },
];

/** The Repeat control's choices, in the order they are offered. */
export const repeatChoices: { value: string; label: string }[] = [
  { value: NO_REPEAT, label: 'Does not repeat' },
  ...repeatPresets.map(({ value, label }) => ({ value, label })),
  { value: CUSTOM_REPEAT, label: 'Custom…' },
];

/** Which choice shows a rule: its preset, "Custom…" for any other, "Does not repeat" for none. */
export function repeatChoiceOf(rule: RepeatRule | null): string {
  if (!rule) return NO_REPEAT;
  return (
    repeatPresets.find((preset) => preset.rule.every === rule.every && preset.rule.unit === rule.unit)?.value ??
    CUSTOM_REPEAT
  );
}

/** The rule a preset choice stands for; null for "Does not repeat" and "Custom…" (typed in instead). */
export function presetRule(choice: string): RepeatRule | null {
  return repeatPresets.find((preset) => preset.value === choice)?.rule ?? null;
}

/** "week" or "weeks", as a count of them reads. */
export function unitName(unit: RepeatUnit, every: number): string {
  return every === 1 ? unit : `${unit}s`;
}

/**
 * "Repeats every week", "Repeats every 2 weeks until 31 Jan 2027", "Repeats monthly": a rule as a rep
 * reads it on a task. The end is a day, inclusive: the last day an occurrence may be due.
 */
export function describeRecurrence(recurrence: (RepeatRule & { until?: string | null }) | null): string {
  if (!recurrence) return 'Does not repeat';
  const { every, unit, until } = recurrence;
  const rule =
    every === 1 ? (unit === 'month' ? 'monthly' : `every ${unit}`) : `every ${every} ${unitName(unit, every)}`;
  return `Repeats ${rule}${until ? ` until ${date(until)}` : ''}`;
}

/**
 * "Mon 14 Dec", and the year too when it is not this one ("Tue 4 Jan 2028"): when the next occurrence is
 * due, said in a notice that is read at once.
 */
export function dueDay(value: string, now: Date = new Date()): string {
  const due = dayjs(value);
  return due.format(due.year() === dayjs(now).year() ? 'ddd D MMM' : 'ddd D MMM YYYY');
}

/**
 * What a completion of a repeating task adds to its notice: when the next one is due (the task the server
 * made, `next`), or that the series has ended. Empty for a one-off, or when the next one could not be read.
 */
export function seriesSentence(
  done: { recurrence: unknown; nextTaskId: string | null },
  next: { dueAt: string | null } | null | undefined,
  now: Date = new Date(),
): string {
  if (!done.recurrence) return '';
  if (!done.nextTaskId) return 'That was the last one.';
  if (!next?.dueAt) return '';
  return `Next one due ${dueDay(next.dueAt, now)} (${dayjs(next.dueAt).from(dayjs(now))}).`;
}

/** What the form says where a repetition cannot be: the same rules the server has, in a rep's words. */
export const repeatMessages = {
  needsDue: 'Set a due date to repeat',
  endsBeforeDue: 'Must be on or after the due date',
} as const;

/**
 * The server's rules on a repetition, checked before sending (`dueAt` a local `YYYY-MM-DDTHH:mm`, `until`
 * a `YYYY-MM-DD`, '' for none), keyed by the fields the API names: `recurrence` without a due time,
 * `recurrence.until` before the due day.
 */
export function recurrenceErrors(repeating: boolean, dueAt: string, until: string): Record<string, string> {
  if (!repeating) return {};
  if (!dueAt || !dayjs(dueAt).isValid()) return { recurrence: repeatMessages.needsDue };
  if (until && dayjs(until).isValid() && until < dayjs(dueAt).format('YYYY-MM-DD'))
    return { 'recurrence.until': repeatMessages.endsBeforeDue };
  return {};
}

/**
 * A refused save's field errors with the server's terse words on a repetition ("needs dueAt", "before
 * dueAt") said as the form says them; the others as they came.
 */
export function withRepeatWords<Errors extends Record<string, unknown>>(errors: Errors): Errors {
  const said: Record<string, unknown> = { ...errors };
  if ('recurrence' in said && /dueAt/.test(String(said.recurrence))) said.recurrence = repeatMessages.needsDue;
  if ('recurrence.until' in said && /dueAt/.test(String(said['recurrence.until'])))
    said['recurrence.until'] = repeatMessages.endsBeforeDue;
  return said as Errors;
}
