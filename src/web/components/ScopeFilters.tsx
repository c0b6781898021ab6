import { Group, Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTerritories, useVisibleOwners } from '../api/hooks.js';
import { FoldedOnPhone } from './FoldedOnPhone.js';

export const periods = [
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 12 months' },
];

/** Owner, territory and period of the overview and the reports, kept in the URL. */
export function useScope() {
  const [search, setSearch] = useSearchParams();
  const ownerId = search.get('ownerId');
  const territoryId = search.get('territoryId');
  const periodDays = Number(search.get('period') ?? '30');
  const scope = new URLSearchParams();
  if (ownerId) scope.set('ownerId', ownerId);
  if (territoryId) scope.set('territoryId', territoryId);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  return { ownerId, territoryId, periodDays, scope, set };
}

export function ScopeFilters({ withPeriod = true }: { withPeriod?: boolean }) {
  const { ownerId, territoryId, periodDays, set } = useScope();
  // Only the people whose records the caller sees: a rep sees only their own, so a rep has no owner choice.
  const owners = useVisibleOwners();
  const territories = useTerritories();
  const active = [ownerId, territoryId].filter(Boolean).length + (periodDays !== 30 && withPeriod ? 1 : 0);
  return (
    <FoldedOnPhone active={active}>
      <Group gap="xs" wrap="wrap">
        {(owners === undefined || owners.length > 1 || ownerId) && (
          <Select
            aria-label="Owner"
            placeholder="Everyone"
            data={(owners ?? []).map((user) => ({ value: user.id, label: user.name }))}
            value={ownerId}
            onChange={(value) => set('ownerId', value)}
            clearable
            searchable
            w={{ base: '100%', xs: 180 }}
          />
        )}
        <Select
          aria-label="Territory"
          placeholder="All territories"
          data={(territories.data ?? []).map((territory) => ({ value: territory.id, label: territory.name }))}
          value={territoryId}
          onChange={(value) => set('territoryId', value)}
          clearable
          w={{ base: '100%', xs: 180 }}
        />
        {withPeriod && (
          <Select
            aria-label="Period"
            data={periods}
            value={String(periodDays)}
            onChange={(value) => set('period', value === '30' ? null : value)}
            allowDeselect={false}
            w={{ base: '100%', xs: 160 }}
          />
        )}
      </Group>
    </FoldedOnPhone>
  );
}
