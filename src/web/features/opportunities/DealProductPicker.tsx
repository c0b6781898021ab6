import { Select, type SelectProps, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Page } from '../../../shared/contracts/common.js';
import type { Product } from '../../../shared/contracts/products.js';
import { api } from '../../api/client.js';
import { money } from '../../lib/format.js';

const labelOf = (product: Product) => `${product.name} · ${product.sku}`;

/**
 * A product on sale, found by name, SKU or family (the server's search): each option shows its list
 * price, and the chosen product itself, with its price and currency, goes to the form.
 */
export function DealProductPicker({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: Product | null;
  onChange: (product: Product | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const results = useQuery({
    queryKey: ['products', 'list', `picker:${debounced}`],
    queryFn: ({ signal }) =>
      api.get<Page<Product>>(
        `/products?active=true&limit=20&sort=name${debounced ? `&q=${encodeURIComponent(debounced)}` : ''}`,
        { signal },
      ),
  });
  const products = new Map<string, Product>();
  if (value) products.set(value.id, value);
  for (const product of results.data?.data ?? []) products.set(product.id, product);
  // Until the answer for what is typed now arrives, the earlier answer could offer a product that does not
  // match: a quick Enter would pick it. (The server also finds products by family, which labels do not show.)
  const current = debounced === search.trim() && !results.isFetching;
  return (
    <Select
      searchable
      clearable
      data={[...products.values()].map((product) => ({ value: product.id, label: labelOf(product) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? (products.get(id) ?? null) : null)}
      onSearchChange={setSearch}
      nothingFoundMessage={current ? 'No product on sale matches' : 'Searching…'}
      filter={({ options }) => (current ? options : [])}
      renderOption={({ option }) => {
        const product = products.get(option.value);
        return (
          <div>
            <Text size="sm">{option.label}</Text>
            {product && (
              <Text size="xs" c="dimmed">
                {money(product.unitPrice, product.currency)}
                {product.family ? ` · ${product.family}` : ''}
              </Text>
            )}
          </div>
        );
      }}
      {...props}
    />
  );
}
