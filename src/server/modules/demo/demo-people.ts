import type { contactRoles } from '../../../shared/contracts/contacts.js';
import type { Rng } from '../../seed/random.js';
import { contactTitles, firstNames, lastNames } from '../../seed/vocabulary.js';

export type ContactRole = (typeof contactRoles)[number];

export type DemoPerson = { firstName: string; lastName: string; email: string; phone: string; mobile: string };

/** "Hill Country Tractor" → "hill-country-tractor.example": a domain that can never receive mail. */
export function demoDomainOf(company: string): string {
  const slug = company
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug}.example`;
}

/** A US number in the 555-01xx range, reserved for fiction, as Meridian stores it (digits and +). */
export function demoPhone(rng: Rng): string {
  return `+1${rng.int(201, 989)}55501${String(rng.int(0, 99)).padStart(2, '0')}`;
}

/** Draws people whose names do not repeat within the demo, so every e-mail address is unique. */
export function createPersonPicker(rng: Rng) {
  const used = new Set<string>();
  return (domain: string): DemoPerson => {
    for (;;) {
      const firstName = rng.pick(firstNames);
      const lastName = rng.pick(lastNames);
      const email = `${firstName}.${lastName}@${domain}`.toLowerCase();
      if (used.has(email)) continue;
      used.add(email);
      return { firstName, lastName, email, phone: demoPhone(rng), mobile: demoPhone(rng) };
    }
  };
}

export function titleFor(rng: Rng, role: ContactRole): string {
  return rng.pick(contactTitles[role]);
}
