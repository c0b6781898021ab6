import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account } from '../../../shared/contracts/accounts.js';
import type { PriceList, ProductPrice, ProductPricePage } from '../../../shared/contracts/price-lists.js';
import { ApiError, api, apiRequest } from '../../api/client.js';
import { usePage, useRecord } from '../../api/hooks.js';
import { notifyFailure, notifySaved, notifyUndoable, useListUpdate } from '../../lib/mutations.js';
import { useMayKeepCatalogue } from '../products/queries.js';
import { withoutFixedPrice } from './pricing.js';

/** Every query about price lists starts with this key: the lists, one list, and its catalogue at its prices. */
export const priceListsKey = ['price-lists'];

/** After a change to a price list or its prices: its lists, its page and its catalogue. */
export function invalidatePriceLists(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: priceListsKey });
}

/**
 * Whether the caller keeps the price lists: the server's rule is the catalogue's (managers and admins;
 * reps read them). The server decides in any case.
 */
export const useMayKeepPriceLists = useMayKeepCatalogue;

export function usePriceList(id: string | undefined) {
  return useRecord<PriceList>('price-lists', id);
}

/** The key of one page of a list's catalogue at its prices (`GET /price-lists/{id}/prices?{query}`). */
const pricesKey = (id: string, query?: string) =>
  query === undefined ? [...priceListsKey, 'prices', id] : [...priceListsKey, 'prices', id, query];

/** One page of the active catalogue at the list's prices; the previous page stays on screen while the next loads. */
export function usePrices(id: string, params: URLSearchParams) {
  const query = params.toString();
  return useQuery({
    queryKey: pricesKey(id, query),
    queryFn: ({ signal }) => api.get<ProductPricePage>(`/price-lists/${id}/prices?${query}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * How many accounts (of those the caller sees) are on the list: one `GET /accounts?priceListId=…` asking
 * only for the total.
 */
export function useAccountsOnPriceList(id: string | undefined) {
  const page = usePage<Account>('accounts', `priceListId=${id}&limit=1&includeTotal=true`, Boolean(id));
  return page.data?.total;
}

/** Changes one row of every cached page of a list's catalogue (the optimistic side of a price change). */
function useReplacePrice(priceListId: string) {
  const queryClient = useQueryClient();
  const key = { queryKey: pricesKey(priceListId) };
  const replace = (productId: string, change: (row: ProductPrice) => ProductPrice) =>
    queryClient.setQueriesData<ProductPricePage>(key, (page) =>
      page ? { ...page, data: page.data.map((row) => (row.productId === productId ? change(row) : row)) } : page,
    );
  const snapshot = async () => {
    await queryClient.cancelQueries(key);
    return queryClient.getQueriesData<ProductPricePage>(key);
  };
  const rollBack = (previous: [readonly unknown[], ProductPricePage | undefined][] | undefined) => {
    for (const [queryKey, data] of previous ?? []) queryClient.setQueryData(queryKey, data);
  };
  const refresh = () => queryClient.invalidateQueries(key);
  return { replace, snapshot, rollBack, refresh };
}

/**
 * Fixes a product's price on the list (`PUT /price-lists/{id}/prices/{productId}`): the row shows it at
 * once, the server's answer replaces it, and a refusal puts the old price back and says why.
 */
export function useSetPrice(priceList: Pick<PriceList, 'id' | 'name'>) {
  const { replace, snapshot, rollBack, refresh } = useReplacePrice(priceList.id);
  return useMutation({
    mutationFn: ({ row, unitPrice }: { row: ProductPrice; unitPrice: number }) =>
      apiRequest<ProductPrice>(`/price-lists/${priceList.id}/prices/${row.productId}`, {
        method: 'PUT',
        body: { unitPrice },
      }),
    onMutate: async ({ row, unitPrice }) => {
      const previous = await snapshot();
      replace(row.productId, (current) => ({ ...current, unitPrice, source: 'fixed' }));
      return { previous };
    },
    onError: (error, { row }, context) => {
      rollBack(context?.previous);
      notifyFailure(error, { title: `The price of ${row.name} was not saved` });
    },
    onSuccess: (saved) => {
      replace(saved.productId, () => saved);
      notifySaved(`${saved.name} is fixed at its price on ${priceList.name}.`);
    },
    onSettled: refresh,
  });
}

/**
 * Takes a product's fixed price off the list (`DELETE /price-lists/{id}/prices/{productId}`): the row shows
 * the discounted list price at once. Undo fixes the price it had again.
 */
export function useResetPrice(priceList: Pick<PriceList, 'id' | 'name' | 'discountPercent'>) {
  const { replace, snapshot, rollBack, refresh } = useReplacePrice(priceList.id);
  const setPrice = useSetPrice(priceList);
  const mutation = useMutation({
    mutationFn: (row: ProductPrice) => api.delete(`/price-lists/${priceList.id}/prices/${row.productId}`),
    onMutate: async (row) => {
      const previous = await snapshot();
      replace(row.productId, (current) => withoutFixedPrice(current, priceList.discountPercent));
      return { previous };
    },
    onError: (error, row, context) => {
      // Already gone (reset meanwhile, elsewhere): the row now shows what the list charges, as asked.
      if (error instanceof ApiError && error.status === 404) return;
      rollBack(context?.previous);
      notifyFailure(error, { title: `The fixed price of ${row.name} was not removed` });
    },
    onSuccess: (_answer, row) => {
      const fixed = row.unitPrice;
      const undo = fixed === null ? undefined : () => setPrice.mutate({ row, unitPrice: fixed });
      const message =
        row.listCurrency === row.currency
          ? `${row.name} costs its list price less the discount again.`
          : `${row.name} has no price on ${priceList.name} now: it is listed in ${row.listCurrency}.`;
      if (undo) notifyUndoable(message, undo);
      else notifySaved(message);
    },
    onSettled: refresh,
  });
  return mutation;
}

/**
 * Makes a list active again or inactive (PATCH `active` with If-Match, in the lists at once). Making one
 * inactive offers Undo: a click in a menu, easily made on the wrong row.
 */
export function useSetPriceListActive() {
  const update = useListUpdate<PriceList>('price-lists');
  const queryClient = useQueryClient();
  const set = (priceList: PriceList, active: boolean) =>
    update.mutate(
      { row: priceList, changes: { active } },
      {
        onSuccess: (saved) => {
          invalidatePriceLists(queryClient);
          if (saved.active) notifySaved(`${saved.name} prices new deal lines again.`);
          else
            notifyUndoable(
              `${saved.name} is inactive: it prices nothing new and no account can be put on it. Accounts on it keep it.`,
              () => set(saved, true),
            );
        },
      },
    );
  return set;
}
