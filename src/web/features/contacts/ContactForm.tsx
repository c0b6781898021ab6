import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type Contact,
  contactRoles,
  createContactSchema,
  updateContactSchema,
} from '../../../shared/contracts/contacts.js';
import { ApiError, api } from '../../api/client.js';
import { AccountPicker } from '../../components/Pickers.js';
import { humanize } from '../../lib/format.js';
import { blankToNull, focusFirstError, zodValidate } from '../../lib/forms.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';

type Values = {
  accountId: string | null;
  firstName: string;
  lastName: string;
  title: string;
  role: string;
  email: string;
  phone: string;
  mobile: string;
  isPrimary: boolean;
};

const toPayload = (values: Values) => blankToNull(values);

export function ContactForm({
  contact,
  accountId,
  opened,
  onClose,
}: {
  contact?: Contact;
  accountId?: string;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: {
      accountId: contact?.accountId ?? accountId ?? null,
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
      title: contact?.title ?? '',
      role: contact?.role ?? 'contact',
      email: contact?.email ?? '',
      phone: contact?.phone ?? '',
      mobile: contact?.mobile ?? '',
      isPrimary: contact?.isPrimary ?? false,
    },
    validate: zodValidate(contact ? updateContactSchema : createContactSchema, toPayload),
  });
  // A contact with this e-mail already exists (409): open it, or add this one anyway.
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: ({ values, allowDuplicate }: { values: Values; allowDuplicate?: boolean }) =>
      contact
        ? api.patch<Contact>(
            `/contacts/${contact.id}`,
            { ...toPayload(values), ...(allowDuplicate ? { allowDuplicate: true } : {}) },
            { headers: { 'if-match': `"${contact.version}"` } },
          )
        : api.post<Contact>('/contacts', { ...toPayload(values), ...(allowDuplicate ? { allowDuplicate: true } : {}) }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['contacts', 'one', saved.id], saved);
      invalidateLists(queryClient, 'contacts');
      notifySaved(contact ? 'Contact saved' : `${saved.firstName} ${saved.lastName} added`);
      onClose();
      if (!contact && !accountId) navigate(`/contacts/${saved.id}`);
    },
    onError: (error) => {
      const existing = error instanceof ApiError ? error.extensions.existingId : undefined;
      if (error instanceof ApiError && error.status === 409 && typeof existing === 'string') {
        setDuplicateOf(existing);
        return;
      }
      reportSaveError(form, error, {
        onReload: () => queryClient.invalidateQueries({ queryKey: ['contacts', 'one', contact?.id] }),
      });
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? `Edit ${contact.firstName} ${contact.lastName}` : 'New contact'}
      size="lg"
    >
      <form
        onSubmit={form.onSubmit((values) => {
          setDuplicateOf(null);
          save.mutate({ values });
        }, focusFirstError)}
        noValidate
      >
        <Stack gap="sm">
          {!accountId && (
            <AccountPicker
              label="Account"
              required
              placeholder="Search accounts"
              {...form.getInputProps('accountId')}
            />
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label="First name" required data-autofocus {...form.getInputProps('firstName')} />
            <TextInput label="Last name" required {...form.getInputProps('lastName')} />
            <TextInput label="Job title" {...form.getInputProps('title')} />
            <Select
              label="Role"
              data={contactRoles.map((role) => ({ value: role, label: humanize(role) }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
            <TextInput label="Mobile" type="tel" {...form.getInputProps('mobile')} />
          </SimpleGrid>
          <Checkbox label="Primary contact of the account" {...form.getInputProps('isPrimary', { type: 'checkbox' })} />
          {duplicateOf && (
            <Alert color="yellow" variant="light" title="Someone already has this e-mail">
              <Text size="sm">
                A contact you can see uses {form.values.email}.{' '}
                <Anchor component={Link} to={`/contacts/${duplicateOf}`} onClick={onClose}>
                  Open that contact
                </Anchor>{' '}
                or add this one anyway.
              </Text>
              <Button
                mt="xs"
                size="xs"
                variant="light"
                loading={save.isPending}
                onClick={() => save.mutate({ values: form.values, allowDuplicate: true })}
              >
                Add anyway
              </Button>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {contact ? 'Save' : 'Add contact'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
