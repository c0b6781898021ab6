import {
  Button,
  Chip,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  type Account,
  accountTypes,
  createAccountSchema,
  updateAccountSchema,
} from '../../../shared/contracts/accounts.js';
import { api } from '../../api/client.js';
import { AccountPicker, TerritoryPicker, UserPicker } from '../../components/Pickers.js';
import { humanize } from '../../lib/format.js';
import { blankToNull, type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';
import { refreshDealPrices } from '../opportunities/deal-prices.js';
import { PriceListFormField, priceListProblem, useMaySetPriceList } from './PriceListField.js';
import {
  isCoverageQuery,
  VISIT_CYCLE_MAX,
  VISIT_CYCLE_MIN,
  VISIT_CYCLE_RANGE,
  visitCyclePresets,
} from './visit-cycle.js';

type Values = {
  name: string;
  type: string;
  parentId: string | null;
  territoryId: string | null;
  ownerId: string | null;
  industry: string;
  website: string;
  email: string;
  phone: string;
  annualRevenue: number | string;
  employees: number | string;
  visitEveryDays: number | string;
  priceListId: string | null;
  address: { street: string; city: string; postalCode: string; country: string };
  lat: number | string;
  lng: number | string;
  description: string;
};

/**
 * What the form sends. The price list goes only when it changed: only managers and admins may change it
 * (the form offers it to no one else), and leaving it out never puts anyone's change back.
 */
function toPayload(values: Values, saved: string | null) {
  const { lat, lng, annualRevenue, employees, visitEveryDays, priceListId, ...rest } = values;
  return {
    ...blankToNull(rest),
    ...(priceListId === saved ? {} : { priceListId }),
    address: blankToNull(values.address),
    annualRevenue: annualRevenue === '' ? null : Number(annualRevenue),
    employees: employees === '' ? null : Number(employees),
    visitEveryDays: visitEveryDays === '' ? null : Number(visitEveryDays),
    location: lat === '' || lng === '' ? null : { lat: Number(lat), lng: Number(lng) },
  };
}

/** Create (no `account`) or edit an account; validates with the contract the server uses. */
export function AccountForm({ account, opened, onClose }: { account?: Account; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const maySetPriceList = useMaySetPriceList();
  const savedPriceList = account?.priceListId ?? null;
  const validate = zodValidate(account ? updateAccountSchema : createAccountSchema, (values: Values) => {
    const payload = toPayload(values, savedPriceList);
    return account ? payload : { ...payload, ownerId: payload.ownerId ?? undefined };
  });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: account?.name ?? '',
      type: account?.type ?? 'customer',
      parentId: account?.parentId ?? null,
      territoryId: account?.territoryId ?? null,
      ownerId: account?.ownerId ?? null,
      industry: account?.industry ?? '',
      website: account?.website ?? '',
      email: account?.email ?? '',
      phone: account?.phone ?? '',
      annualRevenue: account?.annualRevenue ?? '',
      employees: account?.employees ?? '',
      visitEveryDays: account?.visitEveryDays ?? '',
      priceListId: savedPriceList,
      address: {
        street: account?.address.street ?? '',
        city: account?.address.city ?? '',
        postalCode: account?.address.postalCode ?? '',
        country: account?.address.country ?? '',
      },
      lat: account?.location?.lat ?? '',
      lng: account?.location?.lng ?? '',
      description: account?.description ?? '',
    },
    validate: (values) => {
      const errors = validate(values);
      // The contract's range ("Too big: expected number to be <=365") said as the account page says it.
      if (errors.visitEveryDays) errors.visitEveryDays = sentence(VISIT_CYCLE_RANGE);
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const payload = toPayload(values, savedPriceList);
      if (!account) return api.post<Account>('/accounts', { ...payload, ownerId: payload.ownerId ?? undefined });
      return api.patch<Account>(`/accounts/${account.id}`, payload, {
        headers: { 'if-match': `"${account.version}"` },
      });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['accounts', 'one', saved.id], saved);
      invalidateLists(queryClient, 'accounts');
      if (saved.visitEveryDays !== (account?.visitEveryDays ?? null))
        void queryClient.invalidateQueries({ predicate: isCoverageQuery });
      // Its deals' new lines cost what the new list says.
      if (saved.priceListId !== savedPriceList) refreshDealPrices(queryClient);
      notifySaved(account ? 'Account saved' : `Account ${saved.name} created`);
      onClose();
      if (!account) navigate(`/accounts/${saved.id}`);
    },
    onError: (error) => {
      reportSaveError(
        {
          // A refused price list (inactive, or deleted meanwhile) is said for people at its field.
          setErrors: (errors: FormErrors) =>
            form.setErrors(
              'priceListId' in errors ? { ...errors, priceListId: priceListProblem(errors.priceListId) } : errors,
            ),
          getValues: () => form.getValues(),
        },
        error,
        { onReload: () => queryClient.invalidateQueries({ queryKey: ['accounts', 'one', account?.id] }) },
      );
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={account ? `Edit ${account.name}` : 'New account'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label="Type"
              data={accountTypes.map((type) => ({ value: type, label: humanize(type) }))}
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
            <AccountPicker
              label="Parent account"
              placeholder="None"
              excludeId={account?.id}
              {...form.getInputProps('parentId')}
            />
            <TerritoryPicker label="Territory" placeholder="None" {...form.getInputProps('territoryId')} />
            <UserPicker
              label="Owner"
              placeholder={account ? 'Unassigned' : 'Me'}
              clearable
              {...form.getInputProps('ownerId')}
            />
            <TextInput label="Industry" {...form.getInputProps('industry')} />
            <TextInput label="Website" placeholder="https://…" {...form.getInputProps('website')} />
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
            <NumberInput
              label="Annual revenue"
              thousandSeparator=","
              min={0}
              {...form.getInputProps('annualRevenue')}
            />
            <NumberInput
              label="Employees"
              thousandSeparator=","
              min={0}
              allowDecimal={false}
              {...form.getInputProps('employees')}
            />
            <TextInput label="Street" {...form.getInputProps('address.street')} />
            <TextInput label="City" {...form.getInputProps('address.city')} />
            <TextInput label="Postal code" {...form.getInputProps('address.postalCode')} />
            <TextInput label="Country" {...form.getInputProps('address.country')} />
            <NumberInput
              label="Latitude"
              decimalScale={6}
              min={-90}
              max={90}
              {...form.getInputProps('lat')}
              error={form.errors.lat ?? form.errors['location.lat']}
            />
            <NumberInput
              label="Longitude"
              decimalScale={6}
              min={-180}
              max={180}
              {...form.getInputProps('lng')}
              error={form.errors.lng ?? form.errors['location.lng']}
            />
          </SimpleGrid>
          <VisitCycleField
            inputProps={form.getInputProps('visitEveryDays')}
            value={form.values.visitEveryDays}
            onPreset={(days) => form.setFieldValue('visitEveryDays', days)}
          />
          {/* A new account starts on list prices; only someone who may choose a list is shown the field then. */}
          {(account || maySetPriceList) && (
            <PriceListFormField
              value={form.values.priceListId}
              onChange={(id) => form.setFieldValue('priceListId', id)}
              error={form.errors.priceListId}
              savedId={savedPriceList}
            />
          )}
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {account ? 'Save' : 'Create account'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The call cycle: a number of days (empty for none) and the common cycles a click away. The number is the
 * field; the chips only fill it in, and show which of them it is.
 */
function VisitCycleField({
  inputProps,
  value,
  onPreset,
}: {
  inputProps: ReturnType<ReturnType<typeof useForm<Values>>['getInputProps']>;
  value: number | string;
  onPreset: (days: number) => void;
}) {
  return (
    <Stack gap={6}>
      <NumberInput
        label="Visit every"
        description="How often a rep should visit; the account is due once its last visit is that old. Empty for no cycle."
        placeholder="No cycle"
        suffix=" days"
        min={VISIT_CYCLE_MIN}
        max={VISIT_CYCLE_MAX}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        styles={{ wrapper: { maxWidth: 200 } }}
        {...inputProps}
      />
      <Group gap={6} role="group" aria-label="Common cycles">
        <Text size="xs" c="dimmed">
          Common:
        </Text>
        {visitCyclePresets.map((days) => (
          <Chip
            key={days}
            size="xs"
            variant="outline"
            checked={Number(value) === days && value !== ''}
            onChange={() => onPreset(days)}
          >
            {days} days
          </Chip>
        ))}
      </Group>
    </Stack>
  );
}
