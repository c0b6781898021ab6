import { ActionIcon, NumberInput, Table, Text, VisuallyHidden } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Product } from '../../../shared/contracts/products.js';
import { money } from '../../lib/format.js';
import { DealProductPicker } from '../opportunities/DealProductPicker.js';
import { fetchDealPrice, type PricedDeal } from '../opportunities/deal-prices.js';
import { type DraftLine, draftLineFromPrice, draftLineTotal, type QuoteDraft } from './quote-math.js';

type DraftForm = Pick<
  ReturnType<typeof useForm<QuoteDraft>>,
  'getValues' | 'getInputProps' | 'insertListItem' | 'removeListItem'
>;

/**
 * A draft's lines, typed in place as in a spreadsheet: quantity, unit price and discount of each, its
 * total worked out as typed, a product added from the catalogue below them and a line taken off with its ×.
 * A product added comes at the price its deal's new lines take (the account's price list, else the list
 * price), said under its name. Nothing is sent until the quote is saved.
 */
export function QuoteLinesEditor({ form, deal }: { form: DraftForm; deal: PricedDeal }) {
  const { currency } = deal;
  const queryClient = useQueryClient();
  const lines = form.getValues().lines;
  // The picker starts empty again after each product added (a new one, rather than a cleared search).
  const [pickerKey, setPickerKey] = useState(0);
  const [adding, setAdding] = useState(false);
  const add = async (product: Product) => {
    setAdding(true);
    // Usually in the cache already (the picker asked for its options' prices); without it, the list price.
    const price = await fetchDealPrice(queryClient, deal, product.id).catch(() => undefined);
    form.insertListItem('lines', draftLineFromPrice(product, price, currency));
    setPickerKey((key) => key + 1);
    setAdding(false);
  };
  return (
    <>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          No lines yet. Add the products this quote offers.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} fz="sm" data-testid="quote-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th w={110}>Quantity</Table.Th>
                <Table.Th w={140}>Unit price ({currency})</Table.Th>
                <Table.Th w={100}>Discount</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th w={36}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line, index) => (
                <LineRow key={line.key} form={form} line={line} index={index} currency={currency} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <DealProductPicker
        key={pickerKey}
        label="Add a product"
        placeholder="Search by name, SKU or family"
        deal={deal}
        value={null}
        onChange={(product) => {
          if (product) void add(product);
        }}
        disabled={adding}
        maw={420}
      />
    </>
  );
}

function LineRow({
  form,
  line,
  index,
  currency,
}: {
  form: DraftForm;
  line: DraftLine;
  index: number;
  currency: string;
}) {
  const total = draftLineTotal(line);
  const path = (field: keyof DraftLine) => `lines.${index}.${field}`;
  return (
    <Table.Tr>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm" fw={600}>
          {line.name}
        </Text>
        <Text size="xs" c="dimmed">
          {line.sku}
        </Text>
        {line.priceNote && (
          <Text size="xs" c="dimmed">
            {line.priceNote}
          </Text>
        )}
        {line.foreignListPrice && (
          <Text size="xs" c="orange.9">
            List price {money(line.foreignListPrice.amount, line.foreignListPrice.currency)}: give its price in{' '}
            {currency}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Quantity of ${line.name}`}
          size="xs"
          min={0.01}
          decimalScale={2}
          thousandSeparator=","
          {...form.getInputProps(path('quantity'))}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Unit price of ${line.name}`}
          size="xs"
          min={0}
          decimalScale={2}
          thousandSeparator=","
          hideControls
          {...form.getInputProps(path('unitPrice'))}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Discount on ${line.name}`}
          size="xs"
          min={0}
          max={100}
          decimalScale={2}
          suffix="%"
          hideControls
          {...form.getInputProps(path('discountPercent'))}
        />
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="quote-line-total">
        {total === null ? '—' : money(total, currency)}
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Remove ${line.name}`}
          onClick={() => form.removeListItem('lines', index)}
        >
          <IconX size={16} aria-hidden />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}
