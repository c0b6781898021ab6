import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type User, updateUserSchema } from '../../../shared/contracts/users.js';
import { api, signIn } from '../../api/client.js';
import { useMe } from '../../api/hooks.js';
import { fieldErrorsOf, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';
import { readable } from './messages.js';
import { PasswordField } from './PasswordField.js';
import { invalidateUsers } from './queries.js';

type Values = { currentPassword: string; password: string; repeat: string };

/**
 * Sets a new password: one's own (the present one, then the new one twice), or, for an admin, a
 * colleague's (typed or generated, and copied to hand over). The server ends the user's sessions when the password changes, so after changing
 * one's own this signs in again with it and the page carries on.
 */
export function PasswordDialog({ user, opened, onClose }: { user: User; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const self = useMe().data?.id === user.id;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { currentPassword: '', password: '', repeat: '' },
    validate: (values) =>
      readable({
        ...zodValidate(updateUserSchema, (next: Values) => ({ password: next.password }))(values),
        ...(self && !values.currentPassword ? { currentPassword: 'Required' } : {}),
        ...(self && values.repeat !== values.password ? { repeat: 'The two passwords differ' } : {}),
      }),
  });
  const save = useMutation({
    mutationFn: async ({ password, currentPassword }: Values) => {
      await api.patch<User>(`/users/${user.id}`, self ? { password, currentPassword } : { password });
      if (self) await signIn(user.email, password);
    },
    onSuccess: () => {
      invalidateUsers(queryClient);
      notifySaved(
        self
          ? 'Your password is changed. Other devices will need it at their next sign-in.'
          : `${user.name}'s password is changed and their sessions have ended. Give them the new one privately.`,
      );
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      if (fields) form.setErrors(readable(fields));
      else notifyFailure(error, { title: 'The password was not changed' });
    },
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={self ? 'Change your password' : `Reset ${user.name}'s password`}
      size="md"
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          {!self && (
            <Text size="sm">
              {user.name} is signed out everywhere and signs in again with the password you set here.
            </Text>
          )}
          {self && (
            <PasswordInput
              label="Present password"
              required
              data-autofocus
              autoComplete="current-password"
              {...form.getInputProps('currentPassword')}
            />
          )}
          <PasswordField
            label="New password"
            required
            data-autofocus={!self}
            onGenerated={self ? undefined : (password) => form.setFieldValue('password', password)}
            {...form.getInputProps('password')}
          />
          {self && (
            <PasswordInput
              label="Repeat the new password"
              required
              autoComplete="new-password"
              {...form.getInputProps('repeat')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {self ? 'Change password' : 'Set password'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
