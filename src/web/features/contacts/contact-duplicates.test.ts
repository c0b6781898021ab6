import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contracts/contacts.js';
import { duplicateReasons, rankDuplicates } from './contact-duplicates.js';

let next = 0;
const person = (firstName: string, lastName: string, fields: Partial<Contact> = {}): Contact => ({
  id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  accountId: '00000000-0000-4000-8000-000000000000',
  firstName,
  lastName,
  title: null,
  role: 'contact',
  reportsToId: null,
  email: null,
  phone: null,
  mobile: null,
  isPrimary: false,
  ownerId: null,
  ...fields,
});

describe('duplicateReasons', () => {
  const lena = person('Lena', 'Moss', { email: 'lena@farm.example', phone: '+14535550124' });

  it('finds the same e-mail and phone whatever their spelling', () => {
    const other = person('L.', 'Moss', { email: ' Lena@Farm.example', mobile: '(453) 555-0124' });
    expect(duplicateReasons(lena, other)).toEqual(['same_email', 'same_phone', 'similar_name']);
  });

  it('takes accents, case and punctuation as the same name, and a typo or short form as similar', () => {
    expect(duplicateReasons(person('Zoë', "O'Neil"), person('zoe', 'ONeil'))).toEqual(['same_name']);
    expect(duplicateReasons(lena, person('Lina', 'Moss'))).toEqual(['similar_name']);
    expect(duplicateReasons(person('Katherine', 'Berg'), person('Kat', 'Berg'))).toEqual(['similar_name']);
    expect(duplicateReasons(lena, person('Moss', 'Lena'))).toEqual(['similar_name']);
  });

  it('finds nothing in a different person of the same family or a number too short to tell', () => {
    expect(duplicateReasons(lena, person('Peter', 'Moss', { phone: '0124' }))).toEqual([]);
  });
});

describe('rankDuplicates', () => {
  it('puts the likeliest duplicates first, then the rest by name, and leaves the contact itself out', () => {
    const lena = person('Lena', 'Moss', { email: 'lena@farm.example' });
    const ranked = rankDuplicates(lena, [
      person('Adam', 'Zeller'),
      person('Ben', 'Abel'),
      person('Lina', 'Moss'),
      lena,
      person('Lena', 'Moss', { email: 'lena@farm.example' }),
    ]);
    expect(ranked.map(({ contact }) => `${contact.firstName} ${contact.lastName}`)).toEqual([
      'Lena Moss',
      'Lina Moss',
      'Ben Abel',
      'Adam Zeller',
    ]);
  });
});
