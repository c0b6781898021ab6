import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createTerritorySchema,
  type Territory,
  type UpdateTerritoryInput,
  updateTerritorySchema,
} from '../../../shared/contracts/territories.js';
import { api } from '../../api/client.js';
import { useUsers } from '../../api/hooks.js';
import { fieldErrorsOf, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';
import { invalidateTerritories } from './queries.js';

type Values = { name: string; region: string; managerId: string | null };

function payloadOf(values: Values) {
  return { name: values.name.trim(), region: values.region.trim() || null, managerId: values.managerId };
}

function changesOf(territory: Territory, values: Values): UpdateTerritoryInput {
  const payload = payloadOf(values);
  const changes: UpdateTerritoryInput = {};
  if (payload.name !== territory.name) changes.name = payload.name;
  if (payload.region !== territory.region) changes.region = payload.region;
  if (payload.managerId !== territory.managerId) changes.managerId = payload.managerId;
  return changes;
}

const messageOf = (path: string, message: React.ReactNode): React.ReactNode =>
  path === 'name' && message === 'is already in use'
    ? 'Another territory has this name'
    : typeof message === 'string'
      ? message.charAt(0).toUpperCase() + message.slice(1)
      : message;

/** Create (no `territory`) or edit a territory (admins): its name, region and manager. */
export function TerritoryForm({
  territory,
  opened,
  onClose,
}: {
  territory?: Territory;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const users = useUsers().data ?? [];
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: territory?.name ?? '',
      region: territory?.region ?? '',
      managerId: territory?.managerId ?? null,
    },
    validate: (values) => {
      const errors = territory
        ? zodValidate(updateTerritorySchema, (next: Values) => changesOf(territory, next))(values)
        : zodValidate(createTerritorySchema, payloadOf)(values);
      return values.name.trim() ? errors : { ...errors, name: 'Give the territory a name' };
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      territory
        ? api.patch<Territory>(`/territories/${territory.id}`, changesOf(territory, values), {
            headers: { 'if-match': `"${territory.version}"` },
          })
        : api.post<Territory>('/territories', payloadOf(values)),
    onSuccess: (saved) => {
      invalidateTerritories(queryClient);
      notifySaved(territory ? `${saved.name} saved` : `Territory ${saved.name} created`);
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      if (fields) {
        form.setErrors(Object.fromEntries(Object.entries(fields).map(([path, text]) => [path, messageOf(path, text)])));
      } else {
        notifyFailure(error, { onReload: () => invalidateTerritories(queryClient) });
      }
    },
  });
  const submit = (values: Values) => {
    if (territory && Object.keys(changesOf(territory, values)).length === 0) onClose();
    else save.mutate(values);
  };
  // The server's rule: a territory's manager is an active manager or admin.
  const managers = users
    .filter((user) => (user.active && user.role !== 'rep') || user.id === territory?.managerId)
    .map((user) => ({ value: user.id, label: user.name }));

  return (
    <Modal opened={opened} onClose={onClose} title={territory ? `Edit ${territory.name}` : 'New territory'}>
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label="Name" required data-autofocus autoComplete="off" {...form.getInputProps('name')} />
            <TextInput label="Region" placeholder="e.g. EMEA" autoComplete="off" {...form.getInputProps('region')} />
          </SimpleGrid>
          <Select
            label="Manager"
            placeholder="No manager"
            description="The manager sees every record in the territory."
            data={managers}
            searchable
            clearable
            nothingFoundMessage="No active manager or admin by that name"
            {...form.getInputProps('managerId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {territory ? 'Save' : 'Create territory'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
