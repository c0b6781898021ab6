import os from 'node:os';

/** "Ana Lopez <ana@acme.com>" → { name: "Ana Lopez", address: "ana@acme.com" }; a bare address has no name. */
export function parseMailbox(value: string): { name: string | null; address: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(value);
  if (!match) return { name: null, address: value.trim() };
  const name = (match[1] ?? '').trim();
  return { name: name.length > 0 ? name : null, address: (match[2] ?? '').trim() };
}

/** The mailbox as a header writes it, quoting a name that holds characters a bare phrase may not. */
export function formatMailbox(name: string | null, address: string): string {
  if (!name) return address;
  return /^[\p{L}\p{N} .'-]+$/u.test(name)
    ? `${name} <${address}>`
    : `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`;
}

/** The host part of the Message-IDs Meridian makes: the system address's domain, else this host's name. */
export function messageIdDomain(systemFrom: string | null): string {
  const domain = systemFrom ? parseMailbox(systemFrom).address.split('@')[1] : undefined;
  return domain ?? os.hostname();
}
