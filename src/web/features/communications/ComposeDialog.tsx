import { Button, Group, Modal, SegmentedControl, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { FormEvent, ReactNode } from 'react';
import {
  type Communication,
  createCommunicationSchema,
  type UpdateCommunicationInput,
  updateCommunicationSchema,
} from '../../../shared/contracts/communications.js';
import { api } from '../../api/client.js';
import { DateTimeField } from '../../components/DateFields.js';
import { dateTime, localInput } from '../../lib/format.js';
import { type FormErrors, zodValidate } from '../../lib/forms.js';
import { notifySaved, notifyUndoable } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';
import {
  messageName,
  onFormFields,
  patchCommunication,
  refreshCommunications,
  reportCommunicationError,
  sendingNoun,
  takeBackMessage,
} from './communicationMutations.js';
import { DeliveryProblem } from './DeliveryBadge.js';

/*
 * What writing an e-mail and writing a text share: the server sends either now or at a chosen time, holds
 * it ten seconds for Undo, and a queued or failed one is edited in the same form and queued again.
 */

/** When a message goes: now, or at the time in the date box (local `YYYY-MM-DDTHH:mm`). */
export type SendTime = { when: 'now' | 'later'; occurredAt: string };

/** What the frame asks of a channel's form (@mantine/form's own type names do not resolve under NodeNext). */
type SendTimeForm = {
  values: SendTime;
  setValues: (values: Partial<SendTime>) => void;
  getInputProps: (path: 'occurredAt') => ReturnType<ReturnType<typeof useForm>['getInputProps']>;
};

/** A phone's screen: the dialog takes all of it, with room for the keyboard under the message. */
const PHONE = '(max-width: 48em)';

/** A later send starts at the next full hour, at least half an hour away. */
const defaultLater = () => dayjs().add(90, 'minute').startOf('hour').format('YYYY-MM-DDTHH:mm');

export function initialSendTime(communication: Communication | undefined, later: boolean): SendTime {
  if (!communication) return { when: later ? 'later' : 'now', occurredAt: later ? defaultLater() : '' };
  // A scheduled one keeps its time; a failed one is sent again now unless the rep picks a time.
  const scheduled = communication.status === 'queued' && dayjs(communication.occurredAt).isAfter(dayjs());
  return { when: scheduled ? 'later' : 'now', occurredAt: scheduled ? localInput(communication.occurredAt) : '' };
}

export function sendTimePayload(values: SendTime, editing: boolean): { occurredAt?: string } {
  if (values.when === 'later') return { occurredAt: values.occurredAt ? dayjs(values.occurredAt).toISOString() : '' };
  // A new one sent now takes the server's clock; one queued again now goes at once, not at its old time.
  return editing ? { occurredAt: new Date().toISOString() } : {};
}

export function sendTimeProblems(values: SendTime): FormErrors {
  if (values.when !== 'later') return {};
  if (!values.occurredAt || !dayjs(values.occurredAt).isValid()) return { occurredAt: 'Pick when to send it' };
  if (!dayjs(values.occurredAt).isAfter(dayjs())) return { occurredAt: 'Pick a time ahead, or send it now' };
  return {};
}

/**
 * The form of a message to send, for either channel: checked against the contract (a create, or a change
 * of the message being edited) and the channel's own rules, and saved by useSendMessage. A new message
 * goes out on the record's links, and on the suggested contact's timeline while it still goes to them.
 */
export function useComposeForm<Values extends SendTime, Payload extends object>(options: {
  channel: 'email' | 'sms';
  communication: Communication | undefined;
  links: Links;
  initialValues: Values;
  payloadOf: (values: Values, editing: boolean) => Payload;
  checkValues: (values: Values) => FormErrors;
  /** The suggested contact, when the message still goes to them. */
  contactOf: (values: Values, payload: Payload) => string | undefined;
  onClose: () => void;
}) {
  const { communication, payloadOf } = options;
  const editing = communication !== undefined;
  const toPayload = (values: Values) => {
    const payload = payloadOf(values, editing);
    if (editing) return payload;
    const contactId = options.contactOf(values, payload);
    return {
      channel: options.channel,
      direction: 'outbound' as const,
      ...payload,
      ...options.links,
      ...(contactId ? { contactId } : {}),
    };
  };
  const contract = zodValidate(editing ? updateCommunicationSchema : createCommunicationSchema, toPayload);
  const form = useForm<Values>({
    initialValues: options.initialValues,
    // The contract's limits (a subject's length, a hundred addresses) under the box that holds them.
    validate: (values) => ({ ...onFormFields(contract(values), values), ...options.checkValues(values) }),
  });
  const save = useSendMessage({
    communication,
    form,
    create: toPayload,
    change: (values) => payloadOf(values, true) as UpdateCommunicationInput,
    onClose: options.onClose,
  });
  return { form, save };
}

/**
 * Queues a new message (POST) or an edited one again (PATCH with If-Match). Once saved, one sent now gets
 * the Undo notice for as long as the server holds it (ten seconds); a scheduled one says when it goes.
 * Field errors land on the form's boxes and the dialog stays open.
 */
export function useSendMessage<Values extends SendTime>({
  communication,
  form,
  create,
  change,
  onClose,
}: {
  communication: Communication | undefined;
  form: Parameters<typeof reportCommunicationError>[0];
  create: (values: Values) => unknown;
  change: (values: Values) => UpdateCommunicationInput;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Values) =>
      communication
        ? patchCommunication(communication, change(values))
        : api.post<Communication>('/communications', create(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['communications', 'one', saved.id], saved);
      refreshCommunications(queryClient, saved.id);
      if (dayjs(saved.occurredAt).isAfter(dayjs())) {
        notifySaved(`Scheduled for ${dateTime(saved.occurredAt)}: ${messageName(saved)}`);
      } else {
        notifyUndoable(`Sending… ${messageName(saved)}`, () => takeBackMessage(queryClient, saved));
      }
      onClose();
    },
    onError: (error) =>
      reportCommunicationError(form, error, {
        onReload: () => refreshCommunications(queryClient, communication?.id),
      }),
  });
}

/**
 * The frame of a compose form: why a message being edited did not go, the channel's own boxes
 * (`children`), when to send it, and the send button, named for the channel ("Send text", "Schedule
 * e-mail", "Send again" for a failed one). Full screen on a phone.
 */
export function ComposeDialog({
  title,
  channel,
  communication,
  form,
  sending,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  channel: 'email' | 'sms';
  communication: Communication | undefined;
  form: SendTimeForm;
  sending: boolean;
  /** The form's own submit handler, validating first: `form.onSubmit(send, focusFirstError)`. */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const isPhone = useMediaQuery(PHONE);
  const noun = sendingNoun(channel);
  const sendLater = form.values.when === 'later';
  const chooseWhen = (when: string) => {
    const later = when === 'later';
    form.setValues({
      when: later ? 'later' : 'now',
      ...(later && !form.values.occurredAt ? { occurredAt: defaultLater() } : {}),
    });
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg" fullScreen={isPhone ?? false}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {communication && <DeliveryProblem communication={communication} />}
          {children}
          <Stack gap={6}>
            <SegmentedControl
              aria-label="When to send"
              data={[
                { value: 'now', label: 'Send now' },
                { value: 'later', label: 'Send later' },
              ]}
              value={form.values.when}
              onChange={chooseWhen}
              style={{ alignSelf: 'flex-start' }}
            />
            {sendLater && <DateTimeField label="Send at" required {...form.getInputProps('occurredAt')} />}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {communication ? 'Close' : 'Discard'}
            </Button>
            <Button type="submit" loading={sending}>
              {sendLater ? `Schedule ${noun}` : communication?.status === 'failed' ? 'Send again' : `Send ${noun}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
