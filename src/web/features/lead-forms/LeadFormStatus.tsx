import { Badge } from '@mantine/core';
import { IconCheck, IconPlayerPause } from '@tabler/icons-react';

/** Whether a form takes inquiries now, in words and with an icon (never colour alone). */
export function LeadFormStatus({ active }: { active: boolean }) {
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
