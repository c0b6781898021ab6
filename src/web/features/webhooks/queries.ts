import { type QueryClient, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.js';
import type { Webhook, WebhookDelivery } from '../../../shared/contracts/webhooks.js';
import { api } from '../../api/client.js';
import { notifyFailure, notifySaved, useListUpdate } from '../../lib/mutations.js';

export type DeliveryFilter = 'all' | 'pending' | 'failed';

const deliveriesKey = (webhookId: string) => ['webhooks', 'deliveries', webhookId];

/** After a change to webhooks: their lists, each one read alone, and their deliveries. */
export function invalidateWebhooks(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
}

/** Soonest and latest a list with a pending delivery is read again. */
const POLL_MIN_MS = 2000;
const POLL_MAX_MS = 60_000;

/**
 * When to read the deliveries again: soon after the next pending one is due (the server's worker picks it
 * up within a second or two), so "Delivered" or the next failure shows without a reload; never while
 * nothing is pending, and not every few seconds for a retry planned an hour ahead.
 */
function nextCheck(deliveries: WebhookDelivery[]): number | false {
  const due = deliveries
    .filter((delivery) => delivery.status === 'pending')
    .map((delivery) => (delivery.nextAttemptAt ? Date.parse(delivery.nextAttemptAt) : Date.now()));
  if (due.length === 0) return false;
  return Math.min(Math.max(Math.min(...due) - Date.now() + POLL_MIN_MS, POLL_MIN_MS), POLL_MAX_MS);
}

/**
 * A webhook's deliveries, newest first, 25 at a time, of one status or all. `paused`: the webhook is off,
 * so nothing pending moves until it is turned on, and the list is not read again meanwhile.
 */
export function useDeliveries(webhookId: string, filter: DeliveryFilter, paused: boolean) {
  return useInfiniteQuery({
    queryKey: [...deliveriesKey(webhookId), filter],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '25' });
      if (filter !== 'all') params.set('status', filter);
      if (pageParam) params.set('cursor', pageParam);
      return api.get<Page<WebhookDelivery>>(`/webhooks/${webhookId}/deliveries?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) =>
      paused ? false : nextCheck((query.state.data?.pages ?? []).flatMap((page) => page.data)),
  });
}

/** Queues a `ping` to the endpoint; it shows in the deliveries at once and is sent within seconds. */
export function usePing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhook: Webhook) => api.post<WebhookDelivery>(`/webhooks/${webhook.id}/ping`),
    onSuccess: (_delivery, webhook) => {
      void queryClient.invalidateQueries({ queryKey: deliveriesKey(webhook.id) });
      notifySaved('Test event queued: follow it in the deliveries');
    },
    onError: (error) => notifyFailure(error, { title: 'The test event was not sent' }),
  });
}

/** Sends a delivery again, with its attempts counted afresh: for a failed one once the endpoint is fixed. */
export function useRedeliver(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (delivery: WebhookDelivery) =>
      api.post<WebhookDelivery>(`/webhooks/${webhookId}/deliveries/${delivery.eventId}/redeliver`),
    onSuccess: (_answer, delivery) => {
      void queryClient.invalidateQueries({ queryKey: deliveriesKey(webhookId) });
      notifySaved(`${delivery.type} queued again`);
    },
    onError: (error, delivery) => notifyFailure(error, { title: `${delivery.type} was not sent again` }),
  });
}

/**
 * Turns an endpoint on or off (PATCH `active` with If-Match, shown at once in the lists); turning it on
 * also clears why Meridian turned it off.
 */
export function useSetActive() {
  const update = useListUpdate<Webhook>('webhooks');
  const set = (webhook: Webhook, active: boolean, onSettled?: () => void) =>
    update.mutate(
      { row: webhook, changes: { active } },
      {
        onSuccess: (saved) =>
          notifySaved(saved.active ? `${saved.url} gets events again` : `${saved.url} is off: it gets no events`),
        onSettled,
      },
    );
  return { set, isPending: update.isPending };
}
