import { Button, Drawer, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlayerPlay, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { Webhook } from '../../../shared/contracts/webhooks.js';
import { useRecord } from '../../api/hooks.js';
import { EmptyState } from '../../components/EmptyState.js';
import { QueryError } from '../../components/QueryError.js';
import { DeliveryItem } from './DeliveryItem.js';
import { EventBadges } from './EventBadges.js';
import { type DeliveryFilter, useDeliveries, usePing, useSetActive } from './queries.js';
import { WebhookStatus } from './WebhookStatus.js';

const filters: { value: DeliveryFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'failed', label: 'Failed' },
];

const emptyFilters: Record<DeliveryFilter, { title: string; body: string }> = {
  all: {
    title: 'Nothing sent yet',
    body: 'Each change to the records this webhook follows is listed here as it is sent. Send a test event to check that the endpoint answers.',
  },
  pending: {
    title: 'Nothing waiting',
    body: 'Every event has been delivered or has given up: nothing is being retried.',
  },
  failed: {
    title: 'No failed deliveries',
    body: 'An event the endpoint did not accept after about 42 hours of retries would be listed here, with Redeliver.',
  },
};

/**
 * One webhook's deliveries, newest first, in a drawer over the list: each event's status, attempts, the
 * endpoint's answer and the JSON sent, with Redeliver on failed ones and a filter by status.
 */
export function DeliveriesDrawer({ webhookId, onClose }: { webhookId: string; onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const webhook = useRecord<Webhook>('webhooks', webhookId);
  const ping = usePing();
  const setActive = useSetActive();
  const [filter, setFilter] = useState<DeliveryFilter>('all');
  const paused = webhook.data?.active === false;
  const deliveries = useDeliveries(webhookId, filter, paused);
  const rows = deliveries.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={isPhone ? '100%' : 'lg'}
      title="Deliveries"
      closeButtonProps={{ 'aria-label': 'Close deliveries' }}
    >
      <Stack gap="sm">
        {webhook.isPending ? (
          <Skeleton height={64} />
        ) : webhook.isError ? (
          <QueryError error={webhook.error} what="this webhook" onRetry={() => webhook.refetch()} />
        ) : (
          <Stack gap={6}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {webhook.data.url}
            </Text>
            {webhook.data.description && (
              <Text size="sm" c="dimmed">
                {webhook.data.description}
              </Text>
            )}
            <Group gap="xs" align="flex-start">
              <WebhookStatus webhook={webhook.data} />
              <EventBadges events={webhook.data.events} />
            </Group>
            {!webhook.data.active && (
              <Group gap="xs" wrap="nowrap" align="center">
                <Text size="sm" style={{ flex: 1 }}>
                  It is off: it gets no new events, and pending deliveries wait until it is on again.
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlayerPlay size={14} aria-hidden />}
                  loading={setActive.isPending}
                  onClick={() => setActive.set(webhook.data, true)}
                >
                  Turn on
                </Button>
              </Group>
            )}
          </Stack>
        )}
        <Group justify="space-between" gap="xs">
          <SegmentedControl
            aria-label="Show deliveries"
            size="xs"
            data={filters}
            value={filter}
            onChange={(value) => setFilter(value as DeliveryFilter)}
          />
          {webhook.data?.active && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconSend size={14} aria-hidden />}
              loading={ping.isPending}
              onClick={() => ping.mutate(webhook.data)}
            >
              Send test event
            </Button>
          )}
        </Group>
        {deliveries.isPending ? (
          <Stack gap="xs">
            {Array.from({ length: 4 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
              <Skeleton key={index} height={76} />
            ))}
          </Stack>
        ) : deliveries.isError ? (
          <QueryError error={deliveries.error} what="the deliveries" onRetry={() => deliveries.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState title={emptyFilters[filter].title}>{emptyFilters[filter].body}</EmptyState>
        ) : (
          <Stack
            component="ul"
            gap="xs"
            aria-label="Deliveries, newest first"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {rows.map((delivery) => (
              <DeliveryItem key={delivery.eventId} webhookId={webhookId} delivery={delivery} paused={paused} />
            ))}
          </Stack>
        )}
        {deliveries.hasNextPage && (
          <Button
            variant="default"
            size="sm"
            loading={deliveries.isFetchingNextPage}
            onClick={() => deliveries.fetchNextPage()}
          >
            Load more
          </Button>
        )}
      </Stack>
    </Drawer>
  );
}
