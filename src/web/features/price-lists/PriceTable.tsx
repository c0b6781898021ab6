import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Paper,
  ScrollArea,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconChevronLeft,
  IconChevronRight,
  IconPin,
  IconSearch,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { PriceList, ProductPrice } from '../../../shared/contracts/price-lists.js';
import { EmptyState } from '../../components/EmptyState.js';
import { apiParams } from '../../components/EntityList.js';
import { QueryError } from '../../components/QueryError.js';
import { count, money } from '../../lib/format.js';
import { useProductFamilies } from '../products/queries.js';
import { PriceCell } from './PriceCell.js';
import { discountLabel, sourceOptions } from './pricing.js';
import { usePrices, useResetPrice, useSetPrice } from './queries.js';

/** The URL's parameters this table reads; the API's own names, so a view is a link. */
const filterKeys = ['source', 'family'] as const;

/** Where a price comes from, in words and with an icon: a fixed price, the list's discount, or none. */
function PriceSourceBadge({ row, discountPercent }: { row: ProductPrice; discountPercent: number }) {
  if (row.source === 'fixed')
    return (
      <Badge color="blue" variant="light" leftSection={<IconPin size={12} aria-hidden />}>
        Fixed
      </Badge>
    );
  if (row.source === 'discount')
    return (
      <Badge color="gray" variant="outline" title="The list price less the list's discount">
        {discountLabel(discountPercent)}
      </Badge>
    );
  if (row.source === 'list')
    return (
      <Badge color="gray" variant="outline">
        List price
      </Badge>
    );
  return (
    <Text span size="xs" c="dimmed">
      Listed in {row.listCurrency}
    </Text>
  );
}

/**
 * The active catalogue at a price list's prices (`GET /price-lists/{id}/prices`): search, filters, sort and
 * the keyset page in the URL as the other lists keep them; a table on wide screens and cards on a phone.
 * Whoever keeps the lists fixes a product's price in its row, or takes it off ("Reset to discount").
 */
export function PriceTable({ priceList, editable }: { priceList: PriceList; editable: boolean }) {
  const [search, setSearch] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const params = apiParams(search);
  const page = usePrices(priceList.id, params);
  const setPrice = useSetPrice(priceList);
  const resetPrice = useResetPrice(priceList);
  const families = useFamilyOptions(search.get('family'));
  const [text, setText] = useState(search.get('q') ?? '');
  const previous = (location.state as { previous?: string[] } | null)?.previous ?? [];

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    next.delete('cursor');
    setSearch(next, { replace: true });
  };
  const debouncedQuery = useDebouncedCallback((value: string) => update({ q: value.trim() || null }), 300);
  // A link followed while the words typed are still on their way to the URL: the search is dropped, so the
  // page the link opens is not taken back here (as EntityList does).
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest('a[href]')) debouncedQuery.cancel();
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [debouncedQuery]);
  const sort = search.get('sort') ?? 'name';
  const toggleSort = (field: string) => update({ sort: sort === field ? `-${field}` : field });
  const filtered = filterKeys.some((key) => search.get(key));
  const searched = Boolean(search.get('q'));
  const clear = () => {
    setText('');
    setSearch(new URLSearchParams(), { replace: true });
  };
  const goNext = () => {
    if (!page.data?.nextCursor) return;
    const next = new URLSearchParams(search);
    next.set('cursor', page.data.nextCursor);
    navigate(`?${next}`, { state: { previous: [...previous, search.get('cursor') ?? ''] } });
  };
  const goPrevious = () => {
    const stack = [...previous];
    const cursor = stack.pop() ?? '';
    const next = new URLSearchParams(search);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    navigate(`?${next}`, { state: { previous: stack } });
  };

  const rows = page.data?.data ?? [];
  const priceOf = (row: ProductPrice, align?: 'right') => (
    <PriceCell
      row={row}
      editable={editable}
      align={align}
      onSave={(unitPrice) => setPrice.mutate({ row, unitPrice })}
      onReset={() => resetPrice.mutate(row)}
    />
  );
  const resetOf = (row: ProductPrice) =>
    editable && row.source === 'fixed' ? (
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        onClick={() => resetPrice.mutate(row)}
      >
        {row.listCurrency === row.currency ? 'Reset to discount' : 'Remove fixed price'}
        <VisuallyHidden> of {row.name}</VisuallyHidden>
      </Button>
    ) : null;
  const sortHeader = (field: string, label: string) => (
    <Table.Th aria-sort={sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : undefined}>
      <UnstyledButton onClick={() => toggleSort(field)} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap">
          {label}
          {sort === field ? (
            <IconArrowUp size={14} aria-hidden />
          ) : sort === `-${field}` ? (
            <IconArrowDown size={14} aria-hidden />
          ) : (
            <IconArrowsSort size={14} aria-hidden opacity={0.4} />
          )}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );

  let body: ReactNode;
  if (page.isError) body = <QueryError error={page.error} onRetry={() => page.refetch()} what="the prices" />;
  else if (page.isPending)
    body = (
      <Stack gap={6} aria-busy="true" aria-label="Loading the prices">
        {Array.from({ length: 8 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Skeleton key={index} height={isPhone ? 96 : 40} />
        ))}
      </Stack>
    );
  else if (rows.length === 0)
    body =
      filtered || searched ? (
        <EmptyState
          title={filtered ? 'No products match these filters' : `No products match “${search.get('q')}”`}
          action={<Button onClick={clear}>Clear {filtered ? 'filters' : 'the search'}</Button>}
        >
          {filtered
            ? 'Loosen a filter or clear them all to see the whole catalogue at these prices.'
            : 'Check the spelling, or search by another word of the name, the SKU or the family.'}
        </EmptyState>
      ) : (
        <EmptyState
          title="No products on sale yet"
          action={
            editable ? (
              <Button component={Link} to="/products">
                Go to the products
              </Button>
            ) : undefined
          }
        >
          Every active product of the catalogue shows here at this list's price. Once products are added, set the prices
          this channel pays.
        </EmptyState>
      );
  else if (isPhone)
    body = (
      <Stack gap="xs" aria-busy={page.isPlaceholderData} style={{ opacity: page.isPlaceholderData ? 0.6 : 1 }}>
        {rows.map((row) => (
          <Card key={row.productId} withBorder padding="sm" radius="md" data-testid="price-card">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0} miw={0}>
                <Text fw={600} size="sm">
                  {row.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {[row.sku, row.family].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              <PriceSourceBadge row={row} discountPercent={priceList.discountPercent} />
            </Group>
            <Group justify="space-between" wrap="wrap" mt={6} gap="xs">
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  List price {money(row.listPrice, row.listCurrency)}
                </Text>
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    On this list
                  </Text>
                  {priceOf(row)}
                </Group>
              </Stack>
              {resetOf(row)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  else
    body = (
      <Paper
        withBorder
        radius="md"
        aria-busy={page.isPlaceholderData}
        style={{ overflow: 'hidden', opacity: page.isPlaceholderData ? 0.6 : 1 }}
      >
        <ScrollArea.Autosize type="auto" mah="calc(100dvh - 230px)">
          <Table highlightOnHover verticalSpacing={8} className="sticky-head" miw={720}>
            <Table.Thead>
              <Table.Tr>
                {sortHeader('sku', 'SKU')}
                {sortHeader('name', 'Product')}
                <Table.Th>Family</Table.Th>
                <Table.Th ta="right">List price</Table.Th>
                <Table.Th ta="right">Price on this list</Table.Th>
                <Table.Th>From</Table.Th>
                {editable && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.productId}>
                  <Table.Td>{row.sku}</Table.Td>
                  <Table.Td fw={600}>{row.name}</Table.Td>
                  <Table.Td>{row.family ?? '—'}</Table.Td>
                  <Table.Td ta="right">{money(row.listPrice, row.listCurrency)}</Table.Td>
                  <Table.Td ta="right">{priceOf(row, 'right')}</Table.Td>
                  <Table.Td>
                    <PriceSourceBadge row={row} discountPercent={priceList.discountPercent} />
                  </Table.Td>
                  {editable && <Table.Td>{resetOf(row)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Paper>
    );

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap" align="flex-end">
        <TextInput
          aria-label="Search products"
          placeholder="Search products…"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            debouncedQuery(event.currentTarget.value);
          }}
          w={{ base: '100%', xs: 240 }}
        />
        <Select
          aria-label="Price from"
          placeholder="All prices"
          data={sourceOptions}
          value={search.get('source')}
          onChange={(next) => update({ source: next })}
          clearable
          w={{ base: '100%', xs: 180 }}
        />
        {families.length > 0 && (
          <MultiSelect
            aria-label="Family"
            placeholder={search.get('family') ? undefined : 'Family'}
            data={families}
            value={search.get('family')?.split(',').filter(Boolean) ?? []}
            onChange={(next) => update({ family: next.join(',') || null })}
            clearable
            w={{ base: '100%', xs: 200 }}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {page.data?.total !== undefined
          ? `${count(page.data.total)} ${page.data.total === 1 ? 'product' : 'products'}`
          : '\u00a0'}
      </Text>
      {body}
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
      {!editable && (
        <Text size="xs" c="dimmed">
          Managers and admins set the prices on a list.{' '}
          <Anchor component={Link} to="/products" size="xs" underline="always">
            See the catalogue
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

/** The catalogue's families to filter by, and one a link asked for even if no product has it now. */
function useFamilyOptions(asked: string | null) {
  const known = useProductFamilies().data ?? [];
  const fromLink = asked?.split(',').filter(Boolean) ?? [];
  return [...new Set([...known, ...fromLink])].map((family) => ({ value: family, label: family }));
}
