import { MultiSelect } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTerritories, useUsers } from '../../api/hooks.js';
import { FoldedOnPhone } from '../../components/FoldedOnPhone.js';
import type { BoardFilterKey } from './board-data.js';

/**
 * The board's owners and territories, kept in the URL (comma-separated, as the API takes them). On a
 * phone they wait behind a "Filters" button, so the cards start near the top of the screen.
 */
export function BoardFilters() {
  const [search, setSearch] = useSearchParams();
  const users = useUsers();
  const territories = useTerritories();
  const selected = (key: BoardFilterKey) => search.get(key)?.split(',') ?? [];
  const setFilter = (key: BoardFilterKey, values: string[]) => {
    const next = new URLSearchParams(search);
    if (values.length) next.set(key, values.join(','));
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  const owners = selected('ownerId');
  const territoryIds = selected('territoryId');
  const active = (owners.length ? 1 : 0) + (territoryIds.length ? 1 : 0);
  return (
    <FoldedOnPhone active={active}>
      <MultiSelect
        aria-label="Owner"
        placeholder={owners.length ? undefined : 'All owners'}
        data={(users.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
        value={owners}
        onChange={(value) => setFilter('ownerId', value)}
        w={{ base: '100%', xs: 220 }}
        clearable
      />
      <MultiSelect
        aria-label="Territory"
        placeholder={territoryIds.length ? undefined : 'All territories'}
        data={(territories.data ?? []).map((territory) => ({ value: territory.id, label: territory.name }))}
        value={territoryIds}
        onChange={(value) => setFilter('territoryId', value)}
        w={{ base: '100%', xs: 200 }}
        clearable
      />
    </FoldedOnPhone>
  );
}
