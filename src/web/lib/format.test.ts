import { describe, expect, it } from 'vitest';
import { withReadableDates } from './format.js';

describe('withReadableDates', () => {
  it('writes the calendar dates of a sentence as the app does, and leaves the rest', () => {
    expect(withReadableDates('Timeline confirmed (decision by 2027-02-19)')).toBe(
      'Timeline confirmed (decision by 19 Feb 2027)',
    );
    expect(withReadableDates('Budget confirmed ($20,000)')).toBe('Budget confirmed ($20,000)');
  });
});
