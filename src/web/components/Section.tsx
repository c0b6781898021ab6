import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      {/* On a phone the actions go below the title rather than past the card's edge. */}
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h5">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

/** A label and its value, as the left column of a record page lists them. */
export function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <div style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{label}</div>
      <div style={{ fontSize: 14, overflowWrap: 'anywhere' }}>{children ?? '—'}</div>
    </div>
  );
}
