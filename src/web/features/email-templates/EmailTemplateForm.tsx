import { Button, Group, Menu, ScrollArea, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBraces, IconChevronDown } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  createEmailTemplateSchema,
  type EmailTemplate,
  type UpdateEmailTemplateInput,
  updateEmailTemplateSchema,
} from '../../../shared/contracts/email-templates.js';
import { api } from '../../api/client.js';
import { type FormErrors, focusFirstError, zodValidate } from '../../lib/forms.js';
import { reportSaveError } from '../../lib/mutations.js';
import { fieldGroups, insertAt, placeholder, unknownFieldProblem } from './fields.js';
import { ifMatch, refreshTemplates } from './queries.js';

type Values = { name: string; subject: string; body: string; shared: boolean };

/** Where "Insert field" puts a field: the subject or the message, whichever had the cursor last. */
type Target = 'subject' | 'body';

const targetNames: Record<Target, string> = { subject: 'the subject', body: 'the message' };

/** What an edit sends: only the fields that changed. */
function changesOf(template: EmailTemplate, values: Values): UpdateEmailTemplateInput {
  const changes: UpdateEmailTemplateInput = {};
  if (values.name !== template.name) changes.name = values.name;
  if (values.subject !== template.subject) changes.subject = values.subject;
  if (values.body !== template.body) changes.body = values.body;
  if (values.shared !== template.shared) changes.shared = values.shared;
  return changes;
}

/** A field Meridian cannot fill is said at its box before anything is sent, as the server would say it. */
function fieldProblems(values: Values): FormErrors {
  const errors: FormErrors = {};
  const subject = unknownFieldProblem(values.subject);
  if (subject) errors.subject = subject;
  const body = unknownFieldProblem(values.body);
  if (body) errors.body = body;
  return errors;
}

/**
 * A template's name, subject and message (with `{{field}}` placeholders, offered by "Insert field" at the
 * cursor) and whether everyone is offered it. Given a `template` it edits it (PATCH of what changed, with
 * If-Match); otherwise it creates one, from `initial` when given (an e-mail being written). Field errors,
 * the browser's or the server's, land at their boxes.
 */
export function EmailTemplateForm({
  template,
  initial,
  onCancel,
  onSaved,
  onReload,
  cancelLabel = 'Cancel',
}: {
  template?: EmailTemplate;
  initial?: { subject: string; body: string };
  onCancel: () => void;
  onSaved: (template: EmailTemplate) => void;
  /** After a 412: load the template as it is now. */
  onReload?: () => void;
  cancelLabel?: string;
}) {
  const queryClient = useQueryClient();
  const editing = template !== undefined;
  const contract = editing
    ? zodValidate(updateEmailTemplateSchema, (values: Values) => changesOf(template, values))
    : zodValidate(createEmailTemplateSchema, (values: Values) => values);
  const form = useForm<Values>({
    initialValues: {
      name: template?.name ?? '',
      subject: template?.subject ?? initial?.subject ?? '',
      body: template?.body ?? initial?.body ?? '',
      shared: template?.shared ?? false,
    },
    validate: (values) => ({
      ...contract(values),
      // An edit's contract sees only the changes: a field emptied is still required.
      ...(values.name.trim() === '' ? { name: 'Required' } : {}),
      ...(values.subject.trim() === '' ? { subject: 'Required' } : {}),
      ...(values.body.trim() === '' ? { body: 'Required' } : {}),
      ...fieldProblems(values),
    }),
  });
  const save = useMutation({
    mutationFn: async (values: Values): Promise<EmailTemplate> => {
      if (!template) return api.post<EmailTemplate>('/email-templates', values);
      const changes = changesOf(template, values);
      if (Object.keys(changes).length === 0) return template;
      return api.patch<EmailTemplate>(`/email-templates/${template.id}`, changes, { headers: ifMatch(template) });
    },
    onSuccess: (saved) => {
      void refreshTemplates(queryClient);
      onSaved(saved);
    },
    onError: (error) => reportSaveError(form, error, onReload ? { onReload } : {}),
  });

  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [target, setTarget] = useState<Target>('body');
  const insertField = (field: string) => {
    const element = target === 'subject' ? subjectRef.current : bodyRef.current;
    const { text, cursor } = insertAt(
      form.getValues()[target],
      placeholder(field),
      element?.selectionStart,
      element?.selectionEnd,
    );
    form.setFieldValue(target, text);
    form.clearFieldError(target);
    // Back where the writer was, just after the field, once the new text is in the box.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(cursor, cursor);
    });
  };
  const focusProps = (path: Target) => {
    const props = form.getInputProps(path);
    return {
      ...props,
      onFocus: (event: React.FocusEvent) => {
        setTarget(path);
        props.onFocus?.(event);
      },
    };
  };

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          description="How you find it when writing an e-mail"
          placeholder="Price list"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <Text size="sm" c="dimmed" style={{ flex: '1 1 220px' }}>
            {initial
              ? "Put fields in place of this customer's details, so the template fits every e-mail."
              : 'Fields in double braces are filled from the record the e-mail is written on.'}
          </Text>
          <Menu position="bottom-end" withinPortal returnFocus={false} width={260}>
            <Menu.Target>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconBraces size={14} aria-hidden />}
                rightSection={<IconChevronDown size={14} aria-hidden />}
              >
                Insert field
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <ScrollArea.Autosize mah={320} type="auto">
                <Menu.Label>Into {targetNames[target]}, at the cursor</Menu.Label>
                {fieldGroups().map((group) => (
                  <div key={group.label}>
                    <Menu.Divider />
                    <Menu.Label>{group.label}</Menu.Label>
                    {group.fields.map(({ field, label }) => (
                      <Menu.Item key={field} onClick={() => insertField(field)}>
                        {label}
                      </Menu.Item>
                    ))}
                  </div>
                ))}
              </ScrollArea.Autosize>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <TextInput
          label="Subject"
          placeholder="Prices for {{account.name}}"
          required
          ref={subjectRef}
          {...focusProps('subject')}
        />
        <Textarea
          label="Message"
          placeholder={'Dear {{contact.firstName}},\n\n…'}
          required
          autosize
          minRows={6}
          maxRows={14}
          ref={bodyRef}
          {...focusProps('body')}
        />
        <Switch
          label="Shared with everyone"
          description="Everyone can use it. Only its owner, their managers and admins can change it."
          {...form.getInputProps('shared', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {editing ? 'Save template' : 'Create template'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
