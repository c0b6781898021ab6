import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime.js';

dayjs.extend(relativeTime);

const compactCache = new Map<string, Intl.NumberFormat>();
const exactCache = new Map<string, Intl.NumberFormat>();

function cached(cache: Map<string, Intl.NumberFormat>, key: string, options: Intl.NumberFormatOptions) {
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', ...options });
    cache.set(key, format);
  }
  return format;
}

/** `$1.2M`: for cards and chart axes. */
export function moneyCompact(amount: number | null | undefined, currency = 'USD'): string {
  if (amount === null || amount === undefined) return '—';
  return cached(compactCache, currency, { currency, notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

/**
 * `$1,234,567`, `€1,234,567.50`: for tables and record pages, exact to the cent (UI.md), with cents only
 * when there are some, so round amounts stay short.
 */
export function money(amount: number | null | undefined, currency = 'USD'): string {
  if (amount === null || amount === undefined) return '—';
  const whole = Number.isInteger(Math.round(amount * 100) / 100);
  return cached(exactCache, `${currency}:${whole ? 'whole' : 'cents'}`, {
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(amount);
}

const integer = new Intl.NumberFormat('en-US');
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** `42%` from a 0..1 rate; `—` when there was nothing to divide. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}

export function date(value: string | null | undefined): string {
  return value ? dayjs(value).format('D MMM YYYY') : '—';
}

/**
 * A sentence from the server with its calendar dates written as the app writes them: "Timeline confirmed
 * (decision by 2027-02-19)" reads "… (decision by 19 Feb 2027)".
 */
export function withReadableDates(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => date(day));
}

export function dateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('D MMM YYYY, HH:mm') : '—';
}

/** "in 3 days", "2 days ago". */
export function relative(value: string | null | undefined): string {
  return value ? dayjs(value).fromNow() : '—';
}

/** "2 days overdue" for past due dates, "due in 3 days" otherwise. */
export function dueLabel(value: string | null | undefined): string {
  if (!value) return 'No due date';
  const due = dayjs(value);
  if (due.isBefore(dayjs())) return `${due.fromNow(true)} overdue`;
  return `due ${due.fromNow()}`;
}

/** `closed_won` → `Closed won`. */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function personName(record: { firstName: string; lastName: string }): string {
  return `${record.firstName} ${record.lastName}`.trim();
}

/** `14:05`: a time of day on its own, when the day is plain from the context. */
export function clock(value: string | null | undefined): string {
  return value ? dayjs(value).format('HH:mm') : '—';
}

/** `350 m`, `3.2 km`: a distance people read at a glance. */
export function distance(meters: number | null | undefined): string {
  if (meters === null || meters === undefined) return '—';
  if (meters < 1000) return `${Math.round(meters)} m`;
  return `${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0)} km`;
}

/** The value of a `datetime-local` input for an instant, in the browser's time zone. */
export function localInput(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DDTHH:mm') : '';
}
