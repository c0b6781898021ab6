import { Select, type SelectProps, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Page } from '../../../shared/contracts/common.js';
import type { Product } from '../../../shared/contracts/products.js';
import { api } from '../../api/client.js';
import { money } from '../../lib/format.js';
import { type PricedDeal, useDealPrices } from './deal-prices.js';
import { optionPrice } from './price-hints.js';

const labelOf = (product: Product) => `${product.name} · ${product.sku}`;

/**
 * A product on sale, found by name, SKU or family (the server's search): each option shows what it costs,
 * and the chosen product itself, with its price and currency, goes to the form. Given the deal, that is
 * the price a new line of the deal takes (its account's price list, "Dealer net $15,725 · list $18,500"),
 * asked for the whole page of options in one request; else, or until that answers, the list price.
 */
export function DealProductPicker({
  value,
  onChange,
  deal,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: Product | null;
  onChange: (product: Product | null) => void;
  /** The deal the product goes on: its options show the deal's prices. */
  deal?: PricedDeal;
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
  const prices = useDealPrices(deal, [...products.keys()]);
  // Kept while the next page's prices load, so the options that stay do not flicker back to list prices.
  const priced = prices.data && prices.data.currency === deal?.currency ? prices.data : undefined;
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
        const price = priced?.byId.get(option.value);
        return (
          <div>
            <Text size="sm">{option.label}</Text>
            {product && (
              <Text size="xs" c="dimmed">
                {price ? optionPrice(price, priced?.priceList ?? null) : money(product.unitPrice, product.currency)}
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
