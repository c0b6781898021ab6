import { Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type Communication,
  createCommunicationSchema,
  updateCommunicationSchema,
} from '../../../shared/contracts/communications.js';
import { useMe } from '../../api/hooks.js';
import { type FormErrors, focusFirstError, zodValidate } from '../../lib/forms.js';
import type { Links } from '../activities/ActivityForm.js';
import { addressesProblem, splitAddresses } from './addresses.js';
import {
  ComposeDialog,
  initialSendTime,
  type SendTime,
  sendTimePayload,
  sendTimeProblems,
  useSendMessage,
} from './ComposeDialog.js';
import { messageName, onFormFields } from './communicationMutations.js';
import { addressedTo, type Recipient } from './Recipient.js';

type Values = SendTime & { to: string; cc: string; subject: string; body: string };

function initialValues(communication: Communication | undefined, recipient: Recipient | undefined, later: boolean) {
  return {
    to: communication ? communication.to.join(', ') : (recipient?.email ?? ''),
    cc: communication?.cc.join(', ') ?? '',
    subject: communication?.subject ?? '',
    body: communication?.body ?? '',
    ...initialSendTime(communication, later),
  } satisfies Values;
}

function payloadOf(values: Values, editing: boolean) {
  return {
    to: splitAddresses(values.to),
    cc: splitAddresses(values.cc),
    subject: values.subject,
    body: values.body.trim() === '' ? null : values.body,
    status: 'queued' as const,
    ...sendTimePayload(values, editing),
  };
}

/** The rules a rep can be told before sending: each address, a subject, a time ahead. */
function checkValues(values: Values): FormErrors {
  const errors: FormErrors = sendTimeProblems(values);
  const to = addressesProblem(values.to, { required: true });
  if (to) errors.to = to;
  const cc = addressesProblem(values.cc);
  if (cc) errors.cc = cc;
  if (values.subject.trim() === '') errors.subject = 'Required';
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
  const me = useMe().data;
  const editing = communication !== undefined;
  const toPayload = (values: Values) => {
    const payload = payloadOf(values, editing);
    if (editing) return payload;
    return {
      channel: 'email' as const,
      direction: 'outbound' as const,
      ...payload,
      ...links,
      // Written to the suggested contact: it belongs on their timeline too.
      ...(recipient?.contactId && addressedTo(payload.to, recipient.email) ? { contactId: recipient.contactId } : {}),
    };
  };
  const contract = zodValidate(editing ? updateCommunicationSchema : createCommunicationSchema, toPayload);
  const form = useForm<Values>({
    initialValues: initialValues(communication, recipient, later),
    // The contract's limits (a subject's length, a hundred addresses) under the box that holds them.
    validate: (values) => ({ ...onFormFields(contract(values), values), ...checkValues(values) }),
  });
  const save = useSendMessage({
    communication,
    form,
    create: toPayload,
    change: (values) => payloadOf(values, true),
    onClose,
  });
  const from = communication?.from ?? (communication === undefined || communication.ownerId === me?.id ? me : null);
  const title =
    communication?.status === 'failed'
      ? `Edit and retry · ${messageName(communication)}`
      : communication
        ? `Edit e-mail · ${messageName(communication)}`
        : `Write an e-mail${about ? ` · ${about}` : ''}`;
  return (
    <ComposeDialog
      title={title}
      channel="email"
      communication={communication}
      form={form}
      sending={save.isPending}
      onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}
      onClose={onClose}
    >
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
    </ComposeDialog>
  );
}
