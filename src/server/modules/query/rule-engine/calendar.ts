/*
 * Calendar days in the asker's time zone. A question's "today" is the asker's today, so the planner
 * works on calendar dates (YYYY-MM-DD, a day without a zone) computed from `now` in their zone; the
 * repository turns them into instants in the same zone when a field holds instants.
 */

export type CalendarDay = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone name (an unknown one would throw deep inside a question). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsOf(instant: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The calendar day of `instant` in `timeZone`. */
export function dayIn(instant: Date, timeZone: string): CalendarDay {
  const parts = partsOf(instant, timeZone);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1 };
}

/** The wall clock of `instant` in `timeZone`: its calendar day and its time ("08:30"). */
export function wallClockOf(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = partsOf(instant, timeZone);
  const date = toIsoDate({ year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1 });
  return { date, time: `${String(parts.hour ?? 0).padStart(2, '0')}:${String(parts.minute ?? 0).padStart(2, '0')}` };
}

/** Minutes the zone is ahead of UTC at `instant` (chrono-node takes the reference zone this way). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = partsOf(instant, timeZone);
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant a calendar day starts in `timeZone` (midnight there). */
export function startOfDayIn(date: string, timeZone: string): Date {
  return wallClockIn(date, '00:00', timeZone);
}

/** The instant a wall-clock time ("08:30") of a calendar day is in `timeZone`. */
export function wallClockIn(date: string, time: string, timeZone: string): Date {
  const asUtc = new Date(`${date}T${time}:00Z`);
  // The offset at that time in UTC is right except within hours of a DST change; re-check once with the guess.
  const guess = new Date(asUtc.getTime() - offsetMinutes(asUtc, timeZone) * 60_000);
  return new Date(asUtc.getTime() - offsetMinutes(guess, timeZone) * 60_000);
}

export function toIsoDate(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

export function fromIsoDate(date: string): CalendarDay {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Normalises overflowing months and days (day 0 is the last day of the month before). */
export function makeDay(year: number, month: number, day: number): CalendarDay {
  const date = new Date(Date.UTC(year, month - 1, day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export const addDays = (day: CalendarDay, days: number) => makeDay(day.year, day.month, day.day + days);

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekdayOf(day: CalendarDay): number {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export const lastDayOfMonth = (year: number, month: number) => makeDay(year, month + 1, 0);
