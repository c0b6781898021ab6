import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.js';
import type { Product } from '../../../shared/contracts/products.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/hooks.js';
import { getSession } from '../../api/session.js';
import { notifySaved, notifyUndoable, useListUpdate } from '../../lib/mutations.js';

/** After a change to the catalogue: its lists, the families filter and the deal pages' product pickers. */
export function invalidateProducts(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['products'] });
}

/**
 * Whether the caller keeps the catalogue (the server's rule: managers and admins; reps sell from it). The
 * session answers until `/users/me` has, so the button does not appear a moment late; the server decides.
 */
export function useMayKeepCatalogue(): boolean {
  const role = (useMe().data ?? getSession()?.user)?.role;
  return role === 'manager' || role === 'admin';
}

/** How many products the families filter reads: a catalogue has a few dozen families at most. */
const FAMILIES_READ = 200;

/**
 * The families the catalogue uses, for the filter: there is no list of families apart from the products,
 * so they come from one page of them (live ones, whether active or not).
 */
export function useProductFamilies() {
  return useQuery({
    queryKey: ['products', 'list', 'families'],
    queryFn: ({ signal }) => api.get<Page<Product>>(`/products?limit=${FAMILIES_READ}&sort=name`, { signal }),
    staleTime: 60_000,
    select: (page) =>
      [...new Set(page.data.flatMap((product) => (product.family ? [product.family] : [])))].sort((a, b) =>
        a.localeCompare(b),
      ),
  });
}

/**
 * Takes a product off sale or back on (PATCH `active` with If-Match, shown in the list at once). Taking one
 * off offers Undo: it is a click in a menu, easily made on the wrong row.
 */
export function useSetProductActive() {
  const update = useListUpdate<Product>('products');
  const set = (product: Product, active: boolean) =>
    update.mutate(
      { row: product, changes: { active } },
      {
        onSuccess: (saved) => {
          if (saved.active) notifySaved(`${saved.name} can be added to deals again`);
          else
            notifyUndoable(`${saved.name} is inactive: deals that have it keep it, new ones cannot add it.`, () =>
              set(saved, true),
            );
        },
      },
    );
  return set;
}
