import { Anchor, Card, Group, Skeleton, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * A chart of the overview: its title (and, beside it, the controls that drive only this chart), a skeleton
 * while it loads, a sentence when it cannot.
 */
export function ChartCard({
  title,
  subtitle,
  controls,
  loading,
  error,
  children,
}: {
  title: string;
  subtitle?: string | undefined;
  controls?: ReactNode;
  loading: boolean;
  error?: unknown;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <div>
          <Title order={2} size="h5">
            {title}
          </Title>
          {subtitle && (
            <Text size="xs" c="dimmed">
              {subtitle}
            </Text>
          )}
        </div>
        {controls}
      </Group>
      {error ? (
        <Text size="sm" c="dimmed">
          This chart is not available right now. Try again in a moment.
        </Text>
      ) : loading ? (
        <Skeleton height={240} />
      ) : (
        children
      )}
    </Card>
  );
}

/** Under a chart, each of its figures as a link to the records behind it. */
export function LinkRow({ items }: { items: { label: string; to: string; color?: string | undefined }[] }) {
  return (
    <Group gap="xs" mt="sm" wrap="wrap">
      {items.map((item) => (
        <Anchor key={item.to} component={Link} to={item.to} size="xs" c="dimmed" underline="always">
          {item.label}
        </Anchor>
      ))}
    </Group>
  );
}
