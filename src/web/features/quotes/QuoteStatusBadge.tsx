import { Badge, type BadgeProps } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconClockX, IconPencil, IconSend } from '@tabler/icons-react';
import type { QuoteStatus } from '../../../shared/contracts/quotes.js';

export const quoteStatusLabels: Record<QuoteStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
};

const looks: Record<QuoteStatus, { color: string; icon: typeof IconPencil }> = {
  draft: { color: 'gray', icon: IconPencil },
  sent: { color: 'blue', icon: IconSend },
  accepted: { color: 'teal', icon: IconCircleCheck },
  rejected: { color: 'red', icon: IconCircleX },
  expired: { color: 'orange', icon: IconClockX },
};

/** Where a quote stands, in words and with an icon (never colour alone). */
export function QuoteStatusBadge({ status, ...props }: { status: QuoteStatus } & BadgeProps) {
  const { color, icon: Icon } = looks[status];
  return (
    <Badge color={color} variant="light" leftSection={<Icon size={12} aria-hidden />} {...props}>
      {quoteStatusLabels[status]}
    </Badge>
  );
}
