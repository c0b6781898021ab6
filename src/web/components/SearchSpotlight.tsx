import { Badge, Center, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { SearchHit } from '../../shared/contracts/search.js';
import { api } from '../api/client.js';

export const openSearch = () => spotlight.open();

const typePaths: Record<SearchHit['type'], string> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
};

const pages = [
  { label: 'Overview', to: '/' },
  { label: 'Pipeline board', to: '/opportunities/board' },
  { label: 'My tasks', to: '/tasks' },
  { label: 'Activities calendar', to: '/activities?view=week' },
  { label: 'Reports', to: '/reports' },
  { label: 'Ask a question', to: '/ask' },
];

/** Ctrl/Cmd-K: everything the user may see (accounts, contacts, leads, deals), plus the main pages. */
export function SearchSpotlight() {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const navigate = useNavigate();
  const results = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) =>
      api.get<{ data: SearchHit[] }>(`/search?q=${encodeURIComponent(debounced)}&limit=12`, { signal }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
  });
  const go = (to: string) => {
    spotlight.close();
    navigate(to);
  };
  const matchingPages = pages.filter((page) => page.label.toLowerCase().includes(query.trim().toLowerCase()));
  const hits = debounced ? (results.data?.data ?? []) : [];

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K', '/']} scrollable maxHeight={420}>
      <Spotlight.Search
        placeholder="Search accounts, contacts, leads, deals…"
        aria-label="Search"
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={results.isFetching ? <Loader size="xs" /> : null}
      />
      <Spotlight.ActionsList>
        {hits.length > 0 && (
          <Spotlight.ActionsGroup label="Records">
            {hits.map((hit) => (
              <Spotlight.Action key={`${hit.type}-${hit.id}`} onClick={() => go(`/${typePaths[hit.type]}/${hit.id}`)}>
                <Group wrap="nowrap" w="100%" justify="space-between">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" truncate>
                      {hit.title}
                    </Text>
                    {hit.subtitle && (
                      <Text size="xs" c="dimmed" truncate>
                        {hit.subtitle}
                      </Text>
                    )}
                  </div>
                  <Badge variant="light" size="sm">
                    {hit.type}
                  </Badge>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {matchingPages.length > 0 && (
          <Spotlight.ActionsGroup label="Go to">
            {matchingPages.map((page) => (
              <Spotlight.Action key={page.to} label={page.label} onClick={() => go(page.to)} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {debounced && !results.isFetching && hits.length === 0 && matchingPages.length === 0 && (
          <Spotlight.Empty>
            <Center>
              <Text size="sm" c="dimmed">
                Nothing matches “{debounced}”. Try a company, a person's name or an e-mail.
              </Text>
            </Center>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
