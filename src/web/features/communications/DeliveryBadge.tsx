import { Alert, Badge } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconSend } from '@tabler/icons-react';
import type { Communication } from '../../../shared/contracts/communications.js';
import { dateTime, humanize } from '../../lib/format.js';
import { deliveryState, isSentByServer } from './delivery.js';

/**
 * Where a message stands, as a badge: an outbound e-mail's or text's delivery in colour and in words with
 * an icon ("Scheduled 6 Dec 2026, 09:00", "Queued", "Sent", "Failed" in red), so colour is never the only
 * cue; a call's status as it is.
 */
export function DeliveryBadge({
  channel,
  status,
  occurredAt,
}: {
  channel: string | null;
  status: string | null;
  occurredAt: string;
}) {
  const state = isSentByServer(channel) ? deliveryState({ status, occurredAt }) : null;
  if (!state || state.kind === 'received')
    return status ? (
      <Badge size="xs" variant="outline" color="gray">
        {humanize(status)}
      </Badge>
    ) : null;
  const look = {
    scheduled: { color: 'blue', icon: IconClock, label: `Scheduled ${'at' in state ? dateTime(state.at) : ''}` },
    queued: { color: 'blue', icon: IconSend, label: 'Queued' },
    sent: { color: 'teal', icon: IconCheck, label: 'Sent' },
    failed: { color: 'red', icon: IconAlertTriangle, label: 'Failed' },
  }[state.kind];
  const Icon = look.icon;
  return (
    <Badge
      size="xs"
      variant={state.kind === 'failed' ? 'filled' : 'light'}
      color={look.color}
      leftSection={<Icon size={10} aria-hidden />}
      data-testid="delivery-state"
    >
      {look.label}
    </Badge>
  );
}

/**
 * Why a message did not go, in the server's words: failed, being retried, or (sent) who did not get it.
 * Nothing when all went well.
 */
export function DeliveryProblem({ communication }: { communication: Communication }) {
  if (!communication.deliveryError) return null;
  const failed = communication.status === 'failed';
  return (
    <Alert
      color={failed ? 'red' : 'yellow'}
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={
        failed
          ? 'It was not sent'
          : communication.status === 'queued'
            ? 'Sending is being retried'
            : 'Not everyone got it'
      }
    >
      {communication.deliveryError}
    </Alert>
  );
}
