/**
 * How Meridian tells that two company records are the same company: the name without case, accents,
 * punctuation and legal form, and the domain of its website or e-mail. Lead conversion uses the same
 * rules to find an existing account.
 */

const legalForms = new Set([
  'ab',
  'ag',
  'as',
  'bv',
  'co',
  'company',
  'corp',
  'corporation',
  'gmbh',
  'inc',
  'incorporated',
  'kg',
  'limited',
  'llc',
  'llp',
  'lp',
  'ltd',
  'nv',
  'oy',
  'plc',
  'pty',
  'sa',
  'sarl',
  'sas',
  'spa',
  'srl',
  'the',
]);

/** "The ACME Distribution, Inc." → "acme distribution". */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  const significant = words.filter((word) => !legalForms.has(word));
  return (significant.length > 0 ? significant : words).join(' ');
}

/** Free-mail domains say nothing about the company, so they never make two accounts duplicates. */
const publicMailDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'proton.me',
  'protonmail.com',
]);

/** "https://www.Acme.com/about" → "acme.com"; "sales@acme.com" → "acme.com"; free-mail → null. */
export function companyDomain(websiteOrEmail: string | null | undefined): string | null {
  if (!websiteOrEmail) return null;
  const raw = websiteOrEmail.trim().toLowerCase();
  let host: string;
  if (raw.includes('@') && !raw.includes('/')) {
    host = raw.slice(raw.lastIndexOf('@') + 1);
  } else {
    try {
      host = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/^www\d?\./, '').replace(/\.$/, '');
  if (!host.includes('.') || publicMailDomains.has(host)) return null;
  return host;
}
