import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Account } from '../../shared/contracts/accounts.js';
import type { Contact } from '../../shared/contracts/contacts.js';
import type { Lead } from '../../shared/contracts/leads.js';
import type { Opportunity } from '../../shared/contracts/opportunities.js';
import { useRecord } from '../api/hooks.js';
import { humanize, money, personName, phone } from '../lib/format.js';
import { stageLabels } from '../lib/labels.js';
import { Field } from './Section.js';

/*
 * The associated records of a record page's right column (HubSpot): each one named by how it relates to
 * the page's record, as a link, with a line that says which one it is. Each loads its own record; the
 * page usually has it already (the same query), so nothing is asked twice.
 */

function RelatedLink({ label, to, name, detail }: { label: string; to: string; name: string; detail?: string }) {
  return (
    <Field label={label}>
      <Anchor component={Link} to={to} size="sm">
        {name}
      </Anchor>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Field>
  );
}

export function RelatedAccount({ id, label = 'Account' }: { id: string; label?: string }) {
  const { data: account } = useRecord<Account>('accounts', id);
  return (
    <RelatedLink
      label={label}
      to={`/accounts/${id}`}
      name={account?.name ?? 'Account'}
      detail={account && [humanize(account.type), account.address?.city].filter(Boolean).join(' · ')}
    />
  );
}

export function RelatedContact({ id, label = 'Contact' }: { id: string; label?: string }) {
  const { data: contact } = useRecord<Contact>('contacts', id);
  return (
    <RelatedLink
      label={label}
      to={`/contacts/${id}`}
      name={contact ? personName(contact) : 'Contact'}
      detail={
        contact && [contact.title, contact.email ?? (contact.phone && phone(contact.phone))].filter(Boolean).join(' · ')
      }
    />
  );
}

export function RelatedLead({ id, label = 'From lead' }: { id: string; label?: string }) {
  const { data: lead } = useRecord<Lead>('leads', id);
  return (
    <RelatedLink
      label={label}
      to={`/leads/${id}`}
      name={lead ? `${personName(lead)}${lead.company ? `, ${lead.company}` : ''}` : 'Lead'}
    />
  );
}

export function RelatedDeal({ id, label = 'Deal' }: { id: string; label?: string }) {
  const { data: deal } = useRecord<Opportunity>('opportunities', id);
  return (
    <RelatedLink
      label={label}
      to={`/opportunities/${id}`}
      name={deal?.name ?? 'Deal'}
      detail={deal && `${money(deal.amount, deal.currency)} · ${stageLabels[deal.stage]}`}
    />
  );
}

/** A relation the record does not have (yet), and where to set it. */
export function NoRelated({ label, hint }: { label: string; hint: string }) {
  return (
    <Field label={label}>
      <Text span size="sm" c="dimmed">
        {hint}
      </Text>
    </Field>
  );
}
