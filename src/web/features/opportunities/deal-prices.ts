import { keepPreviousData, type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProductPrice, ProductPricePage } from '../../../shared/contracts/price-lists.js';
import { api } from '../../api/client.js';
import type { Pricing } from './price-hints.js';

/**
 * The deal whose new lines are priced: its id, and what its prices depend on besides the price list itself
 * (its account's list and its currency), so a deal moved to another account or currency asks again.
 */
export type PricedDeal = { id: string; accountId: string; currency: string };

/** What one product costs on a new line of a deal: null when the deal's prices do not list it (not on sale). */
export type DealPrice = { price: ProductPrice | null; currency: string; priceList: Pricing };

/** Every deal price cached: refreshed when an account's price list changes. */
export const dealPricesKey = ['opportunities', 'prices'] as const;

const dealKey = (deal: PricedDeal) => [...dealPricesKey, deal.id, deal.accountId, deal.currency] as const;
const oneKey = (deal: PricedDeal, productId: string) => [...dealKey(deal), 'product', productId] as const;

/** A price list's name and discount change rarely: a minute is fresh enough for a price about to be typed over. */
const FRESH_FOR = 60_000;

/** The most products one prices request answers. */
const PRICES_PER_CALL = 200;

async function loadPrices(
  queryClient: QueryClient,
  deal: PricedDeal,
  productIds: readonly string[],
  signal: AbortSignal,
): Promise<ProductPricePage> {
  const page = await api.get<ProductPricePage>(
    `/opportunities/${deal.id}/prices?productId=${productIds.join(',')}&limit=${PRICES_PER_CALL}`,
    { signal },
  );
  // Each product's price is kept on its own too: the form a product is picked into asks for it again.
  const byId = new Map(page.data.map((price) => [price.productId, price]));
  for (const productId of productIds) {
    queryClient.setQueryData<DealPrice>(oneKey(deal, productId), {
      price: byId.get(productId) ?? null,
      currency: page.currency,
      priceList: page.priceList,
    });
  }
  return page;
}

/** One product's price on a new line of the deal (answered from the picker's request when it made one). */
export function dealPriceQuery(queryClient: QueryClient, deal: PricedDeal, productId: string) {
  return queryOptions({
    queryKey: oneKey(deal, productId),
    queryFn: async ({ signal }): Promise<DealPrice> => {
      const page = await loadPrices(queryClient, deal, [productId], signal);
      return { price: page.data[0] ?? null, currency: page.currency, priceList: page.priceList };
    },
    staleTime: FRESH_FOR,
  });
}

/** What a new line of this product costs on the deal (`GET /opportunities/{id}/prices?productId=…`). */
export function useDealPrice(deal: PricedDeal | undefined, productId: string | null | undefined) {
  const queryClient = useQueryClient();
  const placeholder = { id: '', accountId: '', currency: '' };
  return useQuery({
    ...dealPriceQuery(queryClient, deal ?? placeholder, productId ?? ''),
    enabled: Boolean(deal && productId),
  });
}

/** The same, for a handler (a product just picked into a quote): from the cache when it is fresh there. */
export function fetchDealPrice(queryClient: QueryClient, deal: PricedDeal, productId: string): Promise<DealPrice> {
  return queryClient.fetchQuery(dealPriceQuery(queryClient, deal, productId));
}

/**
 * The prices of a page of products (a picker's options) in one request, never one per product; nothing
 * is asked without a deal or products.
 */
export function useDealPrices(deal: PricedDeal | undefined, productIds: readonly string[]) {
  const queryClient = useQueryClient();
  const ids = [...new Set(productIds)].sort().slice(0, PRICES_PER_CALL);
  return useQuery({
    queryKey: [...dealKey(deal ?? { id: '', accountId: '', currency: '' }), 'products', ids.join(',')],
    queryFn: ({ signal }) => loadPrices(queryClient, deal as PricedDeal, ids, signal),
    enabled: Boolean(deal) && ids.length > 0,
    staleTime: FRESH_FOR,
    placeholderData: keepPreviousData,
    select: (page) => ({
      byId: new Map(page.data.map((price) => [price.productId, price])),
      currency: page.currency,
      priceList: page.priceList,
    }),
  });
}

/** After an account's price list changed: its deals' new lines cost something else. */
export function refreshDealPrices(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: dealPricesKey });
}
