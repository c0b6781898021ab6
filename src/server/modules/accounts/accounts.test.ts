import { describe, expect, it } from 'vitest';
import { prefixTsQuery, swappedLettersTsQuery } from '../../platform/text-search.js';
import { companyDomain, normalizeCompanyName } from './account-identity.js';

describe('company identity', () => {
  it('normalises names without case, accents, punctuation and legal forms', () => {
    expect(normalizeCompanyName('The ACME Distribution, Inc.')).toBe('acme distribution');
    expect(normalizeCompanyName('Müller & Söhne GmbH')).toBe('muller and sohne');
    expect(normalizeCompanyName('acme distribution')).toBe(normalizeCompanyName('ACME DISTRIBUTION LTD'));
    expect(normalizeCompanyName('Ltd')).toBe('ltd');
  });

  it('finds the company domain in a website or e-mail, ignoring free-mail providers', () => {
    expect(companyDomain('https://www.Acme.com/about')).toBe('acme.com');
    expect(companyDomain('acme.com')).toBe('acme.com');
    expect(companyDomain('sales@acme.com')).toBe('acme.com');
    expect(companyDomain('someone@gmail.com')).toBeNull();
    expect(companyDomain('not a url')).toBeNull();
    expect(companyDomain(null)).toBeNull();
  });

  it('turns search words into a safe prefix query', () => {
    expect(prefixTsQuery('acme dist')).toBe('acme:* & dist:*');
    expect(prefixTsQuery("o'brien & sons | !")).toBe('o:* & brien:* & son:*');
    expect(prefixTsQuery('  ')).toBeNull();
  });

  it('asks a plural also as its singular, whose prefix finds both', () => {
    expect(prefixTsQuery('tractors')).toBe('tractor:*');
    expect(prefixTsQuery('supplies')).toBe('(supplies:* | supply:*)');
    expect(prefixTsQuery('branches boxes')).toBe('branch:* & box:*');
    // Words that end in s without being plurals, and numbers, stay as typed.
    expect(prefixTsQuery('glass status analysis 2020s')).toBe('glass:* & status:* & analysis:* & 2020s:*');
  });

  it('spells each longer word also with two neighbouring letters swapped', () => {
    expect(swappedLettersTsQuery('byaou co')).toBe('(byaou:* | ybaou:* | bayou:* | byoau:* | byauo:*) & co:*');
    // A doubled letter swapped with itself is the same word, asked once.
    expect(swappedLettersTsQuery('ball')).toBe('(ball:* | abll:* | blal:*)');
    expect(swappedLettersTsQuery('co op')).toBeNull();
    // Longer words are left to the trigrams: each spelling is one more index look-up.
    expect(swappedLettersTsQuery('acme distrbution')).toBe('(acme:* | came:* | amce:* | acem:*) & distrbution:*');
    expect(swappedLettersTsQuery('distrbution')).toBeNull();
    expect(swappedLettersTsQuery('+1 312 555 0102')).toBeNull();
  });
});
