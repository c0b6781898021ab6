import { MONTHS } from './rule-engine/time-frames.js';

/**
 * A date or instant of an answer sentence as people write it: "2026-12-26" and "2026-12-26T09:00:00Z"
 * become "26 Dec 2026" (an instant by its UTC day, as the rows give it), unambiguous in every locale the
 * way "12/26" is not. Anything else is left as it is.
 */
export function readableDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return value;
  return `${Number(match[3])} ${month.charAt(0).toUpperCase()}${month.slice(1, 3)} ${match[1]}`;
}

/** An exact instant as people write it, to the minute in UTC: "7 Oct 2026, 14:03 UTC". */
export function readableInstant(value: string): string {
  const time = /T(\d{2}:\d{2})/.exec(value)?.[1];
  return time ? `${readableDay(value)}, ${time} UTC` : readableDay(value);
}
