import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createUserSchema,
  type Role,
  roles,
  type UpdateUserInput,
  type User,
  updateUserSchema,
} from '../../../shared/contracts/users.js';
import { api } from '../../api/client.js';
import { useMe, useTerritories, useUsers } from '../../api/hooks.js';
import { fieldErrorsOf, focusFirstError, zodValidate } from '../../lib/forms.js';
import { roleLabels } from '../../lib/labels.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';
import { readable } from './messages.js';
import { PasswordField } from './PasswordField.js';
import { invalidateUsers } from './queries.js';

type Values = {
  name: string;
  email: string;
  role: Role;
  territoryIds: string[];
  managerId: string | null;
  active: boolean;
  password: string;
};

const roleHints: Record<Role, string> = {
  admin: 'Sees and changes everything, manages users and territories.',
  manager: 'Sees the records of their territories and of the people who report to them.',
  rep: 'Sees what they own and the accounts of their territories.',
};

/** Only what changed, so an edit never rewrites fields someone else changed (or a territory since deleted). */
function changesOf(user: User, values: Values): UpdateUserInput {
  const changes: UpdateUserInput = {};
  if (values.name.trim() !== user.name) changes.name = values.name.trim();
  if (values.email.trim() !== user.email) changes.email = values.email.trim();
  if (values.role !== user.role) changes.role = values.role;
  if ([...values.territoryIds].sort().join() !== [...user.territoryIds].sort().join()) {
    changes.territoryIds = values.territoryIds;
  }
  if (values.managerId !== user.managerId) changes.managerId = values.managerId;
  if (values.active !== user.active) changes.active = values.active;
  return changes;
}

/** Without a first password, the server e-mails the new user a link to choose their own. */
function createPayload(values: Values) {
  const { active: _active, password, ...fields } = values;
  return { ...fields, name: fields.name.trim(), email: fields.email.trim(), ...(password ? { password } : {}) };
}

/** Create (no `user`) or edit a user (admins): role, territories, manager, and on create a first password. */
export function UserForm({ user, opened, onClose }: { user?: User; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const me = useMe().data;
  const users = useUsers().data ?? [];
  const territories = useTerritories().data ?? [];
  const known = new Set(territories.map((territory) => territory.id));
  const isSelf = user !== undefined && user.id === me?.id;

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      role: user?.role ?? 'rep',
      territoryIds: user?.territoryIds ?? [],
      managerId: user?.managerId ?? null,
      active: user?.active ?? true,
      password: '',
    },
    validate: (values) =>
      readable({
        ...(user
          ? zodValidate(updateUserSchema, (next: Values) => changesOf(user, next))(values)
          : zodValidate(createUserSchema, createPayload)(values)),
        ...(values.name.trim() ? {} : { name: 'Enter their name' }),
        ...(values.email.trim() ? {} : { email: 'Enter their e-mail address' }),
      }),
  });

  const save = useMutation({
    mutationFn: (values: Values) => {
      if (!user) return api.post<User>('/users', createPayload(values));
      return api.patch<User>(`/users/${user.id}`, changesOf(user, values), {
        headers: { 'if-match': `"${user.version}"` },
      });
    },
    onSuccess: (saved) => {
      invalidateUsers(queryClient);
      notifySaved(
        user
          ? `${saved.name} saved`
          : form.values.password
            ? `${saved.name} can now sign in with the password you set`
            : `${saved.name} was e-mailed a link to choose their password`,
      );
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      if (fields) form.setErrors(readable(fields));
      else notifyFailure(error, { onReload: () => invalidateUsers(queryClient) });
    },
  });

  const submit = (values: Values) => {
    if (user && Object.keys(changesOf(user, values)).length === 0) onClose();
    else save.mutate(values);
  };

  // Managers are active managers or admins (the server's rule), never the user themselves; the current one
  // stays listed so the field shows it even if they no longer qualify.
  const managers = users
    .filter(
      (candidate) =>
        candidate.id !== user?.id &&
        ((candidate.active && candidate.role !== 'rep') || candidate.id === user?.managerId),
    )
    .map((candidate) => ({ value: candidate.id, label: candidate.name }));
  const territoryOptions = territories.map((territory) => ({
    value: territory.id,
    label: territory.region ? `${territory.name} (${territory.region})` : territory.name,
  }));
  // A territory deleted since is not offered, and not shown.
  const territoryIds = form.getValues().territoryIds.filter((id) => known.has(id));

  return (
    <Modal opened={opened} onClose={onClose} title={user ? `Edit ${user.name}` : 'New user'} size="lg">
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label="Name" required autoComplete="off" data-autofocus {...form.getInputProps('name')} />
            <TextInput label="E-mail" type="email" required autoComplete="off" {...form.getInputProps('email')} />
          </SimpleGrid>
          <Select
            label="Role"
            data={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
            allowDeselect={false}
            disabled={isSelf}
            description={isSelf ? 'Another admin can change your role.' : roleHints[form.getValues().role]}
            {...form.getInputProps('role')}
          />
          <MultiSelect
            label="Territories"
            placeholder={territoryIds.length ? undefined : 'None'}
            data={territoryOptions}
            searchable
            clearable
            nothingFoundMessage="No territory by that name"
            description="A rep sees the records of accounts in these territories. A manager sees the territories they manage (set on the territory) and their reps' records."
            {...form.getInputProps('territoryIds')}
            value={territoryIds}
            error={form.errors.territoryIds ?? form.errors['territoryIds.0']}
          />
          <Select
            label="Manager"
            placeholder="No manager"
            data={managers}
            searchable
            clearable
            nothingFoundMessage="No active manager or admin by that name"
            description="The manager sees the records of the people who report to them."
            {...form.getInputProps('managerId')}
          />
          {user ? (
            <Switch
              label="Active"
              description={
                isSelf
                  ? 'You cannot deactivate yourself.'
                  : 'An inactive user cannot sign in; their records stay as they are.'
              }
              disabled={isSelf}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          ) : (
            <PasswordField
              label="First password"
              description="At least 12 characters. Leave it empty to e-mail them a link to choose their own."
              onGenerated={(password) => form.setFieldValue('password', password)}
              {...form.getInputProps('password')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {user ? 'Save' : 'Create user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
