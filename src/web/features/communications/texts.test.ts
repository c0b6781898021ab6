import { describe, expect, it } from 'vitest';
import { internationalNumber, numberProblem, sameNumber, textSize } from './texts.js';

describe('textSize', () => {
  it('fits 160 GSM-7 characters in one SMS and splits longer texts into parts of 153', () => {
    expect(textSize('')).toMatchObject({ length: 0, segments: 0 });
    expect(textSize('a'.repeat(160))).toEqual({ length: 160, segments: 1, perSegment: 160, outsideGsm: null });
    expect(textSize('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(textSize('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(textSize('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts an escaped GSM-7 character twice and never splits it across parts', () => {
    expect(textSize('€'.repeat(80))).toMatchObject({ length: 80, segments: 1, outsideGsm: null });
    expect(textSize('€'.repeat(81))).toMatchObject({ segments: 2 });
    // 152 plain characters leave one place in the first part: the € goes whole into the second.
    expect(textSize(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ segments: 3 });
  });

  it('sends a text with any character outside GSM-7 in parts of 70, or 67', () => {
    expect(textSize(`Thanks’${'a'.repeat(63)}`)).toMatchObject({
      segments: 1,
      perSegment: 70,
      outsideGsm: '’',
    });
    expect(textSize(`Thanks’${'a'.repeat(64)}`)).toMatchObject({ segments: 2, perSegment: 67 });
    // An emoji is two UTF-16 units, as the server and the network count it.
    expect(textSize('👍'.repeat(35))).toMatchObject({ length: 70, segments: 1, outsideGsm: '👍' });
    expect(textSize('👍'.repeat(36))).toMatchObject({ segments: 2 });
  });
});

describe('numberProblem', () => {
  it('accepts a number in international form however it is spaced', () => {
    expect(numberProblem('+31 6 1234 5678')).toBeNull();
    expect(numberProblem(' +1 (453) 555-0124 ')).toBeNull();
    expect(internationalNumber('+31 6 1234 5678')).toBe('+31612345678');
  });

  it('says what to do with a number dialled at home', () => {
    expect(numberProblem('06 1234 5678')).toBe(
      'Not in international form: write + and the country code instead of the leading 0, e.g. +31 6 1234 5678',
    );
    expect(numberProblem('31612345678')).toMatch(/^Not in international form: write \+ and the country code, e\.g/);
  });

  it('refuses no number, several numbers and what is not a number', () => {
    expect(numberProblem('  ')).toBe('Add the number to text');
    expect(numberProblem('+31612345678, +32470123456')).toBe('One number only: a text goes to one person');
    expect(numberProblem('+0612345')).toBe('“+0612345” is not a phone number: + and the country code, then the number');
    expect(numberProblem('+31 6 CALL ME')).not.toBeNull();
    expect(internationalNumber('+123456')).toBeNull();
  });
});

describe('sameNumber', () => {
  it('matches a stored number written either way', () => {
    expect(sameNumber('+31 6 1234 5678', '+31612345678')).toBe(true);
    expect(sameNumber('+31 6 1234 5678', '0612345678')).toBe(true);
    expect(sameNumber('+31 6 1234 5679', '0612345678')).toBe(false);
    expect(sameNumber('0612345678', '0612345678')).toBe(false);
    expect(sameNumber('+31612345678', null)).toBe(false);
  });
});
