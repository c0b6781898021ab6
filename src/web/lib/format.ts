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

const tenths = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * `0.5 days`, `3.2 days`, `12 days`: a short average keeps its tenth (half a day is not "0 days"), a
 * longer one is whole days; `—` when there is nothing to average.
 */
export function days(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const shown = value < 10 ? tenths.format(value) : integer.format(Math.round(value));
  return `${shown} ${shown === '1' ? 'day' : 'days'}`;
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

/** Country calling codes of one and two digits (ITU E.164); every other code has three. */
const shortCallingCodes = new Set([
  '1',
  '7',
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);

/**
 * A phone number stored as E.164 ("+14535550124"), written for people: "+1 453-555-0124" in the North
 * American way, else the country code and the number in groups ("+33 1 42 68 53 00", "+44 2079 460 958").
 * Anything that is not E.164 is shown as it was typed.
 */
export function phone(value: string | null | undefined): string {
  if (!value) return '—';
  // Only the compact form is regrouped: a number typed with its own spaces is kept the way it was written.
  const match = /^\+(\d{7,15})$/.exec(value);
  if (!match?.[1]) return value;
  const digits = match[1];
  if (digits.startsWith('1') && digits.length === 11)
    return `+1 ${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  const codeLength = shortCallingCodes.has(digits.slice(0, 1)) ? 1 : shortCallingCodes.has(digits.slice(0, 2)) ? 2 : 3;
  const national = digits.slice(codeLength);
  // France writes pairs ("1 42 68 53 00"); elsewhere groups of three and four, none of one or two digits.
  const groups =
    codeLength === 2 && digits.startsWith('33') && national.length === 9
      ? [national.slice(0, 1), ...(national.slice(1).match(/\d{2}/g) ?? [])]
      : groupsOfThreeAndFour(national);
  return `+${digits.slice(0, codeLength)} ${groups.join(' ')}`;
}

/** "2079460958" → ["207", "946", "0958"], "89123456" → ["8912", "3456"]: no group of one or two digits. */
function groupsOfThreeAndFour(digits: string): string[] {
  if (digits.length <= 4) return [digits];
  if (digits.length === 5) return [digits.slice(0, 2), digits.slice(2)];
  const first = digits.length % 3 === 2 ? 4 : 3;
  return [digits.slice(0, first), ...groupsOfThreeAndFour(digits.slice(first))];
}
