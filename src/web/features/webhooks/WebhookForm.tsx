import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type CreatedWebhook,
  createWebhookSchema,
  type UpdateWebhookInput,
  updateWebhookSchema,
  type Webhook,
} from '../../../shared/contracts/webhooks.js';
import { api } from '../../api/client.js';
import { type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
import { notifySaved, reportSaveError } from '../../lib/mutations.js';
import { EventPicker } from './EventPicker.js';
import { EVERYTHING, sameEvents } from './events.js';
import { invalidateWebhooks } from './queries.js';

type Values = { url: string; description: string; everything: boolean; events: string[] };

function payloadOf(values: Values) {
  return {
    url: values.url.trim(),
    description: values.description.trim() || null,
    events: values.everything ? [EVERYTHING] : values.events,
  };
}

/** Only what changed, so an edit never rewrites what someone else changed meanwhile. */
function changesOf(webhook: Webhook, values: Values): UpdateWebhookInput {
  const payload = payloadOf(values);
  const changes: UpdateWebhookInput = {};
  if (payload.url !== webhook.url) changes.url = payload.url;
  if (payload.description !== webhook.description) changes.description = payload.description;
  if (!sameEvents(payload.events, webhook.events)) changes.events = payload.events;
  return changes;
}

/**
 * The contract's messages, said for people, on the fields that show them: an error about one event
 * (`events.2`, from the browser or the server) belongs to the event picker.
 */
function readable(errors: FormErrors): FormErrors {
  const result: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = path.startsWith('events') ? 'events' : path;
    if (field in result || typeof message !== 'string') continue;
    result[field] =
      field === 'url' && message === 'Invalid URL'
        ? 'Enter the whole address, such as https://erp.example.com/meridian-events'
        : field === 'events' && /too small/i.test(message)
          ? 'Choose at least one event, or Everything'
          : sentence(message);
  }
  return result;
}

/**
 * Create (no `webhook`) or edit an endpoint: its URL, what it is for, and the events it gets. A new one's
 * signing secret is in the create answer only, so `onCreated` hands it on to be shown once.
 */
export function WebhookForm({
  webhook,
  onClose,
  onCreated,
}: {
  webhook?: Webhook;
  onClose: () => void;
  onCreated?: (created: CreatedWebhook) => void;
}) {
  const queryClient = useQueryClient();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const everything = webhook?.events.includes(EVERYTHING) ?? false;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      url: webhook?.url ?? '',
      description: webhook?.description ?? '',
      everything,
      events: everything ? [] : (webhook?.events ?? []),
    },
    validate: (values) =>
      readable({
        ...(webhook
          ? zodValidate(updateWebhookSchema, (next: Values) => changesOf(webhook, next))(values)
          : zodValidate(createWebhookSchema, payloadOf)(values)),
        ...(values.url.trim() ? {} : { url: 'Enter the address that receives the events' }),
      }),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      webhook
        ? api.patch<Webhook>(`/webhooks/${webhook.id}`, changesOf(webhook, values), {
            headers: { 'if-match': `"${webhook.version}"` },
          })
        : api.post<CreatedWebhook>('/webhooks', payloadOf(values)),
    onSuccess: (saved) => {
      invalidateWebhooks(queryClient);
      if (webhook) notifySaved(`${saved.url} saved`);
      else onCreated?.(saved as CreatedWebhook);
      onClose();
    },
    onError: (error) =>
      reportSaveError({ setErrors: (errors) => form.setErrors(readable(errors)), getValues: form.getValues }, error, {
        onReload: () => invalidateWebhooks(queryClient),
      }),
  });
  const submit = (values: Values) => {
    if (webhook && Object.keys(changesOf(webhook, values)).length === 0) onClose();
    else save.mutate(values);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={webhook ? 'Edit webhook' : 'New webhook'}
      size="lg"
      fullScreen={isPhone ?? false}
    >
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Endpoint URL"
            description="Meridian POSTs each event here as JSON. Use https outside your own network."
            placeholder="https://erp.example.com/meridian-events"
            type="url"
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('url')}
          />
          <TextInput
            label="Description"
            description="What receives the events, so the next admin knows whether it is still needed."
            placeholder="e.g. ERP order sync"
            autoComplete="off"
            {...form.getInputProps('description')}
          />
          <EventPicker
            everything={form.getValues().everything}
            onEverythingChange={(next) => form.setFieldValue('everything', next)}
            events={form.getValues().events}
            onEventsChange={(next) => form.setFieldValue('events', next)}
            error={form.errors.events}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {webhook ? 'Save' : 'Create webhook'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
