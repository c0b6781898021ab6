import dayjs from 'dayjs';
import type { RouteStop, RouteSuggestion } from '../../../shared/contracts/visit-routes.js';
import { count, distance } from '../../lib/format.js';
import { type VisitDue, visitDue } from '../reports/visit-due.js';

/*
 * The words of a day's route's suggestions (accounts due for a visit that the day could take in), and when
 * "Add to this day" plans the visit.
 */

/** A detour shorter than this is no detour people notice: the account is on the way. */
export const ON_THE_WAY_METERS = 300;

const DAY_MS = 86_400_000;

/** "+3.2 km", "+450 m", "on the way" under 300 m; null when the day has nothing to measure from. */
export function detourLabel(meters: number | null): string | null {
  if (meters === null) return null;
  if (meters < ON_THE_WAY_METERS) return 'on the way';
  return `+${distance(meters)}`;
}

/** The exact figure, for a hover: "3,212 m more driving, as the crow flies". */
export function detourTitle(meters: number | null): string | undefined {
  if (meters === null) return undefined;
  return `${count(meters)} m more driving, as the crow flies`;
}

/**
 * When a suggested account fell due by its call cycle, in the coverage report's words and days ("Never
 * visited", "Due 12 days ago"), counted as the report counts them: whole days since its last visit.
 */
export function suggestionDue(suggestion: RouteSuggestion, now: Date = new Date()): VisitDue {
  const daysSinceLastVisit =
    suggestion.lastVisitAt === null
      ? null
      : Math.max(0, Math.floor((now.getTime() - Date.parse(suggestion.lastVisitAt)) / DAY_MS));
  return visitDue({
    visitEveryDays: suggestion.visitEveryDays,
    daysSinceLastVisit,
    visitDue: suggestion.visitDueAt === null || Date.parse(suggestion.visitDueAt) <= now.getTime(),
  });
}

/** "Never visited · every 30 days", "Due 12 days ago · every 14 days". */
export function suggestionDueText(suggestion: RouteSuggestion, now: Date = new Date()): string {
  const due = suggestionDue(suggestion, now);
  return due.cycle ? `${due.text} · ${due.cycle}` : due.text;
}

/** Rounds an instant up to the next whole five minutes (a time people plan to), unless it is one already. */
function upToFiveMinutes(at: dayjs.Dayjs): dayjs.Dayjs {
  const exact = at.second(0).millisecond(0);
  const onTheDot = exact.isSame(at) && exact.minute() % 5 === 0;
  return onTheDot ? exact : exact.add(5 - (exact.minute() % 5), 'minute');
}

/**
 * When a visit added to the day is planned: as the day's last stop is left (its place in the route is the
 * planner's to choose; the time only has to be that day's), or 09:00 on a day with no stop yet, in the
 * browser's time zone, as the planner reads the day. On today, once that time has passed, the next five
 * minutes from now: a visit planned in the past is not ahead, and the account would stay due.
 */
export function suggestedVisitAt(
  stops: readonly Pick<RouteStop, 'departAt'>[],
  date: string,
  now = new Date(),
): string {
  const last = stops[stops.length - 1];
  let at = upToFiveMinutes(last ? dayjs(last.departAt) : dayjs(`${date}T09:00`));
  if (at.valueOf() <= now.getTime()) {
    const soon = upToFiveMinutes(dayjs(now).add(1, 'minute'));
    if (soon.format('YYYY-MM-DD') === date) at = soon;
  }
  return at.toISOString();
}

/** A day before today: nothing can be fitted into it any more. */
export function isPastDay(date: string, now = new Date()): boolean {
  return date < dayjs(now).format('YYYY-MM-DD');
}
