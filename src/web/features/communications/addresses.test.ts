import { describe, expect, it } from 'vitest';
import { addressesProblem, isEmailAddress, splitAddresses } from './addresses.js';

describe('splitAddresses', () => {
  it('splits on commas, semicolons and line breaks and drops blanks', () => {
    expect(splitAddresses(' ana@acme.com; ben@acme.com,\n, Cleo <cleo@acme.com> ')).toEqual([
      'ana@acme.com',
      'ben@acme.com',
      'Cleo <cleo@acme.com>',
    ]);
    expect(splitAddresses('  ')).toEqual([]);
  });
});

describe('addressesProblem', () => {
  it('names the first address that is not one', () => {
    expect(addressesProblem('ana@acme.com, ben@acme')).toBe('“ben@acme” is not an e-mail address');
    expect(addressesProblem('Ana Lopez <ana@acme.com>')).toBeNull();
  });

  it('asks for a recipient only where one is required', () => {
    expect(addressesProblem('', { required: true })).toBe('Add at least one recipient');
    expect(addressesProblem('')).toBeNull();
  });

  it('reads a name with its address in angle brackets as the server does', () => {
    expect(isEmailAddress('Ana <ana@acme.com>')).toBe(true);
    expect(isEmailAddress('Ana <ana>')).toBe(false);
  });
});
