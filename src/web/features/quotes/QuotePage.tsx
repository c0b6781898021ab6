import { Alert, Anchor, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Account } from '../../../shared/contracts/accounts.js';
import type { Contact } from '../../../shared/contracts/contacts.js';
import type { Opportunity } from '../../../shared/contracts/opportunities.js';
import type { Quote } from '../../../shared/contracts/quotes.js';
import { useMayChange, useRecord } from '../../api/hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { date, money, personName } from '../../lib/format.js';
import { QuoteActions } from './QuoteActions.js';
import { QuoteDetails } from './QuoteDetails.js';
import { QuoteEditor } from './QuoteEditor.js';
import { QuoteStatusBadge } from './QuoteStatusBadge.js';
import { useQuote } from './queries.js';
import { isDraft, localToday, validityNote } from './quote-math.js';

/**
 * A quote: a draft is edited here by whoever may change its deal, then sent; a sent one waits for the
 * customer's answer, recorded here too; the PDF can be looked at or downloaded at any time.
 */
export function QuotePage() {
  const { id = '' } = useParams();
  const quote = useQuote(id);
  const deal = useRecord<Opportunity>('opportunities', quote.data?.opportunityId);
  const account = useRecord<Account>('accounts', quote.data?.accountId);
  const contact = useRecord<Contact>('contacts', quote.data?.contactId ?? undefined);
  const mayChange = useMayChange();
  const [unsaved, setUnsaved] = useState(false);
  // Said on the page rather than in a notice: one that stays would sit over the save bar.
  const [refusal, setRefusal] = useState<string | null>(null);

  if (quote.isPending) return <PageSkeleton />;
  if (quote.isError)
    return (
      <QueryError
        error={quote.error}
        what="this quote"
        onRetry={() => quote.refetch()}
        back={{ to: '/quotes', label: 'Go to the quotes' }}
      />
    );
  const record = quote.data;
  // Whoever may change its preparer's records or its deal's (the server's rule) changes the quote: the
  // owner the caller changes it for, else null. Until the deal is read, the page waits to decide.
  const changerId = [record.ownerId, deal.data?.ownerId ?? null].find(
    (owner): owner is string => owner !== null && mayChange(owner),
  );
  const editable = !deal.isPending && changerId !== undefined;
  const contactName = !record.contactId ? 'Nobody yet' : contact.data ? personName(contact.data) : '…';

  return (
    <>
      <PageHeader
        title={`${record.number}: ${record.title}`}
        description={
          <QuoteSummary
            quote={record}
            accountName={account.data?.name}
            dealName={deal.data?.name}
            contactName={record.contactId ? contactName : undefined}
          />
        }
        actions={
          <QuoteActions
            quote={record}
            changerId={editable ? (changerId ?? null) : null}
            unsaved={unsaved}
            contactEmail={contact.data?.email ?? null}
          />
        }
      />
      {refusal && (
        <Alert
          color="yellow"
          variant="light"
          mb="md"
          title={`${record.number} was not saved`}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setRefusal(null)}
        >
          {refusal}
        </Alert>
      )}
      {deal.isPending ? (
        <PageSkeleton rows={4} />
      ) : isDraft(record.status) && editable ? (
        // A new version (saved here, or reloaded after a refusal) starts the form again from it.
        <QuoteEditor key={record.version} quote={record} onDirtyChange={setUnsaved} onRefused={setRefusal} />
      ) : (
        <QuoteDetails quote={record} contactName={contactName} />
      )}
    </>
  );
}

/** Under the title: status, the records it belongs to (each a link), the total and how long it stands. */
function QuoteSummary({
  quote,
  accountName,
  dealName,
  contactName,
}: {
  quote: Quote;
  accountName: string | undefined;
  dealName: string | undefined;
  contactName: string | undefined;
}) {
  const validity = validityNote(quote, localToday());
  return (
    <Group gap="xs" component="span" data-testid="quote-summary">
      <QuoteStatusBadge status={quote.status} />
      <Anchor component={Link} to={`/accounts/${quote.accountId}`} size="sm">
        {accountName ?? 'Account'}
      </Anchor>
      <Text span size="sm" aria-hidden>
        ·
      </Text>
      <Anchor component={Link} to={`/opportunities/${quote.opportunityId}`} size="sm">
        {dealName ?? 'Deal'}
      </Anchor>
      {quote.contactId && (
        <>
          <Text span size="sm" aria-hidden>
            ·
          </Text>
          <Anchor component={Link} to={`/contacts/${quote.contactId}`} size="sm">
            {contactName}
          </Anchor>
        </>
      )}
      <span>
        {money(quote.total, quote.currency)} · valid until {date(quote.validUntil)}
        {validity ? ` (${validity})` : ''}
      </span>
    </Group>
  );
}

export const Component = QuotePage;
