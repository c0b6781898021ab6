import { Badge } from '@mantine/core';
import { IconCheck, IconPlayerPause } from '@tabler/icons-react';

/** Whether a product can be added to deals, in words and with an icon (never colour alone). */
export function ProductStatus({ active }: { active: boolean }) {
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
