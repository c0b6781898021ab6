import { money } from '../../lib/format.js';

/*
 * The calendar arithmetic and sums of the targets grid and the attainment report: pure, so they are tested
 * on their own (target-math.test.ts). Months are `YYYY-MM`, as the API writes them.
 */

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const longMonthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (month: number) => String(month).padStart(2, '0');

/** `2027-03` from a year and a month number (1–12); months past December roll into the next year. */
export function monthKey(year: number, month: number): string {
  const index = year * 12 + (month - 1);
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The twelve months of a year, January first. */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, index) => monthKey(year, index + 1));
}

/** The four quarters of a year, each with its three months. */
export function quartersOfYear(year: number): { label: string; months: string[] }[] {
  const months = monthsOfYear(year);
  return [0, 1, 2, 3].map((quarter) => ({
    label: `Q${quarter + 1}`,
    months: months.slice(quarter * 3, quarter * 3 + 3),
  }));
}

/** `Mar` (a column heading) or `March 2027` (what a cell is the target of). */
export function monthLabel(month: string, form: 'short' | 'long' = 'long'): string {
  const [year, number] = month.split('-');
  const index = Number(number) - 1;
  return form === 'short' ? (monthNames[index] ?? month) : `${longMonthNames[index] ?? month} ${year}`;
}

/** The month `count` months after (or before, when negative) `month`. */
export function addMonths(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number);
  return monthKey(year ?? 0, (number ?? 1) + count);
}

/** How many months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  const index = (month: string) => {
    const [year, number] = month.split('-').map(Number);
    return (year ?? 0) * 12 + (number ?? 1);
  };
  return Math.max(index(to) - index(from) + 1, 0);
}

/** The month an instant falls in, in the browser's calendar. */
export function monthOf(instant: Date): string {
  return monthKey(instant.getFullYear(), instant.getMonth() + 1);
}

export type PeriodSpan = 'this-quarter' | 'last-quarter' | 'this-year' | 'custom';

/** The first and last month of a named period around `now` (both included). */
export function periodMonths(span: Exclude<PeriodSpan, 'custom'>, now = new Date()): { from: string; to: string } {
  const year = now.getFullYear();
  if (span === 'this-year') return { from: monthKey(year, 1), to: monthKey(year, 12) };
  const quarterStart = monthKey(year, now.getMonth() - (now.getMonth() % 3) + 1);
  const from = span === 'this-quarter' ? quarterStart : addMonths(quarterStart, -3);
  return { from, to: addMonths(from, 2) };
}

/** `Q1 2027`, `Jan – Jun 2027`, `Nov 2026 – Feb 2027`: a period of months as people say it. */
export function periodLabel(from: string, to: string): string {
  const [fromYear, fromNumber] = from.split('-').map(Number);
  const [toYear] = to.split('-').map(Number);
  if (from === to) return monthLabel(from);
  if (monthsBetween(from, to) === 3 && fromYear === toYear && ((fromNumber ?? 1) - 1) % 3 === 0) {
    return `Q${((fromNumber ?? 1) - 1) / 3 + 1} ${fromYear}`;
  }
  if (monthsBetween(from, to) === 12 && from.endsWith('-01')) return String(fromYear);
  return fromYear === toYear
    ? `${monthLabel(from, 'short')} – ${monthLabel(to, 'short')} ${toYear}`
    : `${monthLabel(from, 'short')} ${fromYear} – ${monthLabel(to, 'short')} ${toYear}`;
}

/** What a typed amount meant: a number of major units, nothing (clear the target), or why it is not one. */
export type ParsedAmount = { ok: true; amount: number | null } | { ok: false; message: string };

const MAX_AMOUNT = 1e13;

/**
 * Reads an amount as people type it in a spreadsheet: `12000`, `12,000`, `$12,000.50`, `12 000`, `12k`,
 * `1.5m`. An empty cell clears the target. Negative amounts, more than two decimals and text are refused
 * with a sentence saying what to type, as the API would refuse them.
 */
export function parseAmount(text: string): ParsedAmount {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, amount: null };
  const cleaned = trimmed
    // A currency code or sign before or after the figure says nothing the row does not already say.
    .replace(/^[A-Za-z]{3}\s*/, '')
    .replace(/\s*[A-Za-z]{3}$/, '')
    .replace(/[\s,'_\u00a0\u202f]/g, '')
    .replace(/^(-?)[$€£¥₹]/, '$1')
    .replace(/[$€£¥₹]$/, '');
  const match = /^(-?)(\d+(?:\.\d*)?|\.\d+)([kKmM]?)$/.exec(cleaned);
  if (!match) return { ok: false, message: `“${trimmed}” is not an amount: type a number such as 12000 or 12k` };
  if (match[1] === '-') return { ok: false, message: 'A target cannot be negative' };
  const factor = { k: 1_000, m: 1_000_000 }[(match[3] ?? '').toLowerCase()] ?? 1;
  const amount = Number(match[2]) * factor;
  const cents = Math.round(amount * 100);
  if (Math.abs(amount * 100 - cents) > 1e-6)
    return { ok: false, message: 'A target is in whole cents (at most two decimals)' };
  if (amount > MAX_AMOUNT) return { ok: false, message: 'That amount is too large for a target' };
  return { ok: true, amount: cents / 100 };
}

/** The figure a cell holds while it is edited: plain digits, so it can be typed over. */
export function editableAmount(amount: number | null): string {
  return amount === null ? '' : String(amount);
}

/** Amounts summed per currency: money is never added across currencies. */
export type CurrencySums = Map<string, number>;

export function sumByCurrency(entries: Iterable<{ amount: number; currency: string }>): CurrencySums {
  const sums: CurrencySums = new Map();
  for (const { amount, currency } of entries) {
    sums.set(currency, Math.round(((sums.get(currency) ?? 0) + amount) * 100) / 100);
  }
  return sums;
}

/**
 * Sums as a table shows them: `$12,000`, or `$12,000 + €3,000` when targets are in two currencies (the
 * usual one first); `—` when there is nothing to add.
 */
export function formatSums(sums: CurrencySums, usualCurrency: string): string {
  if (sums.size === 0) return '—';
  return [...sums.entries()]
    .sort(([a], [b]) => (a === usualCurrency ? -1 : b === usualCurrency ? 1 : a.localeCompare(b)))
    .map(([currency, amount]) => money(amount, currency))
    .join(' + ');
}

/** The key of a person's month in maps of cells. */
export const cellKey = (userId: string, month: string) => `${userId}|${month}`;
