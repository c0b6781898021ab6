import type { Contact } from '../../../shared/contracts/contacts.js';

export type DuplicateReason = 'same_email' | 'same_phone' | 'same_name' | 'similar_name';

export type RankedContact = { contact: Contact; reasons: DuplicateReason[] };

const weights: Record<DuplicateReason, number> = { same_email: 4, same_phone: 3, same_name: 2, similar_name: 1 };

/** Lower case, accents and everything but letters left out: "Zoë O'Neil" and "zoe oneil" are one name. */
function letters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

/** The last 8 digits: "+1 453-555-0124" and "(453) 555 0124" are one number; shorter ones say too little. */
function phoneKey(value: string | null): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 6 ? digits.slice(-8) : null;
}

/** How many single-letter edits turn one word into the other (Levenshtein), for typos in names. */
function edits(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * Why `other` may be the same person as `contact`: the same e-mail, a phone number in common, the same
 * name, or a similar one (the same last name and a first name that is an initial, a short form or a typo
 * of the other; or one typo in the whole name).
 */
export function duplicateReasons(contact: Contact, other: Contact): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (contact.email && other.email && contact.email.trim().toLowerCase() === other.email.trim().toLowerCase())
    reasons.push('same_email');
  const phones = new Set([phoneKey(contact.phone), phoneKey(contact.mobile)].filter(Boolean));
  if ([phoneKey(other.phone), phoneKey(other.mobile)].some((key) => key && phones.has(key))) reasons.push('same_phone');
  const [first, last] = [letters(contact.firstName), letters(contact.lastName)];
  const [otherFirst, otherLast] = [letters(other.firstName), letters(other.lastName)];
  if (first === otherFirst && last === otherLast) reasons.push('same_name');
  else if (
    (last === otherLast &&
      first &&
      otherFirst &&
      (first.startsWith(otherFirst) || otherFirst.startsWith(first) || edits(first, otherFirst) <= 1)) ||
    edits(first + last, otherFirst + otherLast) <= 1 ||
    // First and last name swapped, as a list imported the wrong way round has them.
    (first === otherLast && last === otherFirst)
  )
    reasons.push('similar_name');
  return reasons;
}

/** The other contacts, the likeliest duplicates first (by their reasons' weight), then by name. */
export function rankDuplicates(contact: Contact, others: Contact[]): RankedContact[] {
  const score = (reasons: DuplicateReason[]) => reasons.reduce((sum, reason) => sum + weights[reason], 0);
  return others
    .filter((other) => other.id !== contact.id)
    .map((other) => ({ contact: other, reasons: duplicateReasons(contact, other) }))
    .sort(
      (a, b) =>
        score(b.reasons) - score(a.reasons) ||
        a.contact.lastName.localeCompare(b.contact.lastName) ||
        a.contact.firstName.localeCompare(b.contact.firstName),
    );
}
