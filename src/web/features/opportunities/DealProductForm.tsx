import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import type { Opportunity } from '../../../shared/contracts/opportunities.js';
import {
  createLineItemSchema,
  type LineItem,
  lineTotal,
  type Product,
  type UpdateLineItemInput,
  updateLineItemSchema,
} from '../../../shared/contracts/products.js';
import { money } from '../../lib/format.js';
import { type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
import { reportSaveError } from '../../lib/mutations.js';
import { DealProductPicker } from './DealProductPicker.js';
import { refreshDeal, useSaveLineItem } from './deal-products.js';

type Values = {
  product: Product | null;
  quantity: number | string;
  unitPrice: number | string;
  discountPercent: number | string;
};

/** A number box's value: '' is nothing typed. */
const numberOf = (value: number | string) => (value === '' ? undefined : Number(value));

function payloadOf(values: Values) {
  return {
    productId: values.product?.id,
    quantity: numberOf(values.quantity),
    // Left empty, the server takes the product's list price.
    unitPrice: numberOf(values.unitPrice),
    discountPercent: numberOf(values.discountPercent) ?? 0,
  };
}

/** Only what changed, so an edit never rewrites what someone else changed meanwhile. */
function changesOf(line: LineItem, values: Values): UpdateLineItemInput {
  const payload = payloadOf(values);
  const changes: UpdateLineItemInput = {};
  if (payload.quantity !== undefined && payload.quantity !== line.quantity) changes.quantity = payload.quantity;
  if (payload.unitPrice !== undefined && payload.unitPrice !== line.unitPrice) changes.unitPrice = payload.unitPrice;
  if (payload.discountPercent !== line.discountPercent) changes.discountPercent = payload.discountPercent;
  return changes;
}

/** The list price applies as it is only when the product is priced in the deal's currency. */
const pricedLike = (product: Product | null, deal: Opportunity) => !product || product.currency === deal.currency;

/** The contract's messages for people, on the fields that show them (a product's error on the picker). */
function readable(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path === 'productId' ? 'product' : path,
      path === 'productId' && message === 'Required'
        ? 'Choose a product'
        : typeof message === 'string'
          ? sentence(message)
          : message,
    ]),
  );
}

/**
 * Adds a product to a deal (no `line`) or changes a line's quantity, price and discount. The price is the
 * list price unless typed, and must be typed when the product is priced in another currency than the deal.
 */
export function DealProductForm({ deal, line, onClose }: { deal: Opportunity; line?: LineItem; onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const save = useSaveLineItem(deal.id);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      product: null,
      quantity: line?.quantity ?? 1,
      unitPrice: line?.unitPrice ?? '',
      discountPercent: line?.discountPercent ?? 0,
    },
    validate: (values) => ({
      ...readable(
        line
          ? zodValidate(updateLineItemSchema, (next: Values) => changesOf(line, next))(values)
          : zodValidate(createLineItemSchema, payloadOf)(values),
      ),
      ...(values.quantity === '' ? { quantity: 'How many? Such as 1' } : {}),
      ...(line && values.unitPrice === '' ? { unitPrice: 'Give the price of one unit' } : {}),
      ...(!pricedLike(values.product, deal) && values.unitPrice === ''
        ? { unitPrice: `Give the price in ${deal.currency}: the list price is in ${values.product?.currency}` }
        : {}),
    }),
  });
  const values = form.getValues();
  const product = values.product;
  const listPrice = product && pricedLike(product, deal) ? product.unitPrice : undefined;
  const preview = {
    quantity: numberOf(values.quantity),
    unitPrice: numberOf(values.unitPrice) ?? listPrice ?? line?.unitPrice,
    discountPercent: numberOf(values.discountPercent) ?? 0,
  };

  const handlers = {
    onSuccess: onClose,
    onError: (error: unknown) =>
      reportSaveError(
        // The server's field paths are the payload's (productId, unitPrice): whether the form shows them.
        { setErrors: (errors) => form.setErrors(readable(errors)), getValues: () => payloadOf(form.getValues()) },
        error,
        { onReload: () => refreshDeal(queryClient, deal.id) },
      ),
  };
  const submit = (next: Values) => {
    if (!line) {
      // Validation has made sure a product is chosen and the quantity given.
      const { productId = '', quantity = 1, ...rest } = payloadOf(next);
      save.mutate({ add: { productId, quantity, ...rest } }, handlers);
      return;
    }
    const changes = changesOf(line, next);
    if (Object.keys(changes).length === 0) onClose();
    else save.mutate({ line, changes }, handlers);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={line ? `Edit ${line.name}` : `Add a product to ${deal.name}`}
      fullScreen={isPhone ?? false}
    >
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="sm">
          {line ? (
            <Text size="sm">
              {line.name}{' '}
              <Text span c="dimmed">
                · {line.sku}
              </Text>
            </Text>
          ) : (
            <DealProductPicker
              label="Product"
              placeholder="Search by name, SKU or family"
              required
              data-autofocus
              value={product}
              onChange={(next) => form.setFieldValue('product', next)}
              error={form.errors.product}
            />
          )}
          {product && !pricedLike(product, deal) && (
            <Alert variant="light" color="yellow" p="xs">
              {product.name} is priced in {product.currency} ({money(product.unitPrice, product.currency)}) and this
              deal is in {deal.currency}: give its price in {deal.currency}.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <NumberInput
              label="Quantity"
              required
              min={0.01}
              decimalScale={2}
              thousandSeparator=","
              {...form.getInputProps('quantity')}
            />
            <NumberInput
              label={`Unit price (${deal.currency})`}
              description={listPrice !== undefined ? `List price ${money(listPrice, deal.currency)}` : undefined}
              placeholder={listPrice !== undefined ? String(listPrice) : undefined}
              required={Boolean(line) || !pricedLike(product, deal)}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              hideControls
              {...form.getInputProps('unitPrice')}
            />
            <NumberInput
              label="Discount"
              min={0}
              max={100}
              decimalScale={2}
              suffix="%"
              hideControls
              {...form.getInputProps('discountPercent')}
            />
          </SimpleGrid>
          <LinePreview deal={deal} {...preview} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {line ? 'Save' : 'Add product'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What the line will come to, as the server will work it out, before it is saved. */
function LinePreview({
  deal,
  quantity,
  unitPrice,
  discountPercent,
}: {
  deal: Opportunity;
  quantity: number | undefined;
  unitPrice: number | undefined;
  discountPercent: number;
}) {
  if (quantity === undefined || unitPrice === undefined) return null;
  return (
    <Text size="sm" aria-live="polite">
      Line total: <strong>{money(lineTotal({ quantity, unitPrice, discountPercent }), deal.currency)}</strong>
      <Text span c="dimmed" size="sm">
        {' '}
        ({quantity} × {money(unitPrice, deal.currency)}
        {discountPercent ? `, less ${discountPercent}%` : ''})
      </Text>
    </Text>
  );
}
