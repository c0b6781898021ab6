import type { Contact } from '../../../shared/contracts/contacts.js';
import { usePage, useRecord } from '../../api/hooks.js';

/**
 * Whom a new message from a record page is to, before the rep changes it: the contact's or lead's own
 * address and number, a deal's contact, an account's primary contact. `contactId` links the message to
 * that contact too, so it shows on their timeline, as long as it is still addressed to them.
 */
export type Recipient = { email: string | null; phone: string | null; contactId: string | null };

export function contactRecipient(contact: Pick<Contact, 'id' | 'email' | 'phone' | 'mobile'>): Recipient {
  return { email: contact.email, phone: contact.mobile ?? contact.phone, contactId: contact.id };
}

/** A deal's contact, once the deal has one and it has loaded. */
export function useContactRecipient(contactId: string | null | undefined): Recipient | undefined {
  const contact = useRecord<Contact>('contacts', contactId ?? undefined).data;
  return contact ? contactRecipient(contact) : undefined;
}

/** An account's primary contact, when it has one. */
export function usePrimaryContactRecipient(accountId: string | undefined): Recipient | undefined {
  const primary = usePage<Contact>('contacts', `accountId=${accountId}&isPrimary=true&limit=1`, Boolean(accountId)).data
    ?.data[0];
  return primary ? contactRecipient(primary) : undefined;
}

/** Whether a list of typed addresses still includes this one ("Ana <ana@acme.com>" counts). */
export function addressedTo(addresses: readonly string[], email: string | null): boolean {
  if (!email) return false;
  const wanted = email.trim().toLowerCase();
  return addresses.some((address) => {
    const bare = /<([^<>]+)>\s*$/.exec(address)?.[1] ?? address;
    return bare.trim().toLowerCase() === wanted;
  });
}
