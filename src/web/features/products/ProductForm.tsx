import {
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createProductSchema,
  type Product,
  type UpdateProductInput,
  updateProductSchema,
} from '../../../shared/contracts/products.js';
import { api } from '../../api/client.js';
import { useSettings } from '../../api/hooks.js';
import { type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
import { notifySaved, reportSaveError } from '../../lib/mutations.js';
import { invalidateProducts, useProductFamilies } from './queries.js';

type Values = {
  sku: string;
  name: string;
  family: string;
  description: string;
  unitPrice: number | string;
  currency: string;
  active: boolean;
};

function payloadOf(values: Values) {
  return {
    sku: values.sku.trim(),
    name: values.name.trim(),
    family: values.family.trim() || null,
    description: values.description.trim() || null,
    // An empty box is no price: the contract says "Required" rather than reading it as 0.
    unitPrice: values.unitPrice === '' ? undefined : Number(values.unitPrice),
    // Left empty, the server's default currency.
    currency: values.currency.trim() || undefined,
  };
}

/** Only what changed, so an edit never rewrites what someone else changed meanwhile. */
function changesOf(product: Product, values: Values): UpdateProductInput {
  const payload = payloadOf(values);
  const changes: UpdateProductInput = {};
  if (payload.sku !== product.sku) changes.sku = payload.sku;
  if (payload.name !== product.name) changes.name = payload.name;
  if (payload.family !== product.family) changes.family = payload.family;
  if (payload.description !== product.description) changes.description = payload.description;
  if (payload.unitPrice !== undefined && payload.unitPrice !== product.unitPrice) changes.unitPrice = payload.unitPrice;
  if (payload.currency !== undefined && payload.currency !== product.currency) changes.currency = payload.currency;
  if (values.active !== product.active) changes.active = values.active;
  return changes;
}

/** The contract's and the server's messages, said for people; a taken SKU (409) is named as such. */
function readable(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path,
      path === 'sku' && message === 'already used'
        ? 'Another product has this SKU: give this one its own'
        : typeof message === 'string'
          ? sentence(message)
          : message,
    ]),
  );
}

/** Create (no `product`) or edit a catalogue entry (managers and admins): what it is and its list price. */
export function ProductForm({ product, onClose }: { product?: Product; onClose: () => void }) {
  const queryClient = useQueryClient();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const defaultCurrency = useSettings().data?.defaultCurrency;
  const families = useProductFamilies().data ?? [];
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      sku: product?.sku ?? '',
      name: product?.name ?? '',
      family: product?.family ?? '',
      description: product?.description ?? '',
      unitPrice: product?.unitPrice ?? '',
      currency: product?.currency ?? defaultCurrency ?? '',
      active: product?.active ?? true,
    },
    validate: (values) => ({
      ...readable(
        product
          ? zodValidate(updateProductSchema, (next: Values) => changesOf(product, next))(values)
          : zodValidate(createProductSchema, payloadOf)(values),
      ),
      // An edit leaves out what is blank, so the contract alone would let a cleared price go unsaid.
      ...(values.unitPrice === '' ? { unitPrice: 'Give the price of one unit' } : {}),
      ...(product && !values.currency.trim() ? { currency: 'Give the currency, such as USD' } : {}),
    }),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      product
        ? api.patch<Product>(`/products/${product.id}`, changesOf(product, values), {
            headers: { 'if-match': `"${product.version}"` },
          })
        : api.post<Product>('/products', payloadOf(values)),
    onSuccess: (saved) => {
      invalidateProducts(queryClient);
      notifySaved(product ? `${saved.name} saved` : `${saved.name} added to the catalogue`);
      onClose();
    },
    onError: (error) =>
      reportSaveError({ setErrors: (errors) => form.setErrors(readable(errors)), getValues: form.getValues }, error, {
        onReload: () => invalidateProducts(queryClient),
      }),
  });
  const submit = (values: Values) => {
    if (product && Object.keys(changesOf(product, values)).length === 0) onClose();
    else save.mutate(values);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={product ? `Edit ${product.name}` : 'New product'}
      size="lg"
      fullScreen={isPhone ?? false}
    >
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label="SKU"
              description="The article number, unique in the catalogue"
              required
              autoComplete="off"
              data-autofocus
              {...form.getInputProps('sku')}
            />
            <TextInput label="Name" required autoComplete="off" {...form.getInputProps('name')} />
            <Autocomplete
              label="Family"
              description="The product line, to filter the catalogue by"
              placeholder="e.g. Compact tractors"
              data={families}
              {...form.getInputProps('family')}
            />
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <NumberInput
                label="List price"
                description="Of one unit"
                required
                min={0}
                decimalScale={2}
                thousandSeparator=","
                hideControls
                style={{ flex: 1 }}
                {...form.getInputProps('unitPrice')}
              />
              <TextInput
                label="Currency"
                description="ISO code"
                maxLength={3}
                w={88}
                autoComplete="off"
                {...form.getInputProps('currency')}
                onChange={(event) => form.setFieldValue('currency', event.currentTarget.value.toUpperCase())}
              />
            </Group>
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
          {product && (
            <Checkbox
              label="Active: can be added to deals"
              description="Deals that already have it keep it either way."
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? 'Save' : 'Create product'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
