import { Group, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Communication } from '../../../shared/contracts/communications.js';
import { count, phone } from '../../lib/format.js';
import { type FormErrors, focusFirstError } from '../../lib/forms.js';
import type { Links } from '../activities/ActivityForm.js';
import {
  ComposeDialog,
  initialSendTime,
  type SendTime,
  sendTimePayload,
  sendTimeProblems,
  useComposeForm,
} from './ComposeDialog.js';
import { messageName } from './communicationMutations.js';
import type { Recipient } from './Recipient.js';
import { lacksCountryCode, MAX_TEXT_LENGTH, numberProblem, sameNumber, textSize } from './texts.js';

type Values = SendTime & { to: string; body: string };

function initialValues(communication: Communication | undefined, recipient: Recipient | undefined) {
  const number = communication ? communication.to.join(', ') : (recipient?.phone ?? '');
  return {
    // Stored compact (E.164); shown grouped, so the rep can read it back before sending.
    to: number && phone(number),
    body: communication?.body ?? '',
    ...initialSendTime(communication, false),
  } satisfies Values;
}

function payloadOf(values: Values, editing: boolean) {
  return {
    to: [values.to.trim()],
    body: values.body,
    status: 'queued' as const,
    ...sendTimePayload(values, editing),
  };
}

/** What the server would refuse, said before sending: the number's form, an empty or too long text. */
function checkValues(values: Values): FormErrors {
  const errors: FormErrors = sendTimeProblems(values);
  const to = numberProblem(values.to);
  if (to) errors.to = to;
  if (values.body.trim() === '') errors.body = 'Write the text';
  else if (values.body.length > MAX_TEXT_LENGTH)
    errors.body = `At most ${count(MAX_TEXT_LENGTH)} characters: ${count(values.body.length - MAX_TEXT_LENGTH)} too many`;
  return errors;
}

/**
 * Writes a text message (SMS) from a record page to the person's mobile (or phone) number, sent by the
 * server now or at a chosen time, with Undo for ten seconds as an e-mail has. Given a queued or failed
 * `communication`, the same form edits it and queues it again (PATCH status queued with If-Match).
 */
export function ComposeTextDialog({
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
  const { form, save } = useComposeForm({
    channel: 'sms',
    communication,
    links,
    initialValues: initialValues(communication, recipient),
    payloadOf,
    checkValues,
    // Texted to the suggested contact's number: it belongs on their timeline too.
    contactOf: (values) =>
      recipient?.contactId && sameNumber(values.to, recipient.phone) ? recipient.contactId : undefined,
    onClose,
  });
  const title =
    communication?.status === 'failed'
      ? `Edit and retry · ${messageName(communication)}`
      : communication
        ? `Edit text · ${messageName(communication)}`
        : `Send a text${about ? ` · ${about}` : ''}`;
  // A number without its country code is said at once (a stored one too), so the rep mends it first.
  const numberFirst = form.values.to === '' || lacksCountryCode(form.getInitialValues().to);
  const warning = !form.errors.to && lacksCountryCode(form.values.to) ? numberProblem(form.values.to) : null;
  return (
    <ComposeDialog
      title={title}
      channel="sms"
      communication={communication}
      form={form}
      sending={save.isPending}
      onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}
      onClose={onClose}
    >
      <TextInput
        label="To"
        required
        type="tel"
        autoComplete="off"
        description={warning ? <Warning>{warning}</Warning> : 'A mobile number, with + and the country code'}
        data-autofocus={numberFirst ? true : undefined}
        {...form.getInputProps('to')}
      />
      <Textarea
        label="Message"
        required
        autosize
        minRows={4}
        maxRows={12}
        data-autofocus={numberFirst ? undefined : true}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        description={<TextCount body={form.values.body} />}
        {...form.getInputProps('body')}
      />
    </ComposeDialog>
  );
}

/**
 * Under the message, as it is typed: its length against the limit and how many SMS it takes (what the
 * recipient's phone joins and the provider bills), and why a character makes each SMS hold 70, not 160.
 */
function TextCount({ body }: { body: string }) {
  const size = textSize(body);
  return (
    <>
      <Text component="span" size="xs" c={size.length > MAX_TEXT_LENGTH ? 'red.9' : 'dimmed'} data-testid="text-count">
        {count(size.length)} of {count(MAX_TEXT_LENGTH)} characters
        {size.segments > 0 &&
          ` · ${size.segments} SMS${size.segments > 1 ? ` (${size.perSegment} characters each)` : ''}`}
      </Text>
      {size.outsideGsm && (
        <Text component="span" size="xs" c="dimmed" display="block">
          “{size.outsideGsm}” is outside the SMS alphabet, so an SMS holds 70 characters instead of 160. Replace it to
          send fewer.
        </Text>
      )}
    </>
  );
}

/** A warning before sending, in the body's colour: Mantine's orange and red text fall below 4.5:1 on white. */
function Warning({ children }: { children: ReactNode }) {
  return (
    <Group component="span" gap={4} wrap="nowrap" align="flex-start">
      <IconAlertTriangle size={14} aria-hidden color="var(--mantine-color-orange-7)" style={{ flexShrink: 0 }} />
      <Text component="span" size="xs" c="var(--mantine-color-text)">
        {children}
      </Text>
    </Group>
  );
}
