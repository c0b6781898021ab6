import { Button, Text } from '@mantine/core';
import { IconLayoutKanban } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type Quote, quoteStatuses } from '../../../shared/contracts/quotes.js';
import { useMe, useUserNames, useVisibleOwners } from '../../api/hooks.js';
import { AccountName } from '../../components/AccountName.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { date, money } from '../../lib/format.js';
import { QuoteStatusBadge, quoteStatusLabels } from './QuoteStatusBadge.js';
import { localToday, validityNote } from './quote-math.js';

/**
 * Every quote the caller may see, newest first: what is out with customers, what they took and what
 * ran out. Quotes are made from a deal's page, so this list has no "New quote"; its empty state says where.
 */
export function QuotesPage() {
  const userName = useUserNames();
  const owners = useOwnerOptions();
  const today = localToday();
  const columns: Column<Quote>[] = [
    { key: 'number', label: 'Number', sort: 'number', render: (row) => row.number },
    { key: 'title', label: 'Title', render: (row) => row.title },
    { key: 'account', label: 'Account', render: (row) => <AccountName id={row.accountId} /> },
    { key: 'status', label: 'Status', render: (row) => <QuoteStatusBadge status={row.status} /> },
    {
      key: 'total',
      label: 'Total',
      sort: 'total',
      align: 'right',
      render: (row) => money(row.total, row.currency),
    },
    {
      key: 'validUntil',
      label: 'Valid until',
      sort: 'validUntil',
      render: (row) => <ValidUntil quote={row} today={today} />,
    },
    { key: 'owner', label: 'Owner', render: (row) => userName(row.ownerId) },
    { key: 'created', label: 'Created', sort: 'createdAt', render: (row) => date(row.createdAt), optional: true },
    { key: 'updated', label: 'Updated', sort: 'updatedAt', render: (row) => date(row.updatedAt), optional: true },
  ];

  return (
    <>
      <PageHeader
        title="Quotes"
        description="Price quotes sent to customers from their deals, as PDFs: what is out, accepted, turned down or ran out."
      />
      <EntityList<Quote>
        resource="quotes"
        noun={{ one: 'quote', many: 'quotes' }}
        columns={columns}
        defaultSort="-createdAt"
        filters={[
          {
            kind: 'enum',
            key: 'status',
            label: 'Status',
            options: quoteStatuses.map((status) => ({ value: status, label: quoteStatusLabels[status] })),
          },
          { kind: 'enum', key: 'ownerId', label: 'Owner', options: owners },
          { kind: 'range', key: 'validUntil', label: 'Valid until', input: 'date' },
        ]}
        rowLink={(row) => `/quotes/${row.id}`}
        rowTitle={(row) => `${row.number}: ${row.title}`}
        empty={{
          title: 'No quotes yet',
          body: 'A quote is made from a deal: open one, check its products and choose "New quote" to send the customer a PDF.',
          action: (
            <Button component={Link} to="/opportunities/board" leftSection={<IconLayoutKanban size={16} aria-hidden />}>
              Open the pipeline
            </Button>
          ),
        }}
      />
    </>
  );
}

/** "Mine" first (`ownerId=me`, the API's word for the caller), then the people whose quotes the caller sees. */
function useOwnerOptions() {
  const me = useMe().data;
  const others = (useVisibleOwners() ?? []).filter((user) => user.id !== me?.id);
  return [{ value: 'me', label: 'Mine' }, ...others.map((user) => ({ value: user.id, label: user.name }))];
}

/** The day, and under it how long the offer still stands while the customer has not answered. */
function ValidUntil({ quote, today }: { quote: Quote; today: string }) {
  const note = quote.status === 'sent' || quote.status === 'expired' ? validityNote(quote, today) : null;
  return (
    <>
      {date(quote.validUntil)}
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </>
  );
}

export const Component = QuotesPage;
