import { Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconFileInvoice, IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { Opportunity } from '../../../shared/contracts/opportunities.js';
import type { Quote } from '../../../shared/contracts/quotes.js';
import { Section } from '../../components/Section.js';
import { date, money } from '../../lib/format.js';
import { QuoteStatusBadge } from './QuoteStatusBadge.js';
import { useCreateQuote, useDealQuotes } from './queries.js';
import { localToday, validityNote } from './quote-math.js';

/**
 * A deal's quotes, newest first, in the right column of the deal page: each one's number (leading to it),
 * title, status, total and how long it stands. Whoever may change an open deal makes a new one from it,
 * priced from its products, and lands on it to finish and send it.
 */
export function DealQuotes({ deal, editable }: { deal: Opportunity; editable: boolean }) {
  const quotes = useDealQuotes(deal.id);
  const create = useCreateQuote();
  const navigate = useNavigate();
  const mayCreate = editable && deal.closedAt === null;
  const items = quotes.data?.data ?? [];
  const newQuote = () => create.mutate(deal.id, { onSuccess: (quote) => navigate(`/quotes/${quote.id}`) });

  return (
    <Section
      title="Quotes"
      action={
        mayCreate && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            loading={create.isPending}
            onClick={newQuote}
          >
            New quote
          </Button>
        )
      }
    >
      {quotes.isPending ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading the deal's quotes">
          <Skeleton height={40} />
        </Stack>
      ) : quotes.isError ? (
        <Text size="sm">
          The quotes did not load.{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => quotes.refetch()}>
            Try again
          </Anchor>
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {mayCreate
            ? 'No quotes yet. A new quote is priced from the products above; check it and send the customer its PDF.'
            : 'No quotes for this deal.'}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="deal-quotes">
          {items.map((quote) => (
            <QuoteRow key={quote.id} quote={quote} />
          ))}
        </Stack>
      )}
    </Section>
  );
}

/** One quote in two lines: number, status and total; then its title and how long it stands. */
function QuoteRow({ quote }: { quote: Quote }) {
  const validity = validityNote(quote, localToday());
  return (
    <div data-testid="deal-quote">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" miw={0}>
          <IconFileInvoice size={16} aria-hidden color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
          <Anchor component={Link} to={`/quotes/${quote.id}`} size="sm" fw={600}>
            {quote.number}
          </Anchor>
          <QuoteStatusBadge status={quote.status} size="sm" />
        </Group>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {money(quote.total, quote.currency)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {quote.title} · valid until {date(quote.validUntil)}
        {validity ? ` (${validity})` : ''}
      </Text>
    </div>
  );
}
