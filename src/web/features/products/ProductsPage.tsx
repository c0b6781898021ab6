import { Button, Menu } from '@mantine/core';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconPlus, IconTags, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Product } from '../../../shared/contracts/products.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date, money } from '../../lib/format.js';
import { useDeleteWithUndo } from '../../lib/mutations.js';
import { ProductForm } from './ProductForm.js';
import { ProductStatus } from './ProductStatus.js';
import { useMayKeepCatalogue, useProductFamilies, useSetProductActive } from './queries.js';

const description = 'What you sell, at its list price: deals are priced by adding these as their products.';

/**
 * The product catalogue: everyone reads it (reps sell from it); managers and admins create, edit, take
 * products off sale and delete them, as the API allows.
 */
export function ProductsPage() {
  const mayKeep = useMayKeepCatalogue();
  const [creating, create] = useCreateIntent();
  const [editing, setEditing] = useState<Product | null>(null);
  const [deleting, setDeleting] = useState<Product | null>(null);
  const setActive = useSetProductActive();
  const remove = useDeleteWithUndo<Product>('products', 'product', (product) => product.name);
  const families = useFamilyOptions();

  const columns: Column<Product>[] = [
    { key: 'sku', label: 'SKU', sort: 'sku', render: (row) => row.sku },
    { key: 'name', label: 'Name', sort: 'name', render: (row) => row.name },
    { key: 'family', label: 'Family', render: (row) => row.family ?? '—' },
    {
      key: 'unitPrice',
      label: 'List price',
      sort: 'unitPrice',
      align: 'right',
      render: (row) => money(row.unitPrice, row.currency),
    },
    { key: 'active', label: 'Status', render: (row) => <ProductStatus active={row.active} /> },
    { key: 'description', label: 'Description', render: (row) => row.description ?? '—', optional: true },
    { key: 'created', label: 'Created', sort: 'createdAt', render: (row) => date(row.createdAt), optional: true },
  ];

  return (
    <>
      <PageHeader
        title="Products"
        description={mayKeep ? description : `${description} Managers and admins keep the catalogue.`}
        actions={
          // What each channel pays for these products: the price lists live beside the catalogue.
          <Button component={Link} to="/price-lists" variant="default" leftSection={<IconTags size={16} aria-hidden />}>
            Price lists
          </Button>
        }
        createAction={mayKeep ? { label: 'New product', onClick: create.open } : undefined}
      />
      <EntityList<Product>
        resource="products"
        noun={{ one: 'product', many: 'products' }}
        columns={columns}
        filters={[
          { kind: 'enum', key: 'family', label: 'Family', options: families },
          { kind: 'boolean', key: 'active', label: 'Active' },
        ]}
        onRowOpen={mayKeep ? setEditing : undefined}
        rowTitle={(row) => row.sku}
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
          title: 'No products yet',
          body: mayKeep
            ? 'Add what you sell with its SKU and list price; reps then price their deals by adding products to them.'
            : 'Once a manager adds what you sell, you price your deals by adding products to them.',
          action: mayKeep ? (
            <Button onClick={create.open} leftSection={<IconPlus size={16} aria-hidden />}>
              Add the first product
            </Button>
          ) : undefined,
        }}
      />
      {mayKeep && creating && <ProductForm onClose={create.close} />}
      {editing && <ProductForm key={editing.id} product={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? 'the product'}?`}
        confirmLabel="Delete product"
        cancelLabel="Keep it"
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting, { onSettled: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      >
        It leaves the catalogue and can no longer be added to a deal; deals that have it keep their lines. To stop
        selling it for a while, deactivate it instead. Undo brings it back.
      </ConfirmDialog>
    </>
  );
}

/**
 * The families to filter by, as they are written (not capitalised as the filter does with codes): those
 * in the catalogue, and one a link asked for even if no product has it now.
 */
function useFamilyOptions() {
  const [search] = useSearchParams();
  const known = useProductFamilies().data ?? [];
  const asked = search.get('family')?.split(',').filter(Boolean) ?? [];
  return [...new Set([...known, ...asked])].map((family) => ({ value: family, label: family }));
}

export const Component = ProductsPage;
