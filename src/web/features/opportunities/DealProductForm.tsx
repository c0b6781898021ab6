import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
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
import { useDealPrice } from './deal-prices.js';
import { refreshDeal, useSaveLineItem } from './deal-products.js';
import { noPriceWarning, priceHint } from './price-hints.js';

type Values = {
  product: Product | null;
  quantity: number | string;
  unitPrice: number | string;
  discountPercent: number | string;
};

/** A number box's value: '' is nothing typed. */
const numberOf = (value: number | string) => (value === '' ? undefined : Number(value));

/** A price the form filled in for a product, and whether it is the deal's price the server gave. */
type Prefilled = { productId: string; unitPrice: number; fromServer: boolean };

/**
 * What the form sends. A price left empty, or left at the deal's price the server gave and the form filled
 * in, is not sent: the server prices the line itself, from the account's price list or the catalogue.
 */
function payloadOf(values: Values, prefilled?: Prefilled) {
  const unitPrice = numberOf(values.unitPrice);
  const untouched =
    prefilled?.fromServer === true && prefilled.productId === values.product?.id && prefilled.unitPrice === unitPrice;
  return {
    productId: values.product?.id,
    quantity: numberOf(values.quantity),
    unitPrice: untouched ? undefined : unitPrice,
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
 * Adds a product to a deal (no `line`) or changes a line's quantity, price and discount. A product picked
 * fills in the price a new line of this deal takes (`GET /opportunities/{id}/prices`: the account's price
 * list, else the list price), said beside it and still for the user to change; it must be typed when the
 * product has no price in the deal's currency.
 */
export function DealProductForm({ deal, line, onClose }: { deal: Opportunity; line?: LineItem; onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const save = useSaveLineItem(deal.id);
  // The price the form filled into the unit price for the picked product; the server's is not sent back.
  const prefilled = useRef<Prefilled | undefined>(undefined);
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
          : zodValidate(createLineItemSchema, (next: Values) => payloadOf(next))(values),
      ),
      ...(values.quantity === '' ? { quantity: 'How many? Such as 1' } : {}),
      ...(line && values.unitPrice === '' ? { unitPrice: 'Give the price of one unit' } : {}),
      ...(!line && values.unitPrice === '' && pricing.defaultPrice === null
        ? { unitPrice: `Give the price in ${deal.currency}: the list price is in ${pricing.listCurrency}` }
        : {}),
    }),
  });
  const values = form.getValues();
  const product = values.product;
  const pricing = useLinePricing(deal, line ? null : product);
  const preview = {
    quantity: numberOf(values.quantity),
    unitPrice: numberOf(values.unitPrice) ?? pricing.defaultPrice ?? line?.unitPrice,
    discountPercent: numberOf(values.discountPercent) ?? 0,
  };

  // The price a picked product takes goes into the box once known, unless the user has typed their own;
  // picking another product (or none) takes back a price the form filled in.
  const unitPriceNow = values.unitPrice;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new product or a new price fills the box; what is typed is read, not watched (and the form's setter changes every render)
  useEffect(() => {
    if (line) return;
    const productId = product?.id;
    const price = pricing.loading ? undefined : (pricing.defaultPrice ?? undefined);
    const previous = prefilled.current;
    if (previous && previous.productId === productId && previous.unitPrice === price) return;
    const untouched = unitPriceNow === '' || (previous !== undefined && numberOf(unitPriceNow) === previous.unitPrice);
    if (!untouched) {
      prefilled.current = undefined;
      return;
    }
    prefilled.current =
      productId !== undefined && price !== undefined
        ? { productId, unitPrice: price, fromServer: pricing.fromServer }
        : undefined;
    if (unitPriceNow !== (price ?? '')) form.setFieldValue('unitPrice', price ?? '');
  }, [line, product?.id, pricing.loading, pricing.defaultPrice, pricing.fromServer]);

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
      const { productId = '', quantity = 1, ...rest } = payloadOf(next, prefilled.current);
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
              deal={deal}
              value={product}
              onChange={(next) => form.setFieldValue('product', next)}
              error={form.errors.product}
            />
          )}
          {product && pricing.defaultPrice === null && (
            <Alert variant="light" color="yellow" p="xs">
              {noPriceWarning({
                name: product.name,
                listPrice: product.unitPrice,
                listCurrency: product.currency,
                currency: deal.currency,
              })}
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
              description={pricing.hint}
              // Where the price comes from goes under the box, so the three boxes stay in line.
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              placeholder={
                pricing.defaultPrice !== null && pricing.defaultPrice !== undefined
                  ? String(pricing.defaultPrice)
                  : undefined
              }
              required={Boolean(line) || pricing.defaultPrice === null}
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

/**
 * What a new line of the picked product costs on this deal, from the deal's prices
 * (`GET /opportunities/{id}/prices?productId=…`): `defaultPrice` is that price (null: none in the deal's
 * currency, one must be typed; undefined: no product), `hint` says where it comes from, `fromServer`
 * whether the server said so (else the catalogue's list price stands in, the prices not having answered).
 */
function useLinePricing(deal: Opportunity, product: Product | null) {
  const answer = useDealPrice(product ? deal : undefined, product?.id);
  const loading = product !== null && answer.isPending && answer.fetchStatus !== 'idle';
  const known = answer.data && answer.data.currency === deal.currency ? answer.data : undefined;
  const price = known?.price ?? undefined;
  if (!product)
    return { loading: false, defaultPrice: undefined, hint: undefined, fromServer: false, listCurrency: '' };
  if (loading)
    return {
      loading,
      defaultPrice: undefined,
      hint: "Looking up this deal's price…",
      fromServer: false,
      listCurrency: product.currency,
    };
  if (price && known)
    return {
      loading,
      defaultPrice: price.unitPrice,
      hint: priceHint(price, known.priceList) ?? undefined,
      fromServer: true,
      listCurrency: price.listCurrency,
    };
  // The deal's prices did not answer (or do not list the product): the catalogue's rule, as the server's fallback.
  const listPrice = pricedLike(product, deal) ? product.unitPrice : null;
  return {
    loading,
    defaultPrice: listPrice,
    hint: listPrice === null ? undefined : `List price ${money(listPrice, deal.currency)}`,
    fromServer: false,
    listCurrency: product.currency,
  };
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
