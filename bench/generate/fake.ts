import type { Rng } from './random.js';
import {
  type City,
  cities,
  companyPrefixes,
  companySuffixes,
  companyTrades,
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

/** A company name like "Summit Hydraulic Supply". */
export function companyName(rng: Rng): string {
  return `${rng.pick(companyPrefixes)} ${rng.pick(companyTrades)} ${rng.pick(companySuffixes)}`;
}

/** The domain a company would own, e.g. summit-hydraulic-supply.example. */
export function domainOf(company: string): string {
  const slug = company
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug}.example`;
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

const DAY_MS = 86_400_000;

/** An instant between `daysBack` days before `anchor` and the anchor, to the millisecond. */
export function instantWithin(rng: Rng, anchor: Date, daysBack: number): Date {
  return new Date(anchor.getTime() - Math.floor(rng.next() * daysBack * DAY_MS));
}

/** An instant between `from` and `to`. */
export function instantBetween(rng: Rng, from: Date, to: Date): Date {
  return new Date(from.getTime() + Math.floor(rng.next() * Math.max(0, to.getTime() - from.getTime())));
}
