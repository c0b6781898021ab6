import { Anchor, Group, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Opportunity } from '../../../shared/contracts/opportunities.js';
import { usePage } from '../../api/hooks.js';
import { StageBadge } from '../../components/Badges.js';
import { date, money } from '../../lib/format.js';

/**
 * The deals tied to a record, for its page's right column: each named as a link, with its amount, close
 * date and stage, soonest close first. `filter` is the list's query (`accountId=…`, `contactId=…&stage=…`).
 */
export function DealList({ filter, empty }: { filter: string; empty: string }) {
  const deals = usePage<Opportunity>('opportunities', `${filter}&limit=20&sort=closeDate`);
  if (deals.isPending) return <Skeleton height={60} />;
  const rows = deals.data?.data ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack gap={6}>
      {rows.map((deal) => (
        <Group key={deal.id} justify="space-between" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/opportunities/${deal.id}`} size="sm" fw={600}>
              {deal.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {money(deal.amount, deal.currency)} · closes {date(deal.closeDate)}
            </Text>
          </div>
          <StageBadge stage={deal.stage} size="sm" style={{ flexShrink: 0, overflow: 'visible' }} />
        </Group>
      ))}
    </Stack>
  );
}
