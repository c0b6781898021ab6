import { Button, Menu } from '@mantine/core';
import { IconPackage, IconPencil, IconPlayerPause, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PriceList } from '../../../shared/contracts/price-lists.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { dateTime, relative } from '../../lib/format.js';
import { DeletePriceListDialog } from './DeletePriceListDialog.js';
import { PriceListForm } from './PriceListForm.js';
import { PriceListStatus } from './PriceListStatus.js';
import { discountRule } from './pricing.js';
import { useMayKeepPriceLists, useSetPriceListActive } from './queries.js';

const description =
  'What each sales channel pays: a discount off the list price, and fixed prices for some products. Deals of the accounts on a list are priced from it.';

/**
 * The price lists: everyone reads them (reps see what their accounts pay); managers and admins create,
 * edit, deactivate and delete them, as the API allows. Each opens its page, the catalogue at its prices.
 */
export function PriceListsPage() {
  const mayKeep = useMayKeepPriceLists();
  const navigate = useNavigate();
  const [creating, create] = useCreateIntent();
  const [editing, setEditing] = useState<PriceList | null>(null);
  const [deleting, setDeleting] = useState<PriceList | null>(null);
  const setActive = useSetPriceListActive();

  const columns: Column<PriceList>[] = [
    { key: 'name', label: 'Name', sort: 'name', render: (row) => row.name },
    { key: 'discount', label: 'Discount', render: (row) => discountRule(row.discountPercent) },
    { key: 'currency', label: 'Currency', render: (row) => row.currency },
    { key: 'active', label: 'Status', render: (row) => <PriceListStatus active={row.active} /> },
    { key: 'description', label: 'Description', render: (row) => row.description ?? '—', optional: true },
    {
      key: 'updated',
      label: 'Last changed',
      sort: 'updatedAt',
      render: (row) => <span title={dateTime(row.updatedAt)}>{relative(row.updatedAt)}</span>,
      optional: true,
    },
  ];

  return (
    <>
      <PageHeader
        title="Price lists"
        description={mayKeep ? description : `${description} Managers and admins keep them.`}
        actions={
          <Button component={Link} to="/products" variant="default" leftSection={<IconPackage size={16} aria-hidden />}>
            Products
          </Button>
        }
        createAction={mayKeep ? { label: 'New price list', onClick: create.open } : undefined}
      />
      <EntityList<PriceList>
        resource="price-lists"
        noun={{ one: 'price list', many: 'price lists' }}
        columns={columns}
        filters={[{ kind: 'boolean', key: 'active', label: 'Active' }]}
        defaultSort="name"
        rowLink={(row) => `/price-lists/${row.id}`}
        rowTitle={(row) => row.name}
        rowActions={
          mayKeep
            ? (row) => (
                <>
                  <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(row)}>
                    Edit
                  </Menu.Item>
                  {row.active ? (
                    <Menu.Item
                      leftSection={<IconPlayerPause size={16} aria-hidden />}
                      onClick={() => setActive(row, false)}
                    >
                      Deactivate
                    </Menu.Item>
                  ) : (
                    <Menu.Item
                      leftSection={<IconPlayerPlay size={16} aria-hidden />}
                      onClick={() => setActive(row, true)}
                    >
                      Activate
                    </Menu.Item>
                  )}
                  <Menu.Divider />
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} aria-hidden />}
                    onClick={() => setDeleting(row)}
                  >
                    Delete
                  </Menu.Item>
                </>
              )
            : undefined
        }
        empty={{
          title: 'No price lists yet',
          body: mayKeep
            ? 'Give distributors and dealers their own prices: a list takes a discount off every list price (Distributor net, 30% off) and can fix the price of some products. Put accounts on it, and their deals are priced from it.'
            : 'Once a manager gives distributors and dealers their own prices, the lists appear here, and the deals of the accounts on them are priced from them.',
          action: mayKeep ? (
            <Button onClick={create.open} leftSection={<IconPlus size={16} aria-hidden />}>
              Create the first price list
            </Button>
          ) : undefined,
        }}
      />
      {mayKeep && creating && (
        <PriceListForm onClose={create.close} onCreated={(created) => navigate(`/price-lists/${created.id}`)} />
      )}
      {editing && <PriceListForm key={editing.id} priceList={editing} onClose={() => setEditing(null)} />}
      {deleting && <DeletePriceListDialog key={deleting.id} priceList={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

export const Component = PriceListsPage;
