import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type ApiKey,
  type CreatedApiKey,
  createApiKeySchema,
  updateApiKeySchema,
} from '../../../shared/contracts/auth.js';
import type { Page } from '../../../shared/contracts/common.js';
import { api } from '../../api/client.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { DateField } from '../../components/DateFields.js';
import { QueryError } from '../../components/QueryError.js';
import { ShownOnce } from '../../components/ShownOnce.js';
import { date, relative } from '../../lib/format.js';
import { zodValidate } from '../../lib/forms.js';
import { notifyFailure, notifySaved, reportSaveError } from '../../lib/mutations.js';

const queryKey = ['api-keys'];

/**
 * The caller's API keys, for other systems to call Meridian as them: the keys they have (never their
 * secrets), a new one (shown once), a rename, and revoking one at once.
 */
export function ApiKeysDialog({ onClose }: { onClose: () => void }) {
  const keys = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<Page<ApiKey>>('/api-keys?limit=200', { signal }),
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <Modal opened onClose={onClose} title="API keys" size="lg" closeOnClickOutside={created === null}>
      {created ? (
        <CreatedKey created={created} onDone={() => setCreated(null)} />
      ) : creating ? (
        <NewKeyForm
          onCancel={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Another system (an ERP, a spreadsheet, a script) calls the API with a key as you: it sees and changes what
            you may. Send it as <code>Authorization: Bearer mk_…</code>.
          </Text>
          {keys.isPending ? (
            <Skeleton height={96} />
          ) : keys.isError ? (
            <QueryError error={keys.error} what="your API keys" onRetry={() => keys.refetch()} />
          ) : keys.data.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              You have no API keys. Make one for each system that calls Meridian, so each can be revoked alone.
            </Text>
          ) : (
            <Stack gap="xs" aria-label="Your API keys" role="list">
              {keys.data.data.map((key) => (
                <KeyRow key={key.id} apiKey={key} />
              ))}
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              New API key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api.delete(`/api-keys/${apiKey.id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey });
      notifySaved(`“${apiKey.name}” revoked: it no longer works`);
      setRevoking(false);
    },
    onError: (error) => notifyFailure(error, { title: 'The key was not revoked' }),
  });
  const expired = apiKey.expiresAt !== null && dayjs(apiKey.expiresAt).isBefore(dayjs());
  return (
    <Paper withBorder p="xs" role="listitem">
      {renaming ? (
        <RenameForm apiKey={apiKey} onDone={() => setRenaming(false)} />
      ) : (
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {apiKey.name}
              </Text>
              <Text size="xs" ff="monospace" c="dimmed">
                {apiKey.prefix}…
              </Text>
              <Badge size="xs" variant="light" color={apiKey.scopes.includes('write') ? 'orange' : 'gray'}>
                {apiKey.scopes.includes('write') ? 'read & write' : 'read only'}
              </Badge>
              {expired && (
                <Badge size="xs" variant="light" color="red">
                  expired
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              Made {date(apiKey.createdAt)} ·{' '}
              {apiKey.lastUsedAt ? `last used ${relative(apiKey.lastUsedAt)}` : 'never used'}
              {apiKey.expiresAt ? ` · ${expired ? 'expired' : 'expires'} ${date(apiKey.expiresAt)}` : ''}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Rename">
              <ActionIcon variant="subtle" aria-label={`Rename ${apiKey.name}`} onClick={() => setRenaming(true)}>
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Revoke">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Revoke ${apiKey.name}`}
                onClick={() => setRevoking(true)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      )}
      <ConfirmDialog
        opened={revoking}
        title={`Revoke “${apiKey.name}”?`}
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        onConfirm={() => revoke.mutate()}
        onClose={() => setRevoking(false)}
      >
        Every system using this key is refused from now on. This cannot be undone: make a new key instead.
      </ConfirmDialog>
    </Paper>
  );
}

function RenameForm({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: apiKey.name },
    validate: zodValidate(updateApiKeySchema, (values: { name: string }) => values),
  });
  const rename = useMutation({
    mutationFn: (values: { name: string }) =>
      api.patch<ApiKey>(`/api-keys/${apiKey.id}`, values, { headers: { 'if-match': `"${apiKey.version}"` } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey });
      onDone();
    },
    onError: (error) => reportSaveError(form, error, { onReload: () => queryClient.invalidateQueries({ queryKey }) }),
  });
  return (
    <form onSubmit={form.onSubmit((values) => rename.mutate(values))} noValidate>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput label="Name" data-autofocus style={{ flex: 1 }} {...form.getInputProps('name')} />
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={rename.isPending}>
          Save
        </Button>
      </Group>
    </form>
  );
}

type NewKeyValues = { name: string; access: 'read' | 'write'; expiresOn: string };

function NewKeyForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (key: CreatedApiKey) => void }) {
  const queryClient = useQueryClient();
  const toPayload = (values: NewKeyValues) => ({
    name: values.name,
    scopes: values.access === 'write' ? ['read', 'write'] : ['read'],
    // The key works through the day chosen, in the user's own time.
    ...(values.expiresOn ? { expiresAt: dayjs(values.expiresOn).endOf('day').toISOString() } : {}),
  });
  const form = useForm<NewKeyValues>({
    initialValues: { name: '', access: 'read', expiresOn: '' },
    validate: zodValidate(createApiKeySchema, toPayload),
  });
  const create = useMutation({
    mutationFn: (values: NewKeyValues) => api.post<CreatedApiKey>('/api-keys', toPayload(values)),
    onSuccess: (key) => {
      void queryClient.invalidateQueries({ queryKey });
      onCreated(key);
    },
    onError: (error) => reportSaveError(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          description="Which system uses it, so you know which to revoke"
          placeholder="ERP order sync"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="api-key-access">
            Access
          </Text>
          <SegmentedControl
            aria-labelledby="api-key-access"
            data={[
              { value: 'read', label: 'Read only' },
              { value: 'write', label: 'Read & write' },
            ]}
            {...form.getInputProps('access')}
          />
        </div>
        <DateField
          label="Expires"
          description="Leave empty for a key that works until it is revoked"
          clearable
          minDate={dayjs().add(1, 'day').format('YYYY-MM-DD')}
          {...form.getInputProps('expiresOn')}
        />
        {form.errors.expiresAt && (
          <Text size="sm" c="red">
            {form.errors.expiresAt}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CreatedKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Text size="sm">
        “{created.name}” can {created.scopes.includes('write') ? 'read and change' : 'read'} what you may, as you.
      </Text>
      <ShownOnce label="API key" value={created.key} ifLost="If it is lost, revoke it and make a new one." />
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
