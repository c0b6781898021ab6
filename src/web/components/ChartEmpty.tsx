import { Button, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * What a chart with nothing to draw shows instead of bare axes ("$0 $1 $2 $3 $4"): what would be here,
 * how to fill it, and the one action that does (UI.md: empty states teach). It takes the chart's place and
 * height, so the card does not jump when data arrives. With filters on, it says they may be the reason.
 */
export function ChartEmpty({
  title,
  children,
  action,
  filtered = false,
  height = 220,
}: {
  title: string;
  children: ReactNode;
  action?: { label: string; to: string } | undefined;
  filtered?: boolean;
  height?: number;
}) {
  return (
    <Stack align="center" justify="center" gap={6} ta="center" mih={height} px="md" data-testid="chart-empty">
      <ThemeIcon variant="light" size={40} radius="xl" aria-hidden>
        <IconChartBar size={22} />
      </ThemeIcon>
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="dimmed" maw={380}>
        {children}
        {filtered && ' The owner and territory filters may be hiding some: clear them to see everything.'}
      </Text>
      {action && (
        <Button component={Link} to={action.to} variant="light" size="xs" mt={4}>
          {action.label}
        </Button>
      )}
    </Stack>
  );
}
