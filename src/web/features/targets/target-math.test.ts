import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatSums,
  monthKey,
  monthLabel,
  monthsBetween,
  monthsOfYear,
  parseAmount,
  periodLabel,
  periodMonths,
  quartersOfYear,
  sumByCurrency,
} from './target-math.js';

describe('months and quarters', () => {
  it('lists the months of a year and groups them in quarters', () => {
    expect(monthsOfYear(2027)).toEqual([
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
      '2027-12',
    ]);
    expect(quartersOfYear(2027).map((quarter) => [quarter.label, quarter.months.join(',')])).toEqual([
      ['Q1', '2027-01,2027-02,2027-03'],
      ['Q2', '2027-04,2027-05,2027-06'],
      ['Q3', '2027-07,2027-08,2027-09'],
      ['Q4', '2027-10,2027-11,2027-12'],
    ]);
  });

  it('moves across year ends both ways', () => {
    expect(monthKey(2026, 13)).toBe('2027-01');
    expect(monthKey(2027, 0)).toBe('2026-12');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2027-02', -3)).toBe('2026-11');
    expect(monthsBetween('2026-11', '2027-02')).toBe(4);
    expect(monthsBetween('2027-02', '2026-11')).toBe(0);
  });

  it('names months for headings and for labels', () => {
    expect(monthLabel('2027-03', 'short')).toBe('Mar');
    expect(monthLabel('2027-03')).toBe('March 2027');
  });
});

describe('periodMonths', () => {
  it('finds this quarter, last quarter (across a year end) and this year', () => {
    const may = new Date(2027, 4, 15);
    expect(periodMonths('this-quarter', may)).toEqual({ from: '2027-04', to: '2027-06' });
    expect(periodMonths('last-quarter', may)).toEqual({ from: '2027-01', to: '2027-03' });
    expect(periodMonths('this-year', may)).toEqual({ from: '2027-01', to: '2027-12' });
    const february = new Date(2027, 1, 1);
    expect(periodMonths('this-quarter', february)).toEqual({ from: '2027-01', to: '2027-03' });
    expect(periodMonths('last-quarter', february)).toEqual({ from: '2026-10', to: '2026-12' });
    expect(periodMonths('this-quarter', new Date(2027, 11, 31))).toEqual({ from: '2027-10', to: '2027-12' });
  });

  it('says a period as people do', () => {
    expect(periodLabel('2027-04', '2027-06')).toBe('Q2 2027');
    expect(periodLabel('2027-01', '2027-12')).toBe('2027');
    expect(periodLabel('2027-03', '2027-03')).toBe('March 2027');
    expect(periodLabel('2027-02', '2027-04')).toBe('Feb – Apr 2027');
    expect(periodLabel('2026-11', '2027-02')).toBe('Nov 2026 – Feb 2027');
  });
});

describe('parseAmount', () => {
  it('reads amounts as they are typed in a spreadsheet', () => {
    expect(parseAmount('12000')).toEqual({ ok: true, amount: 12_000 });
    expect(parseAmount(' 12,000 ')).toEqual({ ok: true, amount: 12_000 });
    expect(parseAmount('$12,000.50')).toEqual({ ok: true, amount: 12_000.5 });
    expect(parseAmount('12 000')).toEqual({ ok: true, amount: 12_000 });
    expect(parseAmount('12k')).toEqual({ ok: true, amount: 12_000 });
    expect(parseAmount('1.5M')).toEqual({ ok: true, amount: 1_500_000 });
    expect(parseAmount('EUR 900')).toEqual({ ok: true, amount: 900 });
    expect(parseAmount('900 EUR')).toEqual({ ok: true, amount: 900 });
    expect(parseAmount('0')).toEqual({ ok: true, amount: 0 });
    expect(parseAmount('.5')).toEqual({ ok: true, amount: 0.5 });
  });

  it('reads an empty cell as clearing the target', () => {
    expect(parseAmount('')).toEqual({ ok: true, amount: null });
    expect(parseAmount('   ')).toEqual({ ok: true, amount: null });
  });

  it('refuses what the API would refuse, saying what to type', () => {
    expect(parseAmount('twelve')).toMatchObject({ ok: false, message: expect.stringContaining('not an amount') });
    expect(parseAmount('-5')).toEqual({ ok: false, message: 'A target cannot be negative' });
    expect(parseAmount('-$5')).toEqual({ ok: false, message: 'A target cannot be negative' });
    expect(parseAmount('1.234')).toMatchObject({ ok: false, message: expect.stringContaining('two decimals') });
    expect(parseAmount('1e20')).toMatchObject({ ok: false });
    expect(parseAmount('99999999999999')).toMatchObject({ ok: false, message: expect.stringContaining('too large') });
  });
});

describe('sums', () => {
  it('adds per currency, to the cent, and writes the usual currency first', () => {
    const sums = sumByCurrency([
      { amount: 0.1, currency: 'USD' },
      { amount: 0.2, currency: 'USD' },
      { amount: 3_000, currency: 'EUR' },
      { amount: 12_000, currency: 'USD' },
    ]);
    expect(sums.get('USD')).toBe(12_000.3);
    expect(formatSums(sums, 'USD')).toBe('$12,000.30 + €3,000');
    expect(formatSums(sums, 'EUR')).toBe('€3,000 + $12,000.30');
    expect(formatSums(new Map(), 'USD')).toBe('—');
  });
});
