import { describe, expect, it } from 'vitest';
import { days, phone, withReadableDates } from './format.js';

describe('withReadableDates', () => {
  it('writes the calendar dates of a sentence as the app does, and leaves the rest', () => {
    expect(withReadableDates('Timeline confirmed (decision by 2027-02-19)')).toBe(
      'Timeline confirmed (decision by 19 Feb 2027)',
    );
    expect(withReadableDates('Budget confirmed ($20,000)')).toBe('Budget confirmed ($20,000)');
  });
});

describe('phone', () => {
  it('writes a stored E.164 number for people, and a number typed with its own spaces as typed', () => {
    expect(phone('+14535550124')).toBe('+1 453-555-0124');
    expect(phone('+33142685300')).toBe('+33 1 42 68 53 00');
    expect(phone('+31 10 555 0199')).toBe('+31 10 555 0199');
    expect(phone('0123 456')).toBe('0123 456');
    expect(phone(null)).toBe('—');
  });
});

describe('days', () => {
  it('keeps a tenth under ten days and writes whole days above', () => {
    expect(days(0.47)).toBe('0.5 days');
    expect(days(1)).toBe('1 day');
    expect(days(3.04)).toBe('3 days');
    expect(days(9.96)).toBe('10 days');
    expect(days(12.6)).toBe('13 days');
    expect(days(1234.2)).toBe('1,234 days');
    expect(days(null)).toBe('—');
  });
});
