import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateLineItemInput,
  LineItem,
  LineItemList,
  UpdateLineItemInput,
} from '../../../shared/contracts/products.js';
import { api } from '../../api/client.js';
import { notifyFailure, notifySaved, refreshAfterWrite } from '../../lib/mutations.js';

const lineItemsKey = (dealId: string) => ['opportunities', 'line-items', dealId];

/** A deal's products (its lines) and its amount; none asked for a deal not made yet. */
export function useLineItems(dealId: string | undefined) {
  return useQuery({
    queryKey: lineItemsKey(dealId ?? ''),
    queryFn: ({ signal }) => api.get<LineItemList>(`/opportunities/${dealId}/line-items`, { signal }),
    enabled: dealId !== undefined,
  });
}

/**
 * Whether the deal's amount is the sum of its products: the server refuses a PATCH of it then (409), so
 * the page shows it read-only rather than offer an edit that would fail.
 */
export function useAmountFromProducts(dealId: string | undefined): boolean {
  return (useLineItems(dealId).data?.data.length ?? 0) > 0;
}

/** The lines' totals added in whole cents, so no floating-point dust shows in the sum. */
export function sumOfLines(lines: readonly LineItem[]): number {
  return lines.reduce((cents, line) => cents + Math.round(line.total * 100), 0) / 100;
}

/**
 * After a change to a deal's lines: the lines, and the deal itself, whose amount (and version) the
 * server has just changed with them, wherever it shows (its page, lists, the board, the figures).
 */
export function refreshDeal(queryClient: QueryClient, dealId: string) {
  void queryClient.invalidateQueries({ queryKey: lineItemsKey(dealId) });
  refreshAfterWrite(queryClient, ['opportunities'], dealId);
}

/** Adds a product to the deal, or changes a line's quantity, price or discount (with If-Match). */
export function useSaveLineItem(dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: { add: CreateLineItemInput } | { line: LineItem; changes: UpdateLineItemInput }) =>
      'add' in save
        ? api.post<LineItem>(`/opportunities/${dealId}/line-items`, save.add)
        : api.patch<LineItem>(`/opportunities/${dealId}/line-items/${save.line.id}`, save.changes, {
            headers: { 'if-match': `"${save.line.version}"` },
          }),
    onSuccess: (line, save) => notifySaved('add' in save ? `${line.name} added to the deal` : `${line.name} saved`),
    onSettled: () => refreshDeal(queryClient, dealId),
  });
}

/** Takes a line off the deal (with If-Match); the caller has asked first, as there is no restore. */
export function useRemoveLineItem(dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (line: LineItem) =>
      api.delete(`/opportunities/${dealId}/line-items/${line.id}`, { headers: { 'if-match': `"${line.version}"` } }),
    onSuccess: (_answer, line) => notifySaved(`${line.name} removed from the deal`),
    onError: (error, line) =>
      notifyFailure(error, { title: `${line.name} was not removed`, onReload: () => refreshDeal(queryClient, dealId) }),
    onSettled: () => refreshDeal(queryClient, dealId),
  });
}
