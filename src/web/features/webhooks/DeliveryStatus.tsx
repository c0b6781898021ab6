import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock } from '@tabler/icons-react';
import type { WebhookDelivery } from '../../../shared/contracts/webhooks.js';

const looks = {
  delivered: { color: 'teal', variant: 'light', icon: IconCheck, label: 'Delivered' },
  pending: { color: 'blue', variant: 'light', icon: IconClock, label: 'Pending' },
  failed: { color: 'red', variant: 'filled', icon: IconAlertTriangle, label: 'Failed' },
} as const;

/** Where a delivery stands, in words with an icon, so colour is never the only cue. */
export function DeliveryStatus({ status }: { status: WebhookDelivery['status'] }) {
  const look = looks[status];
  return (
    <Badge color={look.color} variant={look.variant} leftSection={<look.icon size={12} aria-hidden />}>
      {look.label}
    </Badge>
  );
}
