import { Button, Menu, Text } from '@mantine/core';
import {
  IconHistory,
  IconKey,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Webhook } from '../../../shared/contracts/webhooks.js';
import { api } from '../../api/client.js';
import { useIsAdmin } from '../../api/hooks.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date } from '../../lib/format.js';
import { notifyFailure, useDeleteWithUndo } from '../../lib/mutations.js';
import { DeliveriesDrawer } from './DeliveriesDrawer.js';
import { EventBadges } from './EventBadges.js';
import { invalidateWebhooks, usePing, useSetActive } from './queries.js';
import { SecretDialog } from './SecretDialog.js';
import { WebhookForm } from './WebhookForm.js';
import { WebhookStatus } from './WebhookStatus.js';

const description =
  'Other systems (an ERP, a data warehouse, an automation tool) hear of changes in Meridian as they happen: each event is POSTed to the endpoint, signed with its secret, and retried for about 42 hours until it is accepted.';

/**
 * Webhooks (Settings, admins only): the endpoints Meridian POSTs record changes to. The API answers
 * admins alone, since an endpoint gets every record of the kinds it follows whoever may see them, so
 * everyone else is told so rather than shown a refusal.
 */
export function WebhooksPage() {
  const isAdmin = useIsAdmin();
  if (!isAdmin) {
    return (
      <>
        <PageHeader title="Webhooks" description={description} />
        <EmptyState title="Only admins manage webhooks">
          A webhook sends every change to the records it follows, whoever may see them, so only an admin can set one up.
          Ask an admin if another system of yours should hear of changes in Meridian.
        </EmptyState>
      </>
    );
  }
  return <AdminWebhooks />;
}

/** What a secret dialog shows: the secret the API answered once, and whose it is. */
type ShownSecret = { url: string; secret: string; rotated: boolean };

function AdminWebhooks() {
  const queryClient = useQueryClient();
  const [creating, create] = useCreateIntent();
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const [turningOff, setTurningOff] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const ping = usePing();
  const setActive = useSetActive();
  const remove = useDeleteWithUndo<Webhook>('webhooks', 'webhook', (webhook) => webhook.url);

  const rotate = useMutation({
    mutationFn: (webhook: Webhook) => api.post<{ secret: string }>(`/webhooks/${webhook.id}/rotate-secret`),
    onSuccess: (answer, webhook) => {
      setRotating(null);
      // The version moved: the next edit must send the new one.
      invalidateWebhooks(queryClient);
      setSecret({ url: webhook.url, secret: answer.secret, rotated: true });
    },
    onError: (error) => {
      setRotating(null);
      notifyFailure(error, { title: 'The secret was not rotated' });
    },
  });

  const sendTest = (webhook: Webhook) => ping.mutate(webhook, { onSuccess: () => setViewing(webhook.id) });

  const columns: Column<Webhook>[] = [
    {
      key: 'url',
      label: 'Endpoint',
      sort: 'url',
      // A long address wraps rather than widen the table or a phone's card.
      render: (row) => <span style={{ overflowWrap: 'anywhere' }}>{row.url}</span>,
    },
    { key: 'description', label: 'Description', render: (row) => row.description ?? '—' },
    { key: 'events', label: 'Events', render: (row) => <EventBadges events={row.events} max={4} /> },
    { key: 'status', label: 'Status', render: (row) => <WebhookStatus webhook={row} /> },
    { key: 'created', label: 'Created', sort: 'createdAt', render: (row) => date(row.createdAt), optional: true },
  ];

  return (
    <>
      <PageHeader
        title="Webhooks"
        description={description}
        createAction={{ label: 'New webhook', onClick: create.open }}
      />
      <EntityList<Webhook>
        resource="webhooks"
        noun={{ one: 'webhook', many: 'webhooks' }}
        columns={columns}
        filters={[{ kind: 'boolean', key: 'active', label: 'Active' }]}
        onRowOpen={(row) => setViewing(row.id)}
        rowTitle={(row) => columns[0]?.render(row)}
        rowActions={(row) => (
          <>
            <Menu.Item leftSection={<IconHistory size={16} aria-hidden />} onClick={() => setViewing(row.id)}>
              Deliveries
            </Menu.Item>
            <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(row)}>
              Edit
            </Menu.Item>
            {row.active && (
              <Menu.Item leftSection={<IconSend size={16} aria-hidden />} onClick={() => sendTest(row)}>
                Send test event
              </Menu.Item>
            )}
            <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setRotating(row)}>
              Rotate secret
            </Menu.Item>
            {row.active ? (
              <Menu.Item leftSection={<IconPlayerPause size={16} aria-hidden />} onClick={() => setTurningOff(row)}>
                Turn off
              </Menu.Item>
            ) : (
              <Menu.Item
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
                onClick={() => setActive.set(row, true)}
              >
                Turn on
              </Menu.Item>
            )}
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDeleting(row)}>
              Delete
            </Menu.Item>
          </>
        )}
        empty={{
          title: 'No webhooks yet',
          body: 'Add an endpoint and Meridian POSTs it the changes you choose (a new account, a deal moving stage) as they happen, signed so the receiver knows they came from here.',
          action: (
            <Button onClick={create.open} leftSection={<IconPlus size={16} aria-hidden />}>
              Add the first webhook
            </Button>
          ),
        }}
      />
      {creating && (
        <WebhookForm
          onClose={create.close}
          onCreated={(created) => setSecret({ url: created.url, secret: created.secret, rotated: false })}
        />
      )}
      {editing && <WebhookForm key={editing.id} webhook={editing} onClose={() => setEditing(null)} />}
      {viewing && <DeliveriesDrawer webhookId={viewing} onClose={() => setViewing(null)} />}
      {secret && <SecretDialog {...secret} onClose={() => setSecret(null)} />}
      <ConfirmDialog
        opened={rotating !== null}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        cancelLabel="Keep the secret"
        loading={rotate.isPending}
        onConfirm={() => rotating && rotate.mutate(rotating)}
        onClose={() => setRotating(null)}
      >
        Deliveries to{' '}
        <Text span style={{ overflowWrap: 'anywhere' }}>
          {rotating?.url}
        </Text>{' '}
        are signed with a new secret at once, retries included, and the receiver refuses them until it has the new one.
        It is shown once, next.
      </ConfirmDialog>
      <ConfirmDialog
        opened={turningOff !== null}
        title="Turn the webhook off?"
        confirmLabel="Turn off"
        cancelLabel="Keep it on"
        loading={setActive.isPending}
        onConfirm={() => turningOff && setActive.set(turningOff, false, () => setTurningOff(null))}
        onClose={() => setTurningOff(null)}
      >
        Changes made while it is off are not sent, not even once it is on again. Deliveries already queued wait, and go
        out when it is turned on.
      </ConfirmDialog>
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete the webhook?"
        confirmLabel="Delete webhook"
        cancelLabel="Keep it"
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting, { onSettled: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      >
        <Text span style={{ overflowWrap: 'anywhere' }}>
          {deleting?.url}
        </Text>{' '}
        gets no more events. Undo brings it back with what it had pending.
      </ConfirmDialog>
    </>
  );
}

export const Component = WebhooksPage;
