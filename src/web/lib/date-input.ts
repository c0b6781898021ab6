/*
 * What a date box reads and writes. The boxes show dates as the rest of the app does ("6 Dec 2026",
 * "6 Dec 2026, 19:45", see format.ts) whatever the browser's language, and take them typed that way or as
 * ISO ("2026-12-06", "2026-12-06T19:45"), so a pasted value works too.
 */

/** How a date box shows its value (dayjs format), as `date()` in format.ts. */
export const DAY_FORMAT = 'D MMM YYYY';
/** How a date-and-time box shows its value (dayjs format), as `dateTime()` in format.ts. */
export const DAY_TIME_FORMAT = 'D MMM YYYY, HH:mm';

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DD` when the day exists (no 31 April), else null. */
function isoDay(year: number, month: number, day: number): string | null {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** `HH:mm` of a typed time ("9:05", "19:45"), or null. */
function isoTime(text: string): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? `${pad(hours)}:${pad(minutes)}` : null;
}

/** The day of "6 Dec 2026", "6 december 2026" or "2026-12-06" as `YYYY-MM-DD`; null when it is no day. */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const written = /^(\d{1,2})\s+([a-z]{3,})\.?\s+(\d{4})$/i.exec(trimmed);
  if (!written) return null;
  const month = monthNames.findIndex((name) => written[2]?.toLowerCase().startsWith(name)) + 1;
  return month === 0 ? null : isoDay(Number(written[3]), month, Number(written[1]));
}

/** What is wrong with a day that `parseDay` cannot read: a day the calendar lacks, or the way it is written. */
export function unreadDayMessage(text: string): string {
  const numbers = /^(\d{1,4})[/.\-\s](\d{1,2})[/.\-\s](\d{1,4})$/.exec(text.trim());
  const written = /^(\d{1,2})\s+([a-z]{3,})\.?\s+(\d{4})$/i.exec(text.trim());
  if (written && monthNames.some((name) => written[2]?.toLowerCase().startsWith(name)))
    return `There is no ${text.trim()}: check the day of the month`;
  if (numbers) {
    const [a, b, c] = [Number(numbers[1]), Number(numbers[2]), Number(numbers[3])];
    const readings = [isoDay(c, b, a), isoDay(c, a, b), isoDay(a, b, c)];
    if (readings.every((reading) => reading === null)) return `There is no ${text.trim()}: check the day and the month`;
    return 'Write the month in letters, as 6 Dec 2026 (or 2026-12-06), so it cannot be misread';
  }
  return 'Not a date: write it as 6 Dec 2026';
}

/**
 * A day and a time, "6 Dec 2026, 19:45" or "2026-12-06T19:45", as `YYYY-MM-DDTHH:mm` (the browser's time
 * zone, as a `datetime-local` value); null when either part is missing or wrong.
 */
export function parseDayTime(text: string): string | null {
  const match = /^(.+?)(?:,\s*|\s+|T)(\d{1,2}:\d{2}(?::\d{2})?)$/.exec(text.trim());
  if (!match) return null;
  const day = parseDay(match[1] ?? '');
  const time = isoTime(match[2] ?? '');
  return day && time ? `${day}T${time}` : null;
}
