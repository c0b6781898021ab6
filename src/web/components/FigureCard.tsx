import { Anchor, Card, Skeleton, Text } from '@mantine/core';
import { Link } from 'react-router';

/**
 * A headline figure that opens the records behind it (UI.md: every figure leads to its records), as the
 * overview's tiles and the reports' summaries show them. `value` is the raw figure, for tests and tools.
 * The whole card is the figure's link (a stretched link, `figure-card-link` in app.css), so a hint that is
 * a figure of its own (`hintTo`: "3 due today") can be a second link on top of it rather than a link
 * nested in a link, which HTML does not allow.
 */
export function FigureCard(props: {
  id: string;
  label: string;
  value: number | null | undefined;
  shown: string;
  hint?: string | undefined;
  /** Where the hint's own records are, when the hint is a figure. */
  hintTo?: string | undefined;
  to: string;
  loading?: boolean;
  tone?: 'red' | undefined;
}) {
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      className="figure-card"
      data-testid={`kpi-${props.id}`}
      data-value={props.value ?? ''}
    >
      <Link
        to={props.to}
        className="figure-card-link"
        aria-label={`${props.label}: ${props.loading ? 'loading' : props.shown}. Show the records`}
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
      </Link>
      {props.hint && props.hintTo ? (
        <Anchor component={Link} to={props.hintTo} size="xs" className="figure-card-hint" mih={18}>
          {props.hint}
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed" mih={18}>
          {props.hint ?? ''}
        </Text>
      )}
    </Card>
  );
}
