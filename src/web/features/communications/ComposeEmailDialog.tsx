import { Button, Text, Textarea, TextInput } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import type { Communication } from '../../../shared/contracts/communications.js';
import { useMe } from '../../api/hooks.js';
import { type FormErrors, focusFirstError } from '../../lib/forms.js';
import type { Links } from '../activities/ActivityForm.js';
import { renderInputOf } from '../email-templates/fields.js';
import { MissingFields, SaveAsTemplateDialog, TemplatePicker } from '../email-templates/TemplatePicker.js';
import { addressesProblem, splitAddresses } from './addresses.js';
import {
  ComposeDialog,
  initialSendTime,
  type SendTime,
  sendTimePayload,
  sendTimeProblems,
  useComposeForm,
} from './ComposeDialog.js';
import { messageName } from './communicationMutations.js';
import { EmailFiles } from './EmailFiles.js';
import { MailAttachments } from './MailAttachments.js';
import { addressedTo, type Recipient } from './Recipient.js';
import { useMailAttachments } from './useMailAttachments.js';

/** `attachmentIds`: files a new e-mail carries (an edit leaves its files as they went). */
type Values = SendTime & { to: string; cc: string; subject: string; body: string; attachmentIds: string[] };

function initialValues(communication: Communication | undefined, recipient: Recipient | undefined, later: boolean) {
  return {
    to: communication ? communication.to.join(', ') : (recipient?.email ?? ''),
    cc: communication?.cc.join(', ') ?? '',
    subject: communication?.subject ?? '',
    body: communication?.body ?? '',
    attachmentIds: [] as string[],
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
    ...(editing || values.attachmentIds.length === 0 ? {} : { attachmentIds: values.attachmentIds }),
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
  const { form, save } = useComposeForm({
    channel: 'email',
    communication,
    links,
    initialValues: initialValues(communication, recipient, later),
    payloadOf,
    checkValues,
    // Written to the suggested contact: it belongs on their timeline too.
    contactOf: (_values, payload) =>
      recipient?.contactId && addressedTo(payload.to, recipient.email) ? recipient.contactId : undefined,
    onClose,
  });
  /** The fields the chosen template named that no record filled, said under the message. */
  const [missing, setMissing] = useState<string[]>([]);
  const [savingTemplate, setSavingTemplate] = useState(false);
  // A template is filled from the page's records, and from the person written to while it still goes to them.
  const renderInput = () =>
    renderInputOf(
      links,
      recipient?.contactId && addressedTo(splitAddresses(form.getValues().to), recipient.email)
        ? recipient.contactId
        : undefined,
    );
  const attachments = useMailAttachments(communication ? {} : links, (ids) => form.setFieldValue('attachmentIds', ids));
  const from = communication?.from ?? (communication === undefined || communication.ownerId === me?.id ? me : null);
  const title =
    communication?.status === 'failed'
      ? `Edit and retry · ${messageName(communication)}`
      : communication
        ? `Edit e-mail · ${messageName(communication)}`
        : `Write an e-mail${about ? ` · ${about}` : ''}`;
  return (
    <>
      <ComposeDialog
        title={title}
        channel="email"
        communication={communication}
        form={form}
        // Send waits for files still going up: they are chosen once they arrive.
        sending={save.isPending || attachments.uploading}
        onSubmit={form.onSubmit((values) => {
          if (!attachments.uploading) save.mutate(values);
        }, focusFirstError)}
        onClose={onClose}
      >
        {!communication && (
          // A new e-mail may start from a template; one being edited or retried keeps what it says.
          <TemplatePicker
            renderInput={renderInput}
            current={() => ({ subject: form.getValues().subject, body: form.getValues().body })}
            onFill={(rendered) => {
              form.setValues({ subject: rendered.subject, body: rendered.body });
              form.clearFieldError('subject');
              form.clearFieldError('body');
              setMissing(rendered.missing);
            }}
            action={
              <Button
                variant="subtle"
                leftSection={<IconDeviceFloppy size={16} aria-hidden />}
                onClick={() => setSavingTemplate(true)}
              >
                Save as template
              </Button>
            }
          />
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
        {!communication && <MissingFields missing={missing} />}
        {communication ? (
          // The files went with the e-mail as it was written: editing it does not change them.
          <EmailFiles communication={communication} />
        ) : (
          <MailAttachments attachments={attachments} error={form.errors.attachmentIds as string | undefined} />
        )}
      </ComposeDialog>
      {savingTemplate && (
        // Outside the e-mail's form: its own form's submit must not bubble (through the portal) into sending.
        <SaveAsTemplateDialog
          writing={{ subject: form.getValues().subject, body: form.getValues().body }}
          onClose={() => setSavingTemplate(false)}
        />
      )}
    </>
  );
}
