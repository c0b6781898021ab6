import { Anchor, Button, Menu, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconLock, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Opportunity } from '../../../shared/contracts/opportunities.js';
import type { LineItem } from '../../../shared/contracts/products.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { RowMenu } from '../../components/EntityList.js';
import { Section } from '../../components/Section.js';
import { count, money } from '../../lib/format.js';
import { DealProductForm } from './DealProductForm.js';
import { sumOfLines, useLineItems, useRemoveLineItem } from './deal-products.js';

/**
 * A deal's products (its lines): what the customer is buying, at what price, and the sum, which is the
 * deal's amount while it has any. Whoever may change an open deal adds, edits and removes them; a closed
 * deal's stay as they were sold.
 */
export function DealProducts({ deal, editable }: { deal: Opportunity; editable: boolean }) {
  const lines = useLineItems(deal.id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<LineItem | null>(null);
  const [removing, setRemoving] = useState<LineItem | null>(null);
  const closed = deal.closedAt !== null;
  const mayEdit = editable && !closed;
  const items = lines.data?.data ?? [];

  return (
    <Section
      title="Products"
      action={
        mayEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            Add product
          </Button>
        )
      }
    >
      {lines.isPending ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading the deal's products">
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : lines.isError ? (
        <Text size="sm">
          The products did not load.{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => lines.refetch()}>
            Try again
          </Anchor>
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {mayEdit
            ? 'No products on this deal yet. Add what they are buying to price it.'
            : 'No products on this deal.'}
        </Text>
      ) : (
        <LineTable
          deal={deal}
          lines={items}
          onEdit={mayEdit ? setEditing : undefined}
          onRemove={mayEdit ? setRemoving : undefined}
        />
      )}
      {!mayEdit && <ReadOnlyReason closed={closed} />}
      {adding && <DealProductForm deal={deal} onClose={() => setAdding(false)} />}
      {editing && <DealProductForm key={editing.id} deal={deal} line={editing} onClose={() => setEditing(null)} />}
      <RemoveLine deal={deal} lines={items} line={removing} onClose={() => setRemoving(null)} />
    </Section>
  );
}

/**
 * One row per line, its figures on a second line under the name: the right column of a record page is
 * narrow, and a column per figure would not fit it (or a phone) without scrolling sideways.
 */
function LineTable({
  deal,
  lines,
  onEdit,
  onRemove,
}: {
  deal: Opportunity;
  lines: LineItem[];
  onEdit: ((line: LineItem) => void) | undefined;
  onRemove: ((line: LineItem) => void) | undefined;
}) {
  return (
    <Table verticalSpacing={6} horizontalSpacing={6} fz="sm" data-testid="deal-products">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th ta="right">Total</Table.Th>
          {onEdit && (
            <Table.Th w={36}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((line) => (
          <Table.Tr key={line.id}>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {onEdit ? (
                <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => onEdit(line)}>
                  {line.name}
                </Anchor>
              ) : (
                <Text size="sm" fw={600}>
                  {line.name}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {line.sku} · {count(line.quantity)} × {money(line.unitPrice, deal.currency)}
                {line.discountPercent > 0 ? ` · less ${line.discountPercent}%` : ''}
              </Text>
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {money(line.total, deal.currency)}
            </Table.Td>
            {onEdit && onRemove && (
              <Table.Td>
                <RowMenu label={`Actions for ${line.name}`}>
                  <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => onEdit(line)}>
                    Edit
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} aria-hidden />}
                    onClick={() => onRemove(line)}
                  >
                    Remove
                  </Menu.Item>
                </RowMenu>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th>Deal amount</Table.Th>
          <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="deal-products-sum">
            {money(sumOfLines(lines), deal.currency)}
          </Table.Th>
          {onEdit && <Table.Th />}
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

/** Why the products are shown but not offered for change (the server would refuse). */
function ReadOnlyReason({ closed }: { closed: boolean }) {
  return (
    <Text size="xs" c="dimmed" mt="xs">
      <IconLock size={12} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
      {closed
        ? 'Closed: its products stay as they were sold. Reopen the deal to change them.'
        : "Only the deal's owner, their managers and admins change its products."}
    </Text>
  );
}

/** Asks before taking a line off (there is no restore), saying what the deal's amount becomes. */
function RemoveLine({
  deal,
  lines,
  line,
  onClose,
}: {
  deal: Opportunity;
  lines: LineItem[];
  line: LineItem | null;
  onClose: () => void;
}) {
  const remove = useRemoveLineItem(deal.id);
  const others = lines.filter((other) => other.id !== line?.id);
  return (
    <ConfirmDialog
      opened={line !== null}
      title={`Remove ${line?.name ?? 'the product'} from the deal?`}
      confirmLabel="Remove product"
      cancelLabel="Keep it"
      loading={remove.isPending}
      onConfirm={() => line && remove.mutate(line, { onSettled: onClose })}
      onClose={onClose}
    >
      {others.length > 0
        ? `The deal's amount becomes ${money(sumOfLines(others), deal.currency)}, the sum of its other products.`
        : `It is the deal's only product: the amount stays at ${money(deal.amount, deal.currency)}, and can be typed in again.`}
    </ConfirmDialog>
  );
}

/**
 * The deal's amount where it is edited in place: while the deal has products it is their sum, which the
 * server will not let anyone type over, so the field says where it comes from.
 */
export function DealAmount({ deal, fromProducts }: { deal: Opportunity; fromProducts: boolean }) {
  return (
    <>
      {money(deal.amount, deal.currency)}
      {fromProducts && (
        <Text size="xs" c="dimmed">
          The sum of its products
        </Text>
      )}
    </>
  );
}
