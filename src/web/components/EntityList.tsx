import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  MultiSelect,
  NumberInput,
  Paper,
  Pill,
  ScrollArea,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import {
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconChevronLeft,
  IconChevronRight,
  IconColumns,
  IconDots,
  IconDownload,
  IconFilter,
  IconSearch,
  IconX,
} from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { downloadFromApi } from '../api/client.js';
import { usePage, useTerritories, useUsers } from '../api/hooks.js';
import { CREATE_PARAM } from '../lib/create-intent.js';
import { count, date, humanize } from '../lib/format.js';
import { notifyFailure } from '../lib/mutations.js';
import { isViewResource, keepOpenedView } from '../lib/saved-views.js';
import { BULK_BAR_HEIGHT, BulkBar, type BulkOptions } from './BulkActions.js';
import { DateField } from './DateFields.js';
import { EditableCell } from './EditableField.js';
import { EmptyState } from './EmptyState.js';
import { QueryError } from './QueryError.js';
import { SavedViews } from './SavedViews.js';

export type Column<Row> = {
  key: string;
  label: string;
  render: (row: Row) => ReactNode;
  /** The API's sort field, when the column can be sorted. */
  sort?: string;
  /** Not shown until chosen in "Columns". */
  optional?: boolean;
  align?: 'left' | 'right';
  /**
   * The cell edits in place in the table (not on the phone's cards): the value as typed, and the save,
   * which answers an error to show when the text will not do. null when the caller may not change the row.
   */
  edit?: (row: Row) => {
    value: string;
    onSave: (text: string) => string | undefined;
    inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  } | null;
};

export type Filter =
  | { kind: 'enum'; key: string; label: string; options: readonly string[] | { value: string; label: string }[] }
  | { kind: 'owner'; key: string; label: string }
  | { kind: 'territory'; key: string; label: string }
  | { kind: 'range'; key: string; label: string; input: 'number' | 'date' }
  | { kind: 'boolean'; key: string; label: string };

const reserved = new Set(['q', 'sort', 'cursor', 'cols', 'view', CREATE_PARAM]);
const pageSize = 25;

/** URL parameters that are the page's own state (columns, view, an open create form), not API filters. */
const pageStateParams = new Set(['cols', 'view', CREATE_PARAM]);

/** The API query of a list page: the URL's filters, sort and cursor, without the view-only keys. */
export function apiParams(search: URLSearchParams, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of search) if (!pageStateParams.has(key) && value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  params.set('limit', String(pageSize));
  params.set('includeTotal', 'true');
  return params;
}

/** The lists the API can export as CSV (`GET /{resource}/export`, csv-export.ts on the server). */
const exportableResources = new Set([
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'activities',
  'tasks',
  'products',
  'quotes',
]);

/** The list's own filters, search and sort, without its paging: the export holds every page. */
function exportParams(params: URLSearchParams): string {
  const exported = new URLSearchParams(params);
  for (const key of ['limit', 'cursor', 'includeTotal']) exported.delete(key);
  return exported.toString();
}

/** Downloads the list as it is filtered and sorted now, every page of it, as a CSV file for a spreadsheet. */
function ExportButton({ path, resource }: { path: string; resource: string }) {
  const [exporting, setExporting] = useState(false);
  const exportList = async () => {
    setExporting(true);
    try {
      await downloadFromApi(path, `meridian-${resource}.csv`);
    } catch (error) {
      notifyFailure(error, { title: 'The list was not exported' });
    } finally {
      setExporting(false);
    }
  };
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconDownload size={16} aria-hidden />}
      loading={exporting}
      onClick={exportList}
      visibleFrom="sm"
    >
      Export CSV
    </Button>
  );
}

/** The day (the browser's) of a date filter's bound, which is a day or, from a link, an instant. */
function dayOfBound(value: string | null): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dayjs(value).format('YYYY-MM-DD');
}

function optionsOf(options: readonly string[] | { value: string; label: string }[]) {
  return options.map((option) =>
    typeof option === 'string'
      ? { value: option, label: option.charAt(0).toUpperCase() + option.slice(1).replace(/_/g, ' ') }
      : option,
  );
}

/**
 * A server-paginated list: search, filters and sort in the URL (so every view is a link), column choice,
 * keyset paging, a table on wide screens and cards on a phone, quick actions per row.
 */
export function EntityList<Row extends { id: string }>(props: {
  resource: string;
  noun: { one: string; many: string };
  columns: Column<Row>[];
  filters?: Filter[];
  /** Where a row's title leads (its record page). */
  rowLink?: (row: Row) => string;
  /** Opens a row in place (a dialog) instead of following rowLink, for records edited without a page. */
  onRowOpen?: (row: Row) => void;
  rowTitle: (row: Row) => ReactNode;
  rowActions?: (row: Row) => ReactNode;
  empty: { title: string; body: string; action?: ReactNode };
  /**
   * The filters a page opens with when nothing is asked (the activities' to-do: `status=planned`) and what
   * it says when that view is empty: the user set no filter, so "no activities match these filters, loosen
   * a filter" would be wrong.
   */
  openingView?: { filters: Record<string, string>; empty: { title: string; body: string; action?: ReactNode } };
  extraParams?: Record<string, string>;
  searchable?: boolean;
  /** The API sort when the URL names none (the API's own default otherwise). */
  defaultSort?: string;
  /**
   * Rows can be selected (a checkbox first in each row and card, and one for the whole page) and acted on
   * together: Assign to…, Delete (components/BulkActions). Lists without it have no checkboxes.
   */
  bulk?: BulkOptions;
}) {
  const {
    resource,
    noun,
    columns,
    filters = [],
    rowLink,
    onRowOpen,
    rowTitle,
    rowActions,
    empty,
    openingView,
    extraParams,
    searchable = true,
    defaultSort,
    bulk,
  } = props;
  const [search, setSearch] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const params = apiParams(search, {
    ...(defaultSort && !search.get('sort') ? { sort: defaultSort } : {}),
    ...extraParams,
  });
  const page = usePage<Row>(resource, params);
  const [text, setText] = useState(search.get('q') ?? '');
  const [showFilters, setShowFilters] = useState(false);
  const previous = (location.state as { previous?: string[] } | null)?.previous ?? [];

  const chosen =
    search.get('cols')?.split(',') ?? columns.filter((column) => !column.optional).map((column) => column.key);
  const visible = columns.filter((column) => chosen.includes(column.key));

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('cursor' in changes)) next.delete('cursor');
    // A view opened from Views stays the one in use ("(edited)" once the URL moves away from it).
    setSearch(next, { replace: !('cursor' in changes), state: keepOpenedView(location.state) });
  };
  const debouncedQuery = useDebouncedCallback((value: string) => update({ q: value.trim() || null }), 300);
  // A link followed (a row, the navigation) while the words typed are still on their way to the URL: the
  // search would navigate back to the list while the link's page loads its code, so it is dropped. Caught
  // at the click itself, as the router's own pending state reaches the page too late (a transition).
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest('a[href]')) debouncedQuery.cancel();
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [debouncedQuery]);

  const sort = search.get('sort') ?? defaultSort ?? null;
  const toggleSort = (field: string) =>
    update({ sort: sort === field ? `-${field}` : sort === `-${field}` ? (defaultSort ? field : null) : field });
  const activeFilters = [...search.keys()].filter((key) => !reserved.has(key));
  const searched = Boolean(search.get('q'));
  const atOpeningView =
    openingView !== undefined &&
    !searched &&
    activeFilters.length === Object.keys(openingView.filters).length &&
    Object.entries(openingView.filters).every(([key, value]) => search.get(key) === value);
  const clearFilters = () => {
    setText('');
    setSearch(new URLSearchParams(search.get('cols') ? { cols: search.get('cols') ?? '' } : {}));
  };

  const goNext = () => {
    if (!page.data?.nextCursor) return;
    const next = new URLSearchParams(search);
    next.set('cursor', page.data.nextCursor);
    navigate(`?${next}`, {
      state: { previous: [...previous, search.get('cursor') ?? ''], ...keepOpenedView(location.state) },
    });
  };
  const goPrevious = () => {
    const stack = [...previous];
    const cursor = stack.pop() ?? '';
    const next = new URLSearchParams(search);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    navigate(`?${next}`, { state: { previous: stack, ...keepOpenedView(location.state) } });
  };

  const rows = page.data?.data ?? [];
  const firstLoad = page.isPending;

  // The selection belongs to the rows shown: another page, filter, search or sort starts it afresh.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const listKey = params.toString();
  const [selectionKey, setSelectionKey] = useState(listKey);
  if (selectionKey !== listKey) {
    setSelectionKey(listKey);
    setSelected(new Set());
  }
  // Only rows still on the page count: one that left it (given to someone a filter leaves out) is not acted on.
  const selectedRows = bulk ? rows.filter((row) => selected.has(row.id)) : [];
  const allSelected = rows.length > 0 && selectedRows.length === rows.length;
  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const listRef = useRef<HTMLDivElement>(null);
  // The bar goes with the selection, and the focus it had would fall to the page: it goes to the first checkbox.
  const keepSelected = (ids: string[]) => {
    setSelected(new Set(ids));
    if (ids.length === 0) {
      setTimeout(() => listRef.current?.querySelector<HTMLInputElement>('input[data-bulk-select]')?.focus());
    }
  };
  /** What a row's checkbox is called: its title when that is words, else the record's kind. */
  const nameOf = (row: Row) => {
    const title = rowTitle(row);
    return typeof title === 'string' ? title : noun.one;
  };
  const rowCheckbox = (row: Row) => (
    <Checkbox
      aria-label={`Select ${nameOf(row)}`}
      checked={selected.has(row.id)}
      onChange={(event) => select([row.id], event.currentTarget.checked)}
      data-bulk-select
    />
  );

  return (
    <Stack gap="sm" ref={listRef}>
      <Group gap="xs" wrap="wrap" align="flex-end">
        {searchable && (
          <TextInput
            aria-label={`Search ${noun.many}`}
            placeholder={`Search ${noun.many}…`}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              debouncedQuery(event.currentTarget.value);
            }}
            w={{ base: '100%', xs: 240 }}
          />
        )}
        {isPhone && filters.length > 0 && (
          <Button
            variant="default"
            size="sm"
            leftSection={<IconFilter size={16} aria-hidden />}
            onClick={() => setShowFilters((value) => !value)}
            aria-expanded={showFilters}
          >
            Filters{activeFilters.length ? ` (${activeFilters.length})` : ''}
          </Button>
        )}
        {(!isPhone || showFilters) &&
          filters.map((filter) => <FilterControl key={filter.key} filter={filter} search={search} update={update} />)}
        {activeFilters.length > 0 && (
          <Button variant="subtle" size="sm" leftSection={<IconX size={14} aria-hidden />} onClick={clearFilters}>
            Clear filters
          </Button>
        )}
      </Group>
      {activeFilters.length > 0 && (
        <FilterChips keys={activeFilters} filters={filters} search={search} remove={(key) => update({ [key]: null })} />
      )}

      {bulk && selectedRows.length > 0 ? (
        <BulkBar
          resource={resource}
          noun={noun}
          options={bulk}
          ids={selectedRows.map((row) => row.id)}
          compact={Boolean(isPhone)}
          onSettled={keepSelected}
          onClear={() => keepSelected([])}
        />
      ) : (
        <Group justify="space-between" wrap="nowrap" h={bulk ? BULK_BAR_HEIGHT : undefined}>
          <Text size="sm" c="dimmed" aria-live="polite">
            {page.data?.total !== undefined
              ? `${count(page.data.total)} ${page.data.total === 1 ? noun.one : noun.many}`
              : '\u00a0'}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {isViewResource(resource) && (
              <SavedViews
                resource={resource}
                noun={noun.many}
                pageState={pageStateParams}
                defaultColumns={columns.filter((column) => !column.optional).map((column) => column.key)}
                onOpen={(view) => setText(new URLSearchParams(view.query).get('q') ?? '')}
              />
            )}
            {exportableResources.has(resource) && (
              <ExportButton path={`/${resource}/export?${exportParams(params)}`} resource={resource} />
            )}
            <Menu closeOnItemClick={false} position="bottom-end">
              <Menu.Target>
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconColumns size={16} aria-hidden />}
                  visibleFrom="sm"
                >
                  Columns
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {columns.map((column, index) => (
                  <Menu.Item key={column.key} disabled={index === 0}>
                    <Checkbox
                      label={column.label}
                      checked={chosen.includes(column.key)}
                      disabled={index === 0}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        const next = columns
                          .filter((candidate) => (candidate.key === column.key ? on : chosen.includes(candidate.key)))
                          .map((candidate) => candidate.key);
                        update({ cols: next.join(','), cursor: search.get('cursor') });
                      }}
                    />
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      )}

      {page.isError ? (
        <QueryError error={page.error} onRetry={() => page.refetch()} what={noun.many} />
      ) : firstLoad ? (
        <Stack gap={6} aria-busy="true" aria-label={`Loading ${noun.many}`}>
          {Array.from({ length: 8 }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <Skeleton key={index} height={isPhone ? 72 : 40} />
          ))}
        </Stack>
      ) : rows.length === 0 ? (
        atOpeningView ? (
          <EmptyState title={openingView.empty.title} action={openingView.empty.action}>
            {openingView.empty.body}
          </EmptyState>
        ) : activeFilters.length > 0 || searched ? (
          <EmptyState
            title={
              activeFilters.length > 0
                ? `No ${noun.many} match these filters`
                : `No ${noun.many} match “${search.get('q')}”`
            }
            action={<Button onClick={clearFilters}>Clear {activeFilters.length > 0 ? 'filters' : 'the search'}</Button>}
          >
            {activeFilters.length > 0
              ? `Loosen a filter or clear them all to see every ${noun.one}.`
              : 'Check the spelling, or search by another word of the name, an e-mail or a city.'}
          </EmptyState>
        ) : (
          <EmptyState title={empty.title} action={empty.action}>
            {empty.body}
          </EmptyState>
        )
      ) : isPhone ? (
        <Stack gap="xs" aria-busy={page.isPlaceholderData} style={{ opacity: page.isPlaceholderData ? 0.6 : 1 }}>
          {rows.map((row) => (
            <Card
              key={row.id}
              withBorder
              padding="sm"
              radius="md"
              style={selected.has(row.id) ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                {bulk ? (
                  <Group gap="sm" wrap="nowrap" align="flex-start" miw={0}>
                    <Box pt={3}>{rowCheckbox(row)}</Box>
                    <RowTitle row={row} rowLink={rowLink} onRowOpen={onRowOpen}>
                      {rowTitle(row)}
                    </RowTitle>
                  </Group>
                ) : (
                  <RowTitle row={row} rowLink={rowLink} onRowOpen={onRowOpen}>
                    {rowTitle(row)}
                  </RowTitle>
                )}
                {rowActions && <RowMenu label={`Actions`}>{rowActions(row)}</RowMenu>}
              </Group>
              <Stack gap={2} mt={4}>
                {visible.slice(1).map((column) => (
                  <Group key={column.key} gap={6} wrap="nowrap">
                    <Text size="xs" c="dimmed" w={96} style={{ flexShrink: 0 }}>
                      {column.label}
                    </Text>
                    <Text size="sm" component="div" style={{ minWidth: 0 }} truncate>
                      {column.render(row)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Paper
          withBorder
          radius="md"
          aria-busy={page.isPlaceholderData}
          style={{ overflow: 'hidden', opacity: page.isPlaceholderData ? 0.6 : 1 }}
        >
          {/* The table scrolls inside a box as tall as the window, so its header stays in view (sticky headers
              need the scrolling box to be the table's own, not the page). */}
          <ScrollArea.Autosize type="auto" mah="calc(100dvh - 230px)">
            <Table highlightOnHover verticalSpacing={8} className="sticky-head" miw={640}>
              <Table.Thead>
                <Table.Tr>
                  {bulk && (
                    <Table.Th w={44}>
                      <Checkbox
                        aria-label={`Select all ${count(rows.length)} on this page`}
                        checked={allSelected}
                        indeterminate={selectedRows.length > 0 && !allSelected}
                        onChange={(event) =>
                          select(
                            rows.map((row) => row.id),
                            event.currentTarget.checked,
                          )
                        }
                        data-bulk-select
                      />
                    </Table.Th>
                  )}
                  {visible.map((column) => (
                    <Table.Th
                      key={column.key}
                      ta={column.align}
                      aria-sort={
                        column.sort && sort === column.sort
                          ? 'ascending'
                          : column.sort && sort === `-${column.sort}`
                            ? 'descending'
                            : undefined
                      }
                    >
                      {column.sort ? (
                        <UnstyledButton onClick={() => toggleSort(column.sort as string)} fw={600} fz="sm">
                          <Group gap={4} wrap="nowrap">
                            {column.label}
                            {sort === column.sort ? (
                              <IconArrowUp size={14} aria-hidden />
                            ) : sort === `-${column.sort}` ? (
                              <IconArrowDown size={14} aria-hidden />
                            ) : (
                              <IconArrowsSort size={14} aria-hidden opacity={0.4} />
                            )}
                          </Group>
                        </UnstyledButton>
                      ) : (
                        column.label
                      )}
                    </Table.Th>
                  ))}
                  {rowActions && (
                    <Table.Th w={48}>
                      <span
                        className="sr-only"
                        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
                      >
                        Actions
                      </span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  // A selected row: a pale neutral ground (the links on it keep AA contrast) and the accent along its edge.
                  <Table.Tr key={row.id} bg={selected.has(row.id) ? 'gray.0' : undefined}>
                    {bulk && (
                      <Table.Td
                        style={
                          selected.has(row.id)
                            ? { boxShadow: 'inset 3px 0 0 var(--mantine-primary-color-filled)' }
                            : undefined
                        }
                      >
                        {rowCheckbox(row)}
                      </Table.Td>
                    )}
                    {visible.map((column, index) => (
                      <Table.Td key={column.key} ta={column.align}>
                        {index === 0 ? (
                          <RowTitle row={row} rowLink={rowLink} onRowOpen={onRowOpen} size="sm">
                            {column.render(row)}
                          </RowTitle>
                        ) : (
                          <Cell column={column} row={row} />
                        )}
                      </Table.Td>
                    ))}
                    {rowActions && (
                      <Table.Td>
                        <RowMenu label={`Actions`}>{rowActions(row)}</RowMenu>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Paper>
      )}

      {(previous.length > 0 || page.data?.nextCursor) && (
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            size="sm"
            leftSection={<IconChevronLeft size={16} aria-hidden />}
            disabled={previous.length === 0}
            onClick={goPrevious}
          >
            Previous
          </Button>
          <Button
            variant="default"
            size="sm"
            rightSection={<IconChevronRight size={16} aria-hidden />}
            disabled={!page.data?.nextCursor}
            onClick={goNext}
          >
            Next
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** A row's title: a button that opens it in place, a link to its page, or plain text when neither. */
function RowTitle<Row>({
  row,
  rowLink,
  onRowOpen,
  size,
  children,
}: {
  row: Row;
  rowLink?: (row: Row) => string;
  onRowOpen?: (row: Row) => void;
  size?: 'sm';
  children: ReactNode;
}) {
  // A row that opens in place (a dialog) does so even when it also has a page.
  if (onRowOpen) {
    return (
      <Anchor
        component="button"
        type="button"
        onClick={() => onRowOpen(row)}
        fw={600}
        size={size}
        ta="left"
        style={{ minWidth: 0 }}
      >
        {children}
      </Anchor>
    );
  }
  if (rowLink) {
    return (
      <Anchor component={Link} to={rowLink(row)} fw={600} size={size} style={{ minWidth: 0 }}>
        {children}
      </Anchor>
    );
  }
  return (
    <Text span fw={600} size={size ?? 'md'} style={{ minWidth: 0 }}>
      {children}
    </Text>
  );
}

export function RowMenu({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}

/** "closedAtFrom" → "Closed at from": a parameter no filter control names, in words. */
const wordsOfKey = (key: string) =>
  (key === 'at' ? 'date' : key)
    .replace(/Id$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .replace(/^./, (letter) => letter.toUpperCase());

/** A table cell: the column's rendering, in place-editable when the column says so. */
function Cell<Row>({ column, row }: { column: Column<Row>; row: Row }) {
  const edit = column.edit?.(row);
  if (!edit) return column.render(row);
  return <EditableCell label={column.label} display={column.render(row)} align={column.align} {...edit} />;
}

/**
 * The filters in force as chips (UI.md, Attio and Twenty), each with its remove button: what the list
 * shows at a glance, including filters that came with a link (a dashboard figure's period).
 */
function FilterChips({
  keys,
  filters,
  search,
  remove,
}: {
  keys: string[];
  filters: Filter[];
  search: URLSearchParams;
  remove: (key: string) => void;
}) {
  const users = useUsers();
  const territories = useTerritories();
  const personName = (id: string) =>
    id === 'me' ? 'me' : (users.data?.find((user) => user.id === id)?.name ?? 'someone');
  const territoryName = (id: string) => territories.data?.find((territory) => territory.id === id)?.name ?? id;
  const chipOf = (key: string) => {
    const value = search.get(key) ?? '';
    const range = filters.find(
      (filter) => filter.kind === 'range' && ['Min', 'Max', 'From', 'To'].some((end) => key === filter.key + end),
    );
    if (range) {
      const end = key.slice(range.key.length);
      const shown = range.kind === 'range' && range.input === 'date' ? date(value) : value;
      return `${range.label} ${end === 'Min' || end === 'From' ? 'from' : 'up to'} ${shown}`;
    }
    const filter = filters.find((candidate) => candidate.key === key);
    // A date bound no control names (it came with a link): "Closed from 1 Oct 2026".
    const bound = /^(.+?)(?:At)?(From|To)$/.exec(key);
    if (!filter && bound?.[1] && /^\d{4}-\d{2}-\d{2}/.test(value)) {
      return `${wordsOfKey(bound[1])} ${bound[2] === 'From' ? 'from' : 'until'} ${date(value)}`;
    }
    const values = value.split(',');
    const label = filter?.label ?? wordsOfKey(key);
    if (filter?.kind === 'owner' || /^(owner|assignee|createdBy)Id$/.test(key)) {
      return `${label}: ${values.map(personName).join(', ')}`;
    }
    if (filter?.kind === 'territory' || key === 'territoryId') {
      return `${label}: ${values.map(territoryName).join(', ')}`;
    }
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) return `${label}: ${date(value)}`;
    if (/^[0-9a-f-]{36}$/.test(value)) return label;
    const word = (item: string) => (item === 'true' ? 'yes' : item === 'false' ? 'no' : humanize(item));
    return `${label}: ${values.map(word).join(', ')}`;
  };
  return (
    <Group gap={6} aria-label="Filters in force">
      {keys.map((key) => (
        <Pill
          key={key}
          withRemoveButton
          onRemove={() => remove(key)}
          removeButtonProps={{ 'aria-label': `Remove ${chipOf(key)}` }}
        >
          {chipOf(key)}
        </Pill>
      ))}
    </Group>
  );
}

function FilterControl({
  filter,
  search,
  update,
}: {
  filter: Filter;
  search: URLSearchParams;
  update: (changes: Record<string, string | null>) => void;
}) {
  const users = useUsers();
  const territories = useTerritories();
  const width = { base: '100%', xs: 180 };
  switch (filter.kind) {
    case 'enum':
    case 'owner':
    case 'territory': {
      const data =
        filter.kind === 'enum'
          ? optionsOf(filter.options)
          : filter.kind === 'owner'
            ? (users.data ?? []).map((user) => ({ value: user.id, label: user.name }))
            : (territories.data ?? []).map((territory) => ({ value: territory.id, label: territory.name }));
      const value = search.get(filter.key)?.split(',').filter(Boolean) ?? [];
      return (
        <MultiSelect
          aria-label={filter.label}
          placeholder={value.length ? undefined : filter.label}
          data={data}
          value={value}
          onChange={(next) => update({ [filter.key]: next.join(',') || null })}
          clearable
          w={width}
          maxDropdownHeight={280}
          comboboxProps={{ withinPortal: true }}
        />
      );
    }
    case 'boolean':
      return (
        <Select
          aria-label={filter.label}
          placeholder={filter.label}
          data={[
            { value: 'true', label: `${filter.label}: yes` },
            { value: 'false', label: `${filter.label}: no` },
          ]}
          value={search.get(filter.key)}
          onChange={(next) => update({ [filter.key]: next })}
          clearable
          w={width}
        />
      );
    case 'range': {
      const suffixes = filter.input === 'number' ? ['Min', 'Max'] : ['From', 'To'];
      return (
        <Group gap={4} wrap="nowrap" w={{ base: '100%', xs: 'auto' }}>
          {suffixes.map((suffix, index) => {
            const key = `${filter.key}${suffix}`;
            const label = `${filter.label} ${index === 0 ? (filter.input === 'number' ? 'from' : 'from') : 'to'}`;
            return filter.input === 'number' ? (
              <NumberInput
                key={key}
                aria-label={label}
                placeholder={label}
                value={search.get(key) ?? ''}
                onChange={(next) => update({ [key]: next === '' ? null : String(next) })}
                thousandSeparator=","
                min={0}
                hideControls
                w={130}
              />
            ) : (
              <DateField
                key={key}
                aria-label={label}
                // The words say which date and which end.
                leftSection={
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {index === 0 ? 'From' : 'To'}
                  </Text>
                }
                leftSectionWidth={40}
                title={label}
                placeholder=""
                clearable
                // A followed link may bound the list by an instant (a chart bar's week): its day shows here.
                value={dayOfBound(search.get(key))}
                // Text the box cannot read stays there with its error; only a day (or nothing) reaches the URL.
                onChange={(day) => {
                  if (day === '' || /^\d{4}-\d{2}-\d{2}$/.test(day)) update({ [key]: day || null });
                }}
                w={180}
              />
            );
          })}
        </Group>
      );
    }
  }
}
