import { Badge } from '@mantine/core';
import { IconCheck, IconPlayerPause } from '@tabler/icons-react';

/** Whether a price list prices deals now, in words and with an icon (never colour alone). */
export function PriceListStatus({ active }: { active: boolean }) {
  return active ? (
    <Badge color="teal" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="outline" leftSection={<IconPlayerPause size={12} aria-hidden />}>
      Inactive
    </Badge>
  );
}
