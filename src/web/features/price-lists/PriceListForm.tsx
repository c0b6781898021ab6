import { Button, Checkbox, Group, Modal, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createPriceListSchema,
  type PriceList,
  type UpdatePriceListInput,
  updatePriceListSchema,
} from '../../../shared/contracts/price-lists.js';
import { api } from '../../api/client.js';
import { useSettings } from '../../api/hooks.js';
import { type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
import { notifySaved, reportSaveError } from '../../lib/mutations.js';
import { invalidatePriceLists } from './queries.js';

type Values = {
  name: string;
  description: string;
  currency: string;
  discountPercent: number | string;
  active: boolean;
};

function payloadOf(values: Values) {
  return {
    name: values.name.trim(),
    description: values.description.trim() || null,
    // Left empty, the server's default currency.
    currency: values.currency.trim() || undefined,
    // An empty box is no discount: the list then sells at list prices, or at the prices fixed on it.
    discountPercent: values.discountPercent === '' ? 0 : Number(values.discountPercent),
    active: values.active,
  };
}

/** Only what changed, so an edit never rewrites what someone else changed meanwhile. */
function changesOf(priceList: PriceList, values: Values): UpdatePriceListInput {
  const payload = payloadOf(values);
  const changes: UpdatePriceListInput = {};
  if (payload.name !== priceList.name) changes.name = payload.name;
  if (payload.description !== priceList.description) changes.description = payload.description;
  if (payload.currency !== undefined && payload.currency !== priceList.currency) changes.currency = payload.currency;
  if (payload.discountPercent !== priceList.discountPercent) changes.discountPercent = payload.discountPercent;
  if (payload.active !== priceList.active) changes.active = payload.active;
  return changes;
}

/** The contract's and the server's messages, said for people; a taken name (409) is named as such. */
function readable(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path,
      path === 'name' && message === 'already used'
        ? 'Another price list has this name: give this one its own'
        : path === 'discountPercent' && typeof message === 'string' && /too (big|small)|[<>]/i.test(message)
          ? 'From 0 to 100%'
          : typeof message === 'string'
            ? sentence(message)
            : message,
    ]),
  );
}

/**
 * Create (no `priceList`) or edit a price list (managers and admins): its name, the discount it takes off
 * the list price of every product, its currency, and whether it prices deals now.
 */
export function PriceListForm({
  priceList,
  onClose,
  onCreated,
}: {
  priceList?: PriceList;
  onClose: () => void;
  onCreated?: (created: PriceList) => void;
}) {
  const queryClient = useQueryClient();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const defaultCurrency = useSettings().data?.defaultCurrency;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: priceList?.name ?? '',
      description: priceList?.description ?? '',
      currency: priceList?.currency ?? defaultCurrency ?? '',
      discountPercent: priceList?.discountPercent ?? '',
      active: priceList?.active ?? true,
    },
    validate: (values) => ({
      ...readable(
        priceList
          ? zodValidate(updatePriceListSchema, (next: Values) => changesOf(priceList, next))(values)
          : zodValidate(createPriceListSchema, payloadOf)(values),
      ),
      ...(priceList && !values.currency.trim() ? { currency: 'Give the currency, such as USD' } : {}),
    }),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      priceList
        ? api.patch<PriceList>(`/price-lists/${priceList.id}`, changesOf(priceList, values), {
            headers: { 'if-match': `"${priceList.version}"` },
          })
        : api.post<PriceList>('/price-lists', payloadOf(values)),
    onSuccess: (saved) => {
      // Its lists, its page and its catalogue: a new discount or currency reprices every row.
      invalidatePriceLists(queryClient);
      queryClient.setQueryData(['price-lists', 'one', saved.id], saved);
      notifySaved(priceList ? `${saved.name} saved` : `Price list ${saved.name} created`);
      onClose();
      if (!priceList) onCreated?.(saved);
    },
    onError: (error) =>
      reportSaveError({ setErrors: (errors) => form.setErrors(readable(errors)), getValues: form.getValues }, error, {
        onReload: () => invalidatePriceLists(queryClient),
      }),
  });
  const submit = (values: Values) => {
    if (priceList && Object.keys(changesOf(priceList, values)).length === 0) onClose();
    else save.mutate(values);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={priceList ? `Edit ${priceList.name}` : 'New price list'}
      size="lg"
      fullScreen={isPhone ?? false}
    >
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Name"
            description="Who it is for, such as Distributor net or Dealer net"
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NumberInput
              label="Discount"
              description="Off the list price of every product without a fixed price"
              min={0}
              max={100}
              decimalScale={2}
              clampBehavior="none"
              hideControls
              placeholder="0"
              rightSection="%"
              rightSectionPointerEvents="none"
              {...form.getInputProps('discountPercent')}
            />
            <TextInput
              label="Currency"
              description="ISO code: deals in it are priced from this list"
              maxLength={3}
              autoComplete="off"
              {...form.getInputProps('currency')}
              onChange={(event) => form.setFieldValue('currency', event.currentTarget.value.toUpperCase())}
            />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
          {priceList && (
            <Checkbox
              label="Active: prices the new lines of its accounts' deals"
              description="An inactive list prices nothing new and cannot be given to an account; accounts on it keep it."
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {priceList ? 'Save' : 'Create price list'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
