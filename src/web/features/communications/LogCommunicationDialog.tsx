import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  type Communication,
  createCommunicationSchema,
  updateCommunicationSchema,
} from '../../../shared/contracts/communications.js';
import { api } from '../../api/client.js';
import { DateTimeField } from '../../components/DateFields.js';
import { localInput } from '../../lib/format.js';
import { type FormErrors, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';
import { addressesProblem, splitAddresses } from './addresses.js';
import {
  channelWord,
  messageName,
  onFormFields,
  patchCommunication,
  refreshCommunications,
  reportCommunicationError,
} from './communicationMutations.js';
import { addressedTo, type Recipient } from './Recipient.js';

type Channel = 'call' | 'email' | 'sms';
type Direction = 'outbound' | 'inbound';

type Values = {
  channel: Channel;
  direction: Direction;
  /** Their address or number: whom it went to, or whom it came from. */
  address: string;
  subject: string;
  body: string;
  occurredAt: string;
  durationMinutes: number | string;
};

/** The server lets a clock a few minutes fast call "now" the past; so does the form. */
const CLOCK_SKEW_MINUTES = 5;

const suggestedAddress = (channel: Channel, recipient: Recipient | undefined) =>
  (channel === 'email' ? recipient?.email : recipient?.phone) ?? '';

function initialValues(communication: Communication | undefined, recipient: Recipient | undefined): Values {
  if (!communication)
    return {
      channel: 'call',
      direction: 'outbound',
      address: suggestedAddress('call', recipient),
      subject: '',
      body: '',
      occurredAt: dayjs().startOf('minute').format('YYYY-MM-DDTHH:mm'),
      durationMinutes: '',
    };
  const outbound = communication.direction === 'outbound';
  return {
    channel: communication.channel,
    direction: communication.direction,
    address: outbound ? communication.to.join(', ') : (communication.from ?? ''),
    subject: communication.subject ?? '',
    body: communication.body ?? '',
    occurredAt: localInput(communication.occurredAt),
    durationMinutes:
      communication.durationSeconds === null ? '' : Math.round((communication.durationSeconds / 60) * 10) / 10,
  };
}

function payloadOf(values: Values, communication: Communication | undefined) {
  const outbound = values.direction === 'outbound';
  const addresses = values.channel === 'email' ? splitAddresses(values.address) : [values.address.trim()];
  const their = addresses.filter((address) => address !== '');
  // A logged message happened: sent or received. One logged as failed keeps that (it is no send to retry).
  const status = !outbound ? 'received' : communication?.status === 'failed' ? 'failed' : 'sent';
  return {
    channel: values.channel,
    direction: values.direction,
    status,
    subject: values.subject.trim() === '' ? null : values.subject,
    body: values.body.trim() === '' ? null : values.body,
    to: outbound ? their : [],
    from: outbound ? null : (their[0] ?? null),
    occurredAt: values.occurredAt ? dayjs(values.occurredAt).toISOString() : '',
    durationSeconds:
      values.channel === 'call' && values.durationMinutes !== ''
        ? Math.round(Number(values.durationMinutes) * 60)
        : null,
  } as const;
}

function checkValues(values: Values): FormErrors {
  const errors: FormErrors = {};
  if (values.channel === 'email') {
    const problem = addressesProblem(values.address);
    if (problem) errors.address = problem;
    else if (values.direction === 'inbound' && splitAddresses(values.address).length > 1)
      errors.address = 'One sender: the address it came from';
  }
  if (!values.occurredAt || !dayjs(values.occurredAt).isValid()) errors.occurredAt = 'Say when it happened';
  else if (dayjs(values.occurredAt).isAfter(dayjs().add(CLOCK_SKEW_MINUTES, 'minute')))
    errors.occurredAt = 'It cannot have happened in the future';
  return errors;
}

/**
 * Logs a call, an e-mail or a text that happened outside Meridian (on the phone, in another mail program):
 * sent or received, at the time it happened, a call with how long it took. Given a `communication`, edits it.
 */
export function LogCommunicationDialog({
  links = {},
  about,
  recipient,
  communication,
  onClose,
}: {
  links?: Links;
  about?: string;
  recipient?: Recipient | undefined;
  communication?: Communication;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const toPayload = (values: Values) => {
    const payload = payloadOf(values, communication);
    if (communication) return payload;
    const theirs = payload.direction === 'outbound' ? payload.to : payload.from ? [payload.from] : [];
    const toContact =
      recipient?.contactId &&
      (addressedTo(theirs, recipient.email) || (payload.channel !== 'email' && theirs.includes(recipient.phone ?? '')));
    return { ...payload, ...links, ...(toContact ? { contactId: recipient.contactId } : {}) };
  };
  const contract = zodValidate(communication ? updateCommunicationSchema : createCommunicationSchema, toPayload);
  const form = useForm<Values>({
    initialValues: initialValues(communication, recipient),
    validate: (values) => ({ ...onFormFields(contract(values), values, serverFields), ...checkValues(values) }),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      communication
        ? patchCommunication(communication, payloadOf(values, communication))
        : api.post<Communication>('/communications', toPayload(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['communications', 'one', saved.id], saved);
      refreshCommunications(queryClient, saved.id);
      notifySaved(communication ? `Saved: ${messageName(saved)}` : `Logged: ${messageName(saved)}`);
      onClose();
    },
    onError: (error) =>
      reportCommunicationError(form, error, {
        renames: serverFields,
        onReload: () => refreshCommunications(queryClient, communication?.id),
      }),
  });
  const { channel, direction } = form.values;
  const changeChannel = (next: Channel) => {
    // The suggested address follows the channel (an e-mail address, a phone number) until the rep types one.
    if (form.values.address === suggestedAddress(channel, recipient))
      form.setFieldValue('address', suggestedAddress(next, recipient));
    form.setFieldValue('channel', next);
    if (next !== 'call') form.setFieldValue('durationMinutes', '');
  };
  const title = communication
    ? `Edit ${channelWord(communication.channel)} · ${messageName(communication)}`
    : `Log a call or message${about ? ` · ${about}` : ''}`;
  return (
    <Modal opened onClose={onClose} title={title} size="lg" fullScreen={isPhone ?? false}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            For what happened elsewhere: on the phone, in your own mail program. It is logged, not sent.
          </Text>
          <Group gap="sm">
            <SegmentedControl
              aria-label="Kind of message"
              data={[
                { value: 'call', label: 'Call' },
                { value: 'email', label: 'E-mail' },
                { value: 'sms', label: 'SMS' },
              ]}
              value={channel}
              onChange={(next) => changeChannel(next as Channel)}
            />
            <SegmentedControl
              aria-label="Direction"
              data={[
                { value: 'outbound', label: 'Outbound' },
                { value: 'inbound', label: 'Inbound' },
              ]}
              value={direction}
              onChange={(next) => form.setFieldValue('direction', next as Direction)}
            />
          </Group>
          <TextInput
            label={addressLabel(channel, direction)}
            description={channel === 'email' && direction === 'outbound' ? 'Separate several with commas' : undefined}
            autoComplete="off"
            {...form.getInputProps('address')}
          />
          <TextInput
            label="Subject"
            placeholder={channel === 'email' ? undefined : 'What it was about'}
            data-autofocus
            {...form.getInputProps('subject')}
          />
          <Textarea
            label={channel === 'call' ? 'Notes' : 'Message'}
            autosize
            minRows={3}
            maxRows={12}
            {...form.getInputProps('body')}
          />
          <SimpleGrid cols={channel === 'call' ? 2 : 1} spacing="sm">
            <DateTimeField label="When" required {...form.getInputProps('occurredAt')} />
            {channel === 'call' && (
              <NumberInput
                label="Minutes"
                description="How long the call took"
                min={0}
                max={1440}
                allowDecimal={false}
                {...form.getInputProps('durationMinutes')}
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {communication ? 'Save' : `Log ${channelWord(channel)}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The server's fields under the boxes that hold them. */
const serverFields: Record<string, string> = {
  to: 'address',
  from: 'address',
  durationSeconds: 'durationMinutes',
};

function addressLabel(channel: Channel, direction: Direction): string {
  if (channel === 'email') return direction === 'outbound' ? 'To' : 'From';
  if (channel === 'call') return direction === 'outbound' ? 'Number called' : "Caller's number";
  return direction === 'outbound' ? 'Texted to' : 'Texted from';
}
