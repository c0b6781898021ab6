import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  type Communication,
  createCommunicationSchema,
  updateCommunicationSchema,
} from '../../../shared/contracts/communications.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/hooks.js';
import { DateTimeField } from '../../components/DateFields.js';
import { dateTime, localInput } from '../../lib/format.js';
import { type FormErrors, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved, notifyUndoable } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';
import { addressesProblem, splitAddresses } from './addresses.js';
import {
  messageName,
  patchCommunication,
  refreshCommunications,
  reportCommunicationError,
  takeBackEmail,
} from './communicationMutations.js';
import { addressedTo, type Recipient } from './Recipient.js';

type Values = {
  to: string;
  cc: string;
  subject: string;
  body: string;
  when: 'now' | 'later';
  /** When to send it, as a date box holds it (local `YYYY-MM-DDTHH:mm`). */
  occurredAt: string;
};

/** A phone's screen: the dialog takes all of it, with room for the keyboard under the message. */
const PHONE = '(max-width: 48em)';

/** A later send starts at the next full hour, at least half an hour away. */
const defaultLater = () => dayjs().add(90, 'minute').startOf('hour').format('YYYY-MM-DDTHH:mm');

function initialValues(communication: Communication | undefined, recipient: Recipient | undefined, later: boolean) {
  if (!communication)
    return {
      to: recipient?.email ?? '',
      cc: '',
      subject: '',
      body: '',
      when: later ? 'later' : 'now',
      occurredAt: later ? defaultLater() : '',
    } satisfies Values;
  // A scheduled one keeps its time; a failed one is sent again now unless the rep picks a time.
  const scheduled = communication.status === 'queued' && dayjs(communication.occurredAt).isAfter(dayjs());
  return {
    to: communication.to.join(', '),
    cc: communication.cc.join(', '),
    subject: communication.subject ?? '',
    body: communication.body ?? '',
    when: scheduled ? 'later' : 'now',
    occurredAt: scheduled ? localInput(communication.occurredAt) : '',
  } satisfies Values;
}

function payloadOf(values: Values, editing: boolean) {
  const later = values.when === 'later';
  return {
    to: splitAddresses(values.to),
    cc: splitAddresses(values.cc),
    subject: values.subject,
    body: values.body.trim() === '' ? null : values.body,
    status: 'queued' as const,
    // A new one sent now takes the server's clock; one queued again now goes at once, not at its old time.
    ...(later
      ? { occurredAt: values.occurredAt ? dayjs(values.occurredAt).toISOString() : '' }
      : editing
        ? { occurredAt: new Date().toISOString() }
        : {}),
  };
}

/** The rules a rep can be told before sending: each address, a subject, a time ahead. */
function checkValues(values: Values): FormErrors {
  const errors: FormErrors = {};
  const to = addressesProblem(values.to, { required: true });
  if (to) errors.to = to;
  const cc = addressesProblem(values.cc);
  if (cc) errors.cc = cc;
  if (values.subject.trim() === '') errors.subject = 'Required';
  if (values.when === 'later') {
    if (!values.occurredAt || !dayjs(values.occurredAt).isValid()) errors.occurredAt = 'Pick when to send it';
    else if (!dayjs(values.occurredAt).isAfter(dayjs())) errors.occurredAt = 'Pick a time ahead, or send it now';
  }
  return errors;
}

/**
 * Writes an e-mail from a record page, sent by the server now or at a chosen time (a queued outbound
 * e-mail, linked to the record). Given a queued or failed `communication`, the same form edits it and
 * queues it again ("Edit and retry": PATCH status queued with If-Match).
 */
export function ComposeEmailDialog({
  links = {},
  about,
  recipient,
  communication,
  later = false,
  onClose,
}: {
  links?: Links;
  about?: string;
  recipient?: Recipient | undefined;
  communication?: Communication;
  /** Open with "Send later" chosen. */
  later?: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const isPhone = useMediaQuery(PHONE);
  const me = useMe().data;
  const editing = communication !== undefined;
  const retrying = communication?.status === 'failed';
  const schema = editing ? updateCommunicationSchema : createCommunicationSchema;
  const toPayload = (values: Values) => {
    const payload = payloadOf(values, editing);
    if (editing) return payload;
    const to = payload.to;
    return {
      channel: 'email' as const,
      direction: 'outbound' as const,
      ...payload,
      ...links,
      // Written to the suggested contact: it belongs on their timeline too.
      ...(recipient?.contactId && addressedTo(to, recipient.email) ? { contactId: recipient.contactId } : {}),
    };
  };
  const contract = zodValidate(schema, toPayload);
  const form = useForm<Values>({
    initialValues: initialValues(communication, recipient, later),
    validate: (values) => {
      const own = checkValues(values);
      // The contract's limits (a subject's length, a hundred addresses) under the box that holds them.
      const limits: FormErrors = {};
      for (const [path, message] of Object.entries(contract(values))) {
        const field = path.split('.')[0] ?? path;
        if (field in values && !(field in limits)) limits[field] = message;
      }
      return { ...limits, ...own };
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      communication
        ? patchCommunication(communication, payloadOf(values, true))
        : api.post<Communication>('/communications', toPayload(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['communications', 'one', saved.id], saved);
      refreshCommunications(queryClient, saved.id);
      if (dayjs(saved.occurredAt).isAfter(dayjs())) {
        notifySaved(`Scheduled for ${dateTime(saved.occurredAt)}: ${messageName(saved)}`);
      } else {
        // The server holds a message for ten seconds after it is queued: as long as this notice shows.
        notifyUndoable(`Sending… ${messageName(saved)}`, () => takeBackEmail(queryClient, saved));
      }
      onClose();
    },
    onError: (error) =>
      reportCommunicationError(form, error, {
        onReload: () => refreshCommunications(queryClient, communication?.id),
      }),
  });
  const from = communication?.from ?? (communication === undefined || communication.ownerId === me?.id ? me : null);
  const title = retrying
    ? `Edit and retry · ${messageName(communication)}`
    : communication
      ? `Edit e-mail · ${messageName(communication)}`
      : `Write an e-mail${about ? ` · ${about}` : ''}`;
  const sendLater = form.values.when === 'later';
  return (
    <Modal opened onClose={onClose} title={title} size="lg" fullScreen={isPhone ?? false}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          {communication?.deliveryError && (
            <Alert
              color={retrying ? 'red' : 'yellow'}
              icon={<IconAlertTriangle size={18} aria-hidden />}
              title={retrying ? 'It was not sent' : 'Sending is being retried'}
            >
              {communication.deliveryError}
            </Alert>
          )}
          {from && (
            <Text size="sm" c="dimmed">
              From {typeof from === 'string' ? from : `${from.name} <${from.email}>`}
            </Text>
          )}
          <TextInput
            label="To"
            required
            data-autofocus={form.values.to === '' ? true : undefined}
            description="Separate several addresses with commas"
            autoComplete="off"
            {...form.getInputProps('to')}
          />
          <TextInput label="Cc" autoComplete="off" {...form.getInputProps('cc')} />
          <TextInput
            label="Subject"
            required
            data-autofocus={form.values.to !== '' ? true : undefined}
            {...form.getInputProps('subject')}
          />
          <Textarea label="Message" autosize minRows={6} maxRows={16} {...form.getInputProps('body')} />
          <Stack gap={6}>
            <SegmentedControl
              aria-label="When to send"
              data={[
                { value: 'now', label: 'Send now' },
                { value: 'later', label: 'Send later' },
              ]}
              value={form.values.when}
              onChange={(when) => {
                form.setFieldValue('when', when as Values['when']);
                if (when === 'later' && !form.values.occurredAt) form.setFieldValue('occurredAt', defaultLater());
              }}
              style={{ alignSelf: 'flex-start' }}
            />
            {sendLater && <DateTimeField label="Send at" required {...form.getInputProps('occurredAt')} />}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {editing ? 'Close' : 'Discard'}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {sendLater ? 'Schedule e-mail' : retrying ? 'Send again' : 'Send e-mail'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
