import { Badge, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPlayerPause } from '@tabler/icons-react';
import type { Webhook } from '../../../shared/contracts/webhooks.js';
import { dateTime } from '../../lib/format.js';
import { sentence } from '../../lib/forms.js';

/** The server writes when it turned an endpoint off as an instant: people read it as the app writes times. */
const readableReason = (reason: string) =>
  sentence(reason.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (at) => dateTime(at)));

/**
 * Whether an endpoint gets events, in words and with an icon (never colour alone): Active, Off, or off
 * because Meridian turned it off (it answered 410 Gone), with the server's reason under it.
 */
export function WebhookStatus({ webhook }: { webhook: Pick<Webhook, 'active' | 'disabledReason'> }) {
  if (webhook.active) {
    return (
      <Badge color="teal" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
        Active
      </Badge>
    );
  }
  if (!webhook.disabledReason) {
    return (
      <Badge color="gray" variant="outline" leftSection={<IconPlayerPause size={12} aria-hidden />}>
        Off
      </Badge>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
        Off: turned off by Meridian
      </Badge>
      {/* Wraps even inside a phone card's one-line cell: the reason is the point. */}
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'normal' }}>
        {readableReason(webhook.disabledReason)} Turn it on once the endpoint is back.
      </Text>
    </Stack>
  );
}
