import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Account } from '../../shared/contracts/accounts.js';
import type { Page } from '../../shared/contracts/common.js';
import type { Contact } from '../../shared/contracts/contacts.js';
import type { Lead } from '../../shared/contracts/leads.js';
import type { Opportunity } from '../../shared/contracts/opportunities.js';
import type { Settings } from '../../shared/contracts/settings.js';
import type { Territory } from '../../shared/contracts/territories.js';
import type { User } from '../../shared/contracts/users.js';
import { personName } from '../lib/format.js';
import { ApiError, api } from './client.js';
import { getSession } from './session.js';

/** One page of `GET /{resource}?{params}`; the previous page stays on screen while the next loads. */
export function usePage<Item>(resource: string, params: URLSearchParams | string, enabled = true) {
  const query = typeof params === 'string' ? params : params.toString();
  return useQuery({
    queryKey: [resource, 'list', query],
    queryFn: ({ signal }) => api.get<Page<Item>>(`/${resource}${query ? `?${query}` : ''}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The most records `useAllPages` reads: past that, a page says it shows only part (see its `capped`). */
export const ALL_PAGES_CAP = 1000;

/**
 * Every record of `GET /{resource}?{params}`, following `nextCursor` 200 at a time, up to `cap` records:
 * for views that cannot page (a week's calendar, a map), where a first page alone would hide the rest
 * without a word. `capped` is true when more were left unread, so the view can say so.
 */
export function useAllPages<Item>(resource: string, params: string, cap = ALL_PAGES_CAP) {
  return useQuery({
    queryKey: [resource, 'list', 'all', params, cap],
    queryFn: async ({ signal }) => {
      const items: Item[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: Page<Item> = await api.get<Page<Item>>(`/${resource}?${params}&limit=200${after}`, { signal });
        items.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor && items.length < cap);
      return { items, capped: cursor !== null };
    },
    placeholderData: keepPreviousData,
  });
}

/** What the API's ids look like (`idSchema`, a UUID). */
const recordId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One record by id; its ETag version travels in `version`. An address whose id cannot be one
 * (`/accounts/not-a-uuid`, a link cut short) is a record that does not exist: answered as the API answers
 * a missing id, so the page says "not found" rather than "the path is not valid" with a useless retry.
 */
export function useRecord<Item>(resource: string, id: string | undefined) {
  return useQuery({
    queryKey: [resource, 'one', id],
    queryFn: ({ signal }) =>
      id && !recordId.test(id)
        ? Promise.reject(new ApiError(404, { code: 'not_found', detail: `no record has the id ${id}` }))
        : api.get<Item>(`/${resource}/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The server's business settings (approval threshold, currency): they change only with a restart. */
export function useSettings() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => api.get<Settings>('/settings', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The signed-in user's own record (`GET /users/me`), under this key. */
export const meQueryKey = ['users', 'me'];

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => api.get<User>('/users/me', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Whether the signed-in user is an admin (from the session until `/users/me` answers); the server still decides. */
export function useIsAdmin(): boolean {
  const user = useMe().data ?? getSession()?.user;
  return user?.role === 'admin';
}

/** Everyone the caller may see, for owner names and pickers (a sales team is small). */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: ({ signal }) => api.get<Page<User>>('/users?limit=200&sort=name', { signal }),
    staleTime: 5 * 60_000,
    select: (page) => page.data,
  });
}

/**
 * Whether the caller may change a record with this owner, as the server decides (platform/visibility.ts
 * `mayChange`): admins anything; others what they or anyone below them owns, and managers what has no
 * owner. The server still checks; this only spares people a drag or an edit that would be refused.
 */
export function useMayChange(): (ownerId: string | null) => boolean {
  const me = useMe().data;
  const users = useUsers().data ?? [];
  if (!me) return () => false;
  if (me.role === 'admin') return () => true;
  const team = teamOf(me, users);
  return (ownerId) => (ownerId === null ? me.role === 'manager' : team.has(ownerId));
}

/**
 * Whether the caller may reopen a closed deal with this owner, or change its outcome (the server's
 * `mayReopen` in opportunities.service.ts): admins any; others only a deal of someone below them, and
 * managers one without an owner. The owner alone may not: a closed deal is the record of what was sold.
 */
export function useMayReopen(): (ownerId: string | null) => boolean {
  const me = useMe().data;
  const users = useUsers().data ?? [];
  if (!me) return () => false;
  if (me.role === 'admin') return () => true;
  const team = teamOf(me, users);
  return (ownerId) => (ownerId === null ? me.role === 'manager' : ownerId !== me.id && team.has(ownerId));
}

/** A user and everyone below them (their reps, and the reps of managers who report to them). */
function teamOf(me: User, users: readonly User[]): Set<string> {
  const team = new Set([me.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const user of users) {
      if (user.managerId && team.has(user.managerId) && !team.has(user.id)) {
        team.add(user.id);
        grew = true;
      }
    }
  }
  return team;
}

/**
 * The people whose records the caller sees, for an owner filter (platform/visibility.ts): an admin
 * everyone, a manager themself and their team, a rep only themself. The directory lists every user, but a
 * figure narrowed to someone outside these would only ever be zero. Undefined until both have loaded.
 */
export function useVisibleOwners(): User[] | undefined {
  const me = useMe().data;
  const users = useUsers().data;
  if (!me || !users) return undefined;
  if (me.role === 'admin') return users;
  const team = teamOf(me, users);
  return users.filter((user) => team.has(user.id));
}

export function useTerritories() {
  return useQuery({
    queryKey: ['territories', 'all'],
    queryFn: ({ signal }) => api.get<Page<Territory>>('/territories?limit=200&sort=name', { signal }),
    staleTime: 5 * 60_000,
    select: (page) => page.data,
  });
}

/** `id → name` for the users the caller may see. */
export function useUserNames(): (id: string | null | undefined) => string {
  const users = useUsers();
  return (id) => {
    if (!id) return 'Unassigned';
    return users.data?.find((user) => user.id === id)?.name ?? '…';
  };
}

/** The most ids a list filter takes in one call (`GET /accounts?id=…`, `GET /tasks?opportunityId=…`). */
export const IDS_PER_CALL = 100;

/** The distinct ids, sorted (a stable query key) and cut into calls of at most IDS_PER_CALL. */
export function idBatches(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)].sort();
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_CALL) {
    batches.push(unique.slice(start, start + IDS_PER_CALL));
  }
  return batches;
}

/**
 * The records whose names lists show beside a row (an activity's account, deal, contact or lead): each
 * list answers several ids at once (`GET /{resource}?id=a,b,…`, only those the caller may see), and
 * says how one of its records is named.
 */
const namedResources = {
  accounts: (record: Account) => record.name,
  contacts: (record: Contact) => personName(record),
  leads: (record: Lead) => personName(record),
  opportunities: (record: Opportunity) => record.name,
};
export type NamedResource = keyof typeof namedResources;

/** A caller waiting for a record's name. */
type NameWaiter = { resolve: (name: string | null) => void; reject: (error: unknown) => void };

/**
 * Per resource, the ids asked for by `useRecordName` since its last call went out, each with the callers
 * waiting for it: every cell of a list asks for its own record, and one tick's worth of them is sent together.
 */
const pendingNames = new Map<NamedResource, Map<string, NameWaiter[]>>();

function loadRecordName(resource: NamedResource, id: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let pending = pendingNames.get(resource);
    if (!pending) {
      pending = new Map();
      pendingNames.set(resource, pending);
      setTimeout(() => sendRecordNames(resource), 0);
    }
    pending.set(id, [...(pending.get(id) ?? []), { resolve, reject }]);
  });
}

function sendRecordNames(resource: NamedResource) {
  const waiting = pendingNames.get(resource) ?? new Map<string, NameWaiter[]>();
  pendingNames.delete(resource);
  const nameOf = namedResources[resource] as (record: unknown) => string;
  for (const batch of idBatches([...waiting.keys()])) {
    const waitersOf = (id: string) => waiting.get(id) ?? [];
    api.get<Page<{ id: string }>>(`/${resource}?id=${batch.join(',')}&limit=${IDS_PER_CALL}`).then(
      (page) => {
        // A record the caller may not see is left out of the answer: it has no name to show.
        const names = new Map(page.data.map((record) => [record.id, nameOf(record)]));
        for (const id of batch) for (const waiter of waitersOf(id)) waiter.resolve(names.get(id) ?? null);
      },
      // Each caller's query fails and is retried as any other.
      (error: unknown) => {
        for (const id of batch) for (const waiter of waitersOf(id)) waiter.reject(error);
      },
    );
  }
}

/**
 * The name of one account, contact, lead or deal, for a cell or a card that shows a related record:
 * undefined while it loads, null when the caller may not see the record. The names of a whole page of rows
 * go out as one `GET /{resource}?id=…` call per resource (see loadRecordName), and each is kept for five
 * minutes.
 */
export function useRecordName(resource: NamedResource, id: string | null): string | null | undefined {
  return useQuery({
    queryKey: [resource, 'name', id],
    queryFn: () => loadRecordName(resource, id as string),
    enabled: id !== null,
    staleTime: 5 * 60_000,
  }).data;
}

/** The name of one account (see useRecordName): the contact and deal lists' and the board cards' account. */
export function useAccountName(id: string | null): string | null | undefined {
  return useRecordName('accounts', id);
}
