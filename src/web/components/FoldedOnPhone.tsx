import { Button } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';

/**
 * A page's filters on a phone wait behind a "Filters" button (with how many are set), so the records
 * start near the top of the screen; once opened, or on a larger screen, the filters themselves show.
 */
export function FoldedOnPhone({ active, children }: { active: number; children: ReactNode }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [open, setOpen] = useState(false);
  if (isPhone && !open)
    return (
      <Button
        variant="default"
        leftSection={<IconFilter size={16} aria-hidden />}
        onClick={() => setOpen(true)}
        aria-expanded={false}
      >
        Filters{active ? ` (${active})` : ''}
      </Button>
    );
  return children;
}
