import { Alert, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { Quote } from '../../../shared/contracts/quotes.js';
import { Field, Section } from '../../components/Section.js';
import { date, dateTime, relative } from '../../lib/format.js';
import { QuoteLines } from './QuoteLines.js';
import { QuoteTotals } from './QuoteTotals.js';

/**
 * A quote that no longer changes (sent, decided, or a draft the caller may not change): its fields, lines
 * and figures as the customer has them, and why nothing is offered for change.
 */
export function QuoteDetails({ quote, contactName }: { quote: Quote; contactName: string }) {
  return (
    <Stack gap="md">
      {quote.status === 'rejected' && (
        <Alert color="red" variant="light" title={`Rejected ${relative(quote.rejectedAt)}`}>
          {quote.rejectionReason ?? 'No reason was given.'}
        </Alert>
      )}
      <Section title="Quote">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <Field label="Title" wide>
            {quote.title}
          </Field>
          <Field label="Addressed to">{contactName}</Field>
          <Field label="Valid until">{date(quote.validUntil)}</Field>
          <Field label="Tax">{quote.taxPercent}%</Field>
          <Field label="Created">{dateTime(quote.createdAt)}</Field>
          {quote.sentAt && <Field label="Sent">{dateTime(quote.sentAt)}</Field>}
          {quote.acceptedAt && <Field label="Accepted">{dateTime(quote.acceptedAt)}</Field>}
          {quote.rejectedAt && <Field label="Rejected">{dateTime(quote.rejectedAt)}</Field>}
          <Field label="Terms" wide>
            <span style={{ whiteSpace: 'pre-line' }}>{quote.terms ?? '—'}</span>
          </Field>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          <IconLock size={12} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
          {quote.status === 'draft'
            ? "A draft: only the deal's owner, their managers and admins change or send it."
            : 'Sent to the customer: it stays as they have it. Make a new quote from the deal to offer something else.'}
        </Text>
      </Section>
      <Section title="Lines">
        <Stack gap="md">
          <QuoteLines lines={quote.lines} currency={quote.currency} />
          <QuoteTotals totals={quote} currency={quote.currency} taxPercent={quote.taxPercent} />
        </Stack>
      </Section>
    </Stack>
  );
}
