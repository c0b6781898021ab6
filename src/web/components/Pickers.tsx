import { type ComboboxParsedItem, type Primitive, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Account } from '../../shared/contracts/accounts.js';
import type { Page } from '../../shared/contracts/common.js';
import type { Contact } from '../../shared/contracts/contacts.js';
import { type Opportunity, openStages } from '../../shared/contracts/opportunities.js';
import { api } from '../api/client.js';
import { useRecord, useTerritories, useUsers } from '../api/hooks.js';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value?: string | null;
  /** The chosen id, and the name it is shown by (null when cleared). */
  onChange?: (value: string | null, label: string | null) => void;
};

/** An account by name: type to search, the chosen one stays listed. */
export function AccountPicker({ value, onChange, ...props }: PickerProps & { excludeId?: string }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const chosen = useRecord<Account>('accounts', value ?? undefined);
  const results = useQuery({
    queryKey: ['accounts', 'list', `picker:${debounced}`],
    queryFn: ({ signal }) =>
      api.get<Page<Account>>(`/accounts?limit=20&sort=name${debounced ? `&q=${encodeURIComponent(debounced)}` : ''}`, {
        signal,
      }),
  });
  const options = new Map<string, string>();
  if (chosen.data) options.set(chosen.data.id, chosen.data.name);
  for (const account of results.data?.data ?? [])
    if (account.id !== props.excludeId) options.set(account.id, account.name);
  // The server's answer is for the text as it was: until the answer for what is typed now arrives, only
  // names containing every typed word are offered, so a quick Enter cannot pick an earlier search's first hit.
  const current = debounced === search.trim() && !results.isFetching;
  return (
    <Select
      searchable
      clearable
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      value={value}
      onChange={(id, option) => onChange?.(id, option?.label ?? null)}
      onSearchChange={setSearch}
      nothingFoundMessage={current ? 'No account by that name' : 'Searching…'}
      filter={({ options: all, search: typed }) => (current ? all : all.filter((option) => namesAll(option, typed)))}
      {...props}
    />
  );
}

/** Whether an option's label holds every word of the typed text (letter case aside). */
function namesAll(option: ComboboxParsedItem<Primitive>, typed: string): boolean {
  if (!('label' in option)) return true;
  const label = option.label.toLowerCase();
  return typed
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => label.includes(word));
}

export function UserPicker({ value, onChange, ...props }: PickerProps) {
  const users = useUsers();
  return (
    <Select
      searchable
      data={(users.data ?? []).filter((user) => user.active).map((user) => ({ value: user.id, label: user.name }))}
      value={value}
      onChange={(id, option) => onChange?.(id, option?.label ?? null)}
      {...props}
    />
  );
}

export function TerritoryPicker({ value, onChange, ...props }: PickerProps) {
  const territories = useTerritories();
  return (
    <Select
      clearable
      data={(territories.data ?? []).map((territory) => ({ value: territory.id, label: territory.name }))}
      value={value}
      onChange={(id, option) => onChange?.(id, option?.label ?? null)}
      {...props}
    />
  );
}

export function ContactPicker({ accountId, value, onChange, ...props }: PickerProps & { accountId: string | null }) {
  const contacts = useQuery({
    queryKey: ['contacts', 'list', `picker:${accountId}`],
    queryFn: ({ signal }) => api.get<Page<Contact>>(`/contacts?limit=100&accountId=${accountId}`, { signal }),
    enabled: Boolean(accountId),
  });
  return (
    <Select
      clearable
      searchable
      disabled={!accountId}
      data={(contacts.data?.data ?? []).map((contact) => ({
        value: contact.id,
        label: `${contact.firstName} ${contact.lastName}`,
      }))}
      value={value}
      onChange={(id, option) => onChange?.(id, option?.label ?? null)}
      {...props}
    />
  );
}

/** An open deal of an account, for linking a call or a visit to what it was about. */
export function DealPicker({ accountId, value, onChange, ...props }: PickerProps & { accountId: string | null }) {
  const deals = useQuery({
    queryKey: ['opportunities', 'list', `picker:${accountId}`],
    queryFn: ({ signal }) =>
      api.get<Page<Opportunity>>(`/opportunities?limit=100&accountId=${accountId}&stage=${openStages.join(',')}`, {
        signal,
      }),
    enabled: Boolean(accountId),
  });
  return (
    <Select
      clearable
      searchable
      disabled={!accountId}
      data={(deals.data?.data ?? []).map((deal) => ({ value: deal.id, label: deal.name }))}
      value={value}
      onChange={(id, option) => onChange?.(id, option?.label ?? null)}
      {...props}
    />
  );
}
