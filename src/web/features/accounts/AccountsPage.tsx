import { Button, Menu } from '@mantine/core';
import { IconCalendarPlus, IconListCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { type Account, accountTypes } from '../../../shared/contracts/accounts.js';
import { useTerritories, useUserNames } from '../../api/hooks.js';
import { ValueBadge } from '../../components/Badges.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date, money, phone } from '../../lib/format.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { ImportCsvButton } from '../imports/ImportCsvButton.js';
import { LIST_PRICES } from '../opportunities/price-hints.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { AccountForm } from './AccountForm.js';
import { NearMeButton } from './NearMeButton.js';
import { useAllPriceLists, usePriceListLabel } from './PriceListField.js';

export function AccountsPage() {
  const [creating, create] = useCreateIntent();
  const [activityFor, setActivityFor] = useState<Account | null>(null);
  const [taskFor, setTaskFor] = useState<Account | null>(null);
  const userName = useUserNames();
  const territories = useTerritories();
  const territoryName = (id: string | null) => territories.data?.find((territory) => territory.id === id)?.name ?? '—';
  // Every list, inactive ones too: accounts stay on a list made inactive until someone moves them.
  const priceLists = useAllPriceLists().data?.data ?? [];
  const priceListLabel = usePriceListLabel();
  const priceListName = (id: string | null) => {
    if (id === null) return LIST_PRICES;
    const list = priceLists.find((candidate) => candidate.id === id);
    return list ? priceListLabel(list) : '…';
  };

  const columns: Column<Account>[] = [
    { key: 'name', label: 'Name', render: (row) => row.name, sort: 'name' },
    { key: 'type', label: 'Type', render: (row) => <ValueBadge kind="accountType" value={row.type} /> },
    {
      key: 'city',
      label: 'City',
      render: (row) => [row.address.city, row.address.country].filter(Boolean).join(', ') || '—',
    },
    { key: 'owner', label: 'Owner', render: (row) => userName(row.ownerId) },
    { key: 'territory', label: 'Territory', render: (row) => territoryName(row.territoryId) },
    {
      key: 'revenue',
      label: 'Annual revenue',
      render: (row) => money(row.annualRevenue),
      sort: 'annualRevenue',
      align: 'right',
    },
    { key: 'industry', label: 'Industry', render: (row) => row.industry ?? '—', optional: true },
    { key: 'priceList', label: 'Price list', render: (row) => priceListName(row.priceListId), optional: true },
    { key: 'phone', label: 'Phone', render: (row) => phone(row.phone), optional: true },
    { key: 'created', label: 'Created', render: (row) => date(row.createdAt), sort: 'createdAt', optional: true },
  ];

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Customers, distributors, dealers and partners you sell to and through."
        createAction={{ label: 'New account', onClick: create.open }}
        actions={
          <>
            <ImportCsvButton resource="accounts" />
            <NearMeButton />
          </>
        }
      />
      <EntityList<Account>
        resource="accounts"
        noun={{ one: 'account', many: 'accounts' }}
        columns={columns}
        filters={[
          { kind: 'enum', key: 'type', label: 'Type', options: accountTypes },
          { kind: 'owner', key: 'ownerId', label: 'Owner' },
          { kind: 'territory', key: 'territoryId', label: 'Territory' },
          { kind: 'boolean', key: 'visitDue', label: 'Due for a visit' },
          {
            kind: 'enum',
            key: 'priceListId',
            label: 'Price list',
            options: priceLists.map((list) => ({ value: list.id, label: priceListLabel(list) })),
          },
          { kind: 'range', key: 'annualRevenue', label: 'Revenue', input: 'number' },
        ]}
        rowLink={(row) => `/accounts/${row.id}`}
        rowTitle={(row) => row.name}
        bulk={{
          holderField: 'ownerId',
          // As the account page's delete says it (the server deletes them together, and restores them so).
          takesAlong: (several) =>
            several
              ? 'Their contacts, deals, activities, tasks, communications and notes go with them, and their child accounts move up a level.'
              : 'Its contacts, deals, activities, tasks, communications and notes go with it, and its child accounts move up a level.',
        }}
        rowActions={(row) => (
          <>
            <Menu.Item leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setActivityFor(row)}>
              New activity
            </Menu.Item>
            <Menu.Item leftSection={<IconListCheck size={16} aria-hidden />} onClick={() => setTaskFor(row)}>
              New task
            </Menu.Item>
          </>
        )}
        empty={{
          title: 'No accounts yet',
          body: 'Add the companies you sell to, or convert a qualified lead: its company becomes an account.',
          action: (
            <Button onClick={create.open} leftSection={<IconPlus size={16} aria-hidden />}>
              Add your first account
            </Button>
          ),
        }}
      />
      {creating && <AccountForm opened onClose={create.close} />}
      {activityFor && (
        <ActivityForm
          opened
          links={{ accountId: activityFor.id }}
          about={activityFor.name}
          onClose={() => setActivityFor(null)}
        />
      )}
      {taskFor && (
        <TaskForm opened links={{ accountId: taskFor.id }} about={taskFor.name} onClose={() => setTaskFor(null)} />
      )}
    </>
  );
}

export const Component = AccountsPage;
