import { Card, Skeleton, Text } from '@mantine/core';
import { Link } from 'react-router';

/**
 * A headline figure that opens the records behind it (UI.md: every figure leads to its records), as the
 * overview's tiles and the reports' summaries show them. `value` is the raw figure, for tests and tools.
 */
export function FigureCard(props: {
  id: string;
  label: string;
  value: number | null | undefined;
  shown: string;
  hint?: string | undefined;
  to: string;
  loading?: boolean;
  tone?: 'red' | undefined;
}) {
  return (
    <Card
      component={Link}
      to={props.to}
      withBorder
      padding="md"
      radius="md"
      data-testid={`kpi-${props.id}`}
      data-value={props.value ?? ''}
      aria-label={`${props.label}: ${props.loading ? 'loading' : props.shown}. Show the records`}
      style={{ textDecoration: 'none' }}
    >
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lh={1.2}>
        {props.label}
      </Text>
      {props.loading ? (
        <Skeleton height={30} mt={8} width="70%" />
      ) : (
        <Text
          fz={{ base: 24, lg: 22, xl: 26 }}
          fw={700}
          mt={4}
          c={props.tone === 'red' ? 'red.9' : undefined}
          className="kpi-value"
        >
          {props.shown}
        </Text>
      )}
      <Text size="xs" c="dimmed" mih={18}>
        {props.hint ?? ''}
      </Text>
    </Card>
  );
}
