import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconMapPin } from '@tabler/icons-react';
import type { Activity, VisitStamp } from '../../../shared/contracts/activities.js';
import { useSettings } from '../../api/hooks.js';
import { clock, dateTime, distance } from '../../lib/format.js';

/** How far a stamp was from the account, and whether beyond the visit radius (the server's flag rule). */
export function stampDistance(stamp: VisitStamp, radius: number | undefined): { text: string; far: boolean } {
  if (stamp.distanceMeters === null) return { text: 'the account has no location', far: false };
  const far = radius !== undefined && stamp.distanceMeters > radius;
  return { text: `${distance(stamp.distanceMeters)} from the account`, far };
}

/**
 * A visit's check-in and check-out: when, how far from the account (with the device's accuracy), and a
 * warning, in words and not only colour, when either was beyond the visit radius.
 */
export function VisitStamps({ visit, compact = false }: { visit: Activity; compact?: boolean }) {
  const radius = useSettings().data?.visitRadiusMeters;
  if (!visit.checkIn && !visit.checkOut) return compact ? <>—</> : null;
  const rows = [
    { label: 'Checked in', stamp: visit.checkIn },
    { label: 'Checked out', stamp: visit.checkOut },
  ].filter((row): row is { label: string; stamp: VisitStamp } => row.stamp !== null);
  if (compact)
    return (
      <Text size="sm" component="span" c={visit.farFromAccount ? 'orange.9' : undefined}>
        {visit.farFromAccount ? '⚠ ' : ''}
        {rows
          .map(
            ({ label, stamp }) =>
              `${label === 'Checked in' ? 'In' : 'Out'} ${clock(stamp.at)} · ${distance(stamp.distanceMeters)}`,
          )
          .join(' / ')}
      </Text>
    );
  return (
    <Stack gap={2} data-testid="visit-stamps">
      {rows.map(({ label, stamp }) => {
        const where = stampDistance(stamp, radius);
        return (
          <Group key={label} gap={6} wrap="nowrap" align="flex-start">
            <IconMapPin size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
            <Text size="sm" title={dateTime(stamp.at)}>
              {label} at {clock(stamp.at)} · {where.text} (±{distance(stamp.accuracy)})
            </Text>
          </Group>
        );
      })}
      {visit.farFromAccount && (
        <Badge
          color="orange"
          variant="light"
          leftSection={<IconAlertTriangle size={12} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
        >
          Far from the account
        </Badge>
      )}
    </Stack>
  );
}
