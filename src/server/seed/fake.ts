import type { Rng } from './random.js';
import {
  type City,
  cities,
  companyPrefixes,
  companyTrades,
  customerSuffixes,
  diallingCodes,
  firstNames,
  lastNames,
  streetNames,
} from './vocabulary.js';

/** Fake-data helpers over a seeded stream. Domains end in .example (RFC 2606): no mail can ever leave. */

export type PersonName = { first: string; last: string; full: string };

export function personName(rng: Rng): PersonName {
  const first = rng.pick(firstNames);
  const last = rng.pick(lastNames);
  return { first, last, full: `${first} ${last}` };
}

/** A company name like "Summit Hydraulic Services". */
export function companyName(rng: Rng): string {
  return `${rng.pick(companyPrefixes)} ${rng.pick(companyTrades)} ${rng.pick(customerSuffixes)}`;
}

/** "Acme Supply Co." → "acme-supply-co". */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The domain a company would own, e.g. summit-hydraulic-supply.example. */
export function domainOf(company: string): string {
  return `${slugOf(company)}.example`;
}

/**
 * first.last.<unique>@domain. Names repeat, so the caller passes something unique (usually the row index):
 * e-mail addresses are unique in several tables.
 */
export function email(name: PersonName, domain: string, unique: number | string): string {
  return `${name.first}.${name.last}.${unique}@${domain}`.toLowerCase();
}

export function city(rng: Rng): City {
  return rng.pick(cities);
}

export function streetAddress(rng: Rng): string {
  return `${rng.int(1, 9999)} ${rng.pick(streetNames)}`;
}

/** A North American number in the 555-01xx range, reserved for fiction. */
export function phone(rng: Rng): string {
  return `+1 ${rng.int(201, 989)} 555 01${String(rng.int(0, 99)).padStart(2, '0')}`;
}

const digits = (rng: Rng, count: number) => {
  let text = '';
  for (let index = 0; index < count; index += 1) text += String(rng.int(0, 9));
  return text;
};

/**
 * A number as people type it, with the country's dialling code: North American ones in the fictional
 * 555-01xx range, others random.
 */
export function phoneIn(rng: Rng, country: string): string {
  const code = diallingCodes[country] ?? '1';
  if (code === '1') return phone(rng);
  return `+${code} ${rng.int(1, 9)}${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`;
}

/** A phone number stored as Meridian normalises it: digits with the leading +. */
export function normalizedPhoneIn(rng: Rng, country: string): string {
  return phoneIn(rng, country).replace(/[^0-9+]/g, '');
}

const letter = (rng: Rng) => String.fromCharCode(65 + rng.int(0, 25));

/** A postal code shaped as the country writes it. */
export function postalCodeIn(rng: Rng, country: string): string {
  switch (country) {
    case 'CA':
      return `${letter(rng)}${rng.int(0, 9)}${letter(rng)} ${rng.int(0, 9)}${letter(rng)}${rng.int(0, 9)}`;
    case 'NL':
      return `${rng.int(1000, 9999)} ${letter(rng)}${letter(rng)}`;
    default: // US, MX, ES, DE, FR, IT: five digits
      return digits(rng, 5);
  }
}

/** Log-uniform between min and max: as many firms between 1 and 10 million as between 10 and 100 million. */
export function logUniform(rng: Rng, min: number, max: number): number {
  return Math.exp(Math.log(min) + rng.next() * (Math.log(max) - Math.log(min)));
}

const DAY_MS = 86_400_000;

/** An instant between `daysBack` days before `anchor` and the anchor, to the millisecond. */
export function instantWithin(rng: Rng, anchor: Date, daysBack: number): Date {
  return new Date(anchor.getTime() - Math.floor(rng.next() * daysBack * DAY_MS));
}

/** An instant between `from` and `to`. */
export function instantBetween(rng: Rng, from: Date, to: Date): Date {
  return new Date(from.getTime() + Math.floor(rng.next() * Math.max(0, to.getTime() - from.getTime())));
}
