import { Badge, Center, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { SearchHit } from '../../shared/contracts/search.js';
import type { Role } from '../../shared/contracts/users.js';
import { api } from '../api/client.js';
import { useMe } from '../api/hooks.js';
import { getSession } from '../api/session.js';
import { CREATE_PARAM, createPaths, hasCreateForm } from '../lib/create-intent.js';
import { hitTypeLabels } from './search-hit-labels.js';

/** The palette's own store, so it can highlight the top result when results arrive (see `highlightFirst`). */
const [searchStore, spotlight] = createSpotlight();

export const openSearch = () => spotlight.open();

/**
 * Marks the palette's first choice as the one Enter opens, as Mantine does when the query changes. Records
 * arrive after the query has changed (a debounce and a request later), so without this nothing, or a stale
 * choice, would be highlighted and Enter would do nothing until an arrow key.
 */
function highlightFirst() {
  const list = document.getElementById(searchStore.getState().listId);
  if (!list) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list.querySelector('[data-action]');
  first?.setAttribute('data-selected', 'true');
  searchStore.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
}

const typePaths: Record<SearchHit['type'], string> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
};

/** `roles`: who is offered the page (everyone when not given); `words`: other words it is found by. */
const pages: { label: string; to: string; roles?: Role[]; words?: string }[] = [
  { label: 'Overview', to: '/overview' },
  { label: 'Pipeline board', to: '/opportunities/board' },
  { label: 'My tasks', to: '/tasks' },
  { label: 'Activities calendar', to: '/activities?view=week' },
  { label: 'Reports', to: '/reports' },
  { label: 'Targets', to: '/targets' },
  { label: 'Attainment', to: '/reports/attainment' },
  { label: 'Products', to: '/products' },
  { label: 'Price lists', to: '/price-lists' },
  { label: 'Quotes', to: '/quotes' },
  { label: 'Ask a question', to: '/ask' },
  { label: 'Lead forms', to: '/lead-forms', roles: ['manager', 'admin'], words: 'web-to-lead website inquiries embed' },
];

const creations = [
  { label: 'New account', to: createPaths.account, words: 'create add company customer distributor dealer' },
  { label: 'New contact', to: createPaths.contact, words: 'create add person' },
  { label: 'New lead', to: createPaths.lead, words: 'create add prospect' },
  { label: 'New deal', to: createPaths.deal, words: 'create add opportunity opp' },
  { label: 'New activity', to: createPaths.activity, words: 'create add plan' },
  { label: 'Log a call', to: createPaths.loggedCall, words: 'new record phone activity' },
  { label: 'Plan a visit', to: createPaths.plannedVisit, words: 'new schedule field activity' },
  { label: 'Plan a meeting', to: createPaths.plannedMeeting, words: 'new schedule activity' },
  { label: 'New task', to: createPaths.task, words: 'create add todo to-do follow-up reminder' },
];

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .filter(Boolean);

/** Every word typed starts a word of the label or the keywords ("new deal", "add opp", "log call"). */
const matches = (text: string, query: string) =>
  wordsOf(query).every((word) => wordsOf(text).some((candidate) => candidate.startsWith(word)));

/** How many words typed are words of the label itself: "new deal" puts New deal before New account (dealer). */
const labelScore = (label: string, query: string) =>
  wordsOf(query).filter((word) => wordsOf(label).includes(word)).length;

/**
 * Ctrl/Cmd-K: everything the user may see (accounts, contacts, leads, deals), the main pages, and creating
 * any record. `c` creates: on a list page or the board it opens that page's form, elsewhere this menu with its
 * choices.
 */
export function SearchSpotlight() {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const navigate = useNavigate();
  const location = useLocation();
  useHotkeys([
    [
      'c',
      () => {
        if (hasCreateForm(location.pathname)) {
          const next = new URLSearchParams(location.search);
          next.set(CREATE_PARAM, '1');
          navigate({ pathname: location.pathname, search: next.toString() }, { replace: true });
        } else {
          setQuery('new ');
          spotlight.open();
        }
      },
    ],
  ]);
  // Ctrl/Cmd-K opens search from anywhere, from inside a text box too (the question box, a form), as in
  // most apps; "/" and "c" are letters there and stay typing.
  useHotkeys([['mod+K', () => spotlight.open()]], []);
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
  const role = (useMe().data ?? getSession()?.user)?.role;
  const matchingPages = pages.filter(
    (page) =>
      (!page.roles || (role !== undefined && page.roles.includes(role))) &&
      matches(`${page.label} ${page.words ?? ''}`, query),
  );
  const matchingCreations = creations
    .filter((creation) => matches(`${creation.label} ${creation.words}`, query))
    .sort((a, b) => labelScore(b.label, query) - labelScore(a.label, query));
  const hits = debounced ? (results.data?.data ?? []) : [];
  // Whatever the choices shown, the top one is highlighted: Enter opens it.
  const shownChoices = [
    ...hits.map((hit) => hit.id),
    ...matchingCreations.map((creation) => creation.to),
    ...matchingPages.map((page) => page.to),
  ].join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the choices on screen, not their objects, decide
  useEffect(() => highlightFirst(), [shownChoices]);

  return (
    <Spotlight.Root
      store={searchStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={['/']}
      scrollable
      maxHeight={420}
    >
      <Spotlight.Search
        placeholder="Search accounts, contacts, leads, deals… or type “new”"
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
                    {hitTypeLabels[hit.type]}
                  </Badge>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {matchingCreations.length > 0 && (
          <Spotlight.ActionsGroup label="Create">
            {matchingCreations.map((creation) => (
              <Spotlight.Action
                key={creation.to}
                label={creation.label}
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => go(creation.to)}
              />
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
        {debounced &&
          !results.isFetching &&
          hits.length === 0 &&
          matchingPages.length === 0 &&
          matchingCreations.length === 0 && (
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
