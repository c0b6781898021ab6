import { Button, Code, Collapse, Group, Paper, Skeleton, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WebhookDelivery } from '../../../shared/contracts/webhooks.js';
import { api } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { dateTime, relative } from '../../lib/format.js';
import { DeliveryStatus } from './DeliveryStatus.js';
import { useRedeliver } from './queries.js';

/** A time as people read it ("3 minutes ago"), exact on hover. */
function When({ at }: { at: string }) {
  return <span title={dateTime(at)}>{relative(at)}</span>;
}

/**
 * One delivery: its event, where it stands and why, Redeliver once it failed, and the JSON it POSTs.
 * `paused`: the webhook is off, so a pending delivery waits for it rather than for its next try.
 */
export function DeliveryItem({
  webhookId,
  delivery,
  paused,
}: {
  webhookId: string;
  delivery: WebhookDelivery;
  paused: boolean;
}) {
  const [open, setOpen] = useState(false);
  const redeliver = useRedeliver(webhookId);
  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-label={`${delivery.type}, ${delivery.status}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text size="sm" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {delivery.type}
        </Text>
        <DeliveryStatus status={delivery.status} />
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        Queued <When at={delivery.createdAt} />
        {' · '}
        {delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`}
        {delivery.responseStatus !== null && ` · answered HTTP ${delivery.responseStatus}`}
        {delivery.status === 'delivered' && delivery.deliveredAt && (
          <>
            {' · delivered '}
            <When at={delivery.deliveredAt} />
          </>
        )}
        {delivery.status === 'pending' &&
          (paused ? (
            ' · waits until the webhook is on'
          ) : delivery.nextAttemptAt && Date.parse(delivery.nextAttemptAt) > Date.now() ? (
            <>
              {' · next try '}
              <When at={delivery.nextAttemptAt} />
            </>
          ) : (
            ' · sending now'
          ))}
      </Text>
      {/* "HTTP 500" alone would only repeat the status above; the endpoint's words or a network error would not. */}
      {delivery.error && delivery.error !== `HTTP ${delivery.responseStatus}` && (
        <Text size="xs" c="red.9" mt={2} style={{ overflowWrap: 'anywhere' }}>
          {delivery.error}
        </Text>
      )}
      <Group gap="xs" mt={6}>
        <Button
          size="compact-sm"
          variant="subtle"
          aria-expanded={open}
          leftSection={open ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? 'Hide payload' : 'Show payload'}
        </Button>
        {delivery.status === 'failed' && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconRefresh size={14} aria-hidden />}
            loading={redeliver.isPending}
            onClick={() => redeliver.mutate(delivery)}
          >
            Redeliver
          </Button>
        )}
      </Group>
      <Collapse expanded={open} keepMounted={false}>
        <Payload webhookId={webhookId} eventId={delivery.eventId} />
      </Collapse>
    </Paper>
  );
}

/** The event exactly as it is POSTed, read when first opened. */
function Payload({ webhookId, eventId }: { webhookId: string; eventId: string }) {
  const detail = useQuery({
    queryKey: ['webhooks', 'delivery', webhookId, eventId],
    queryFn: ({ signal }) =>
      api.get<WebhookDelivery & { payload: unknown }>(`/webhooks/${webhookId}/deliveries/${eventId}`, { signal }),
    // What was sent never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (detail.isPending) return <Skeleton height={120} mt="xs" />;
  if (detail.isError) return <QueryError error={detail.error} what="the payload" onRetry={() => detail.refetch()} />;
  return (
    // Focusable: a keyboard scrolls a long payload too (WCAG 2.1.1).
    <Code
      block
      mt="xs"
      tabIndex={0}
      style={{ maxHeight: 360, overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
    >
      {JSON.stringify(detail.data.payload, null, 2)}
    </Code>
  );
}
