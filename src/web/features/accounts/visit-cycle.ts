/*
 * An account's call cycle (`visitEveryDays`): a rep should visit it this many days after its last
 * completed visit. The words the account form, the account page and the coverage report use for it.
 */

/** The cycles a field team thinks in, offered as one-click choices beside the number. */
export const visitCyclePresets = [7, 14, 30, 90] as const;

export const VISIT_CYCLE_MIN = 1;
export const VISIT_CYCLE_MAX = 365;
/** What a cycle out of range is told, at the form's field and in place. */
export const VISIT_CYCLE_RANGE = `from ${VISIT_CYCLE_MIN} to ${VISIT_CYCLE_MAX} days, or nothing for no cycle`;

/** "every day", "every 14 days", "every 365 days". */
export function everyDays(days: number): string {
  return days === 1 ? 'every day' : `every ${days} days`;
}

/** "Visit every 14 days"; "No call cycle" without one. */
export function visitCycleLabel(days: number | null | undefined): string {
  return days === null || days === undefined ? 'No call cycle' : `Visit ${everyDays(days)}`;
}

/**
 * The cycle typed in place: '' is none; otherwise a whole number of days from 1 to 365, written "14",
 * "14 days", "14d" or "every 14 days".
 */
export function visitCycleOrNull(text: string): { value: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  const match = /^(?:every\s+)?(-?\d+(?:\.\d+)?)\s*(?:d|days?)?$/i.exec(trimmed);
  if (!match?.[1]) return { error: 'a number of days such as 14, or nothing for no cycle' };
  const days = Number(match[1]);
  if (!Number.isInteger(days)) return { error: 'must be a whole number of days' };
  if (days < VISIT_CYCLE_MIN || days > VISIT_CYCLE_MAX) return { error: VISIT_CYCLE_RANGE };
  return { value: days };
}

/**
 * The coverage report's queries (`['reports', 'coverage' | 'coverage/accounts', …]`): a changed cycle
 * changes who is due, so they are asked again rather than shown stale for the cache's half minute.
 */
export function isCoverageQuery(query: { queryKey: readonly unknown[] }): boolean {
  return query.queryKey[0] === 'reports' && String(query.queryKey[1]).startsWith('coverage');
}
