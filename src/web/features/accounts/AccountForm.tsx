import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
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
import { blankToNull, focusFirstError, zodValidate } from '../../lib/forms.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';

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
  address: { street: string; city: string; postalCode: string; country: string };
  lat: number | string;
  lng: number | string;
  description: string;
};

function toPayload(values: Values) {
  const { lat, lng, annualRevenue, employees, ...rest } = values;
  return {
    ...blankToNull(rest),
    address: blankToNull(values.address),
    annualRevenue: annualRevenue === '' ? null : Number(annualRevenue),
    employees: employees === '' ? null : Number(employees),
    location: lat === '' || lng === '' ? null : { lat: Number(lat), lng: Number(lng) },
  };
}

/** Create (no `account`) or edit an account; validates with the contract the server uses. */
export function AccountForm({ account, opened, onClose }: { account?: Account; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
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
    validate: zodValidate(account ? updateAccountSchema : createAccountSchema, (values: Values) => {
      const payload = toPayload(values);
      return account ? payload : { ...payload, ownerId: payload.ownerId ?? undefined };
    }),
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const payload = toPayload(values);
      if (!account) return api.post<Account>('/accounts', { ...payload, ownerId: payload.ownerId ?? undefined });
      return api.patch<Account>(`/accounts/${account.id}`, payload, {
        headers: { 'if-match': `"${account.version}"` },
      });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['accounts', 'one', saved.id], saved);
      invalidateLists(queryClient, 'accounts');
      notifySaved(account ? 'Account saved' : `Account ${saved.name} created`);
      onClose();
      if (!account) navigate(`/accounts/${saved.id}`);
    },
    onError: (error) => {
      reportSaveError(form, error, {
        onReload: () => queryClient.invalidateQueries({ queryKey: ['accounts', 'one', account?.id] }),
      });
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
