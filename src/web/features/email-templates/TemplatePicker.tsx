import { Alert, Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle, IconUsers } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import type { RenderEmailTemplateInput, RenderedEmail } from '../../../shared/contracts/email-templates.js';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../api/hooks.js';
import { sentence } from '../../lib/forms.js';
import { notifySaved } from '../../lib/mutations.js';
import { EmailTemplateForm } from './EmailTemplateForm.js';
import { groupTemplates, missingNotice, wouldReplaceWriting } from './fields.js';
import { useEmailTemplates, useRenderTemplate } from './queries.js';

type Writing = { subject: string; body: string };

/** Why a template could not be filled, and what to do instead. */
function renderProblem(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) {
    return 'This template was deleted or is no longer shared with you. Pick another, or write the e-mail yourself.';
  }
  const detail = error instanceof ApiError && error.errors[0] ? error.errors[0].message : undefined;
  const reason = error instanceof Error ? sentence(detail ?? error.message) : 'Something went wrong.';
  return `The template could not be filled: ${reason} Pick it again, or write the e-mail yourself.`;
}

/**
 * "Template" at the top of a new e-mail: the templates the writer sees (their own, the shared ones, their
 * team's), searchable. Choosing one fills the subject and message from the records the e-mail is about
 * (`POST /email-templates/{id}/render`); what the writer typed is replaced only once they say so.
 * `action` sits beside the picker ("Save as template").
 */
export function TemplatePicker({
  renderInput,
  current,
  onFill,
  action,
}: {
  /** The records to fill it from, as the e-mail stands when a template is chosen. */
  renderInput: () => RenderEmailTemplateInput;
  current: () => Writing;
  onFill: (rendered: RenderedEmail) => void;
  action?: ReactNode;
}) {
  const me = useMe().data;
  const templates = useEmailTemplates();
  const render = useRenderTemplate();
  const [chosen, setChosen] = useState<string | null>(null);
  /** A template chosen over text the writer typed, waiting for "Replace" or "Keep mine". */
  const [asking, setAsking] = useState<string | null>(null);
  /** What the last template put in the subject and message: changing it for another loses nothing typed. */
  const [filled, setFilled] = useState<Writing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const items = templates.data?.items ?? [];
  const shared = new Set(items.filter((template) => template.shared).map((template) => template.id));
  const nameOf = (id: string) => items.find((template) => template.id === id)?.name ?? 'The template';

  const fill = (id: string) => {
    setAsking(null);
    setProblem(null);
    setChosen(id);
    render.mutate(
      { id, input: renderInput() },
      {
        onSuccess: (rendered) => {
          setFilled({ subject: rendered.subject, body: rendered.body });
          onFill(rendered);
        },
        onError: (error) => {
          setChosen(null);
          setProblem(renderProblem(error));
        },
      },
    );
  };
  const choose = (id: string | null) => {
    if (!id) return;
    if (wouldReplaceWriting(current(), filled)) {
      setProblem(null);
      setAsking(id);
    } else {
      fill(id);
    }
  };

  const none = templates.isSuccess && items.length === 0;
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label="Template"
          style={{ flex: '1 1 200px' }}
          searchable
          data={groupTemplates(items, me?.id)}
          value={asking ?? chosen}
          onChange={choose}
          allowDeselect={false}
          disabled={templates.isPending || none}
          placeholder={
            templates.isPending
              ? 'Loading your templates…'
              : none
                ? 'No templates yet: use "Save as template" to make one'
                : 'Start from a template (optional)'
          }
          nothingFoundMessage="No template has that name"
          error={
            problem ??
            (templates.isError ? 'Your templates could not be loaded: write the e-mail yourself, or try again.' : null)
          }
          renderOption={({ option }) => (
            <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
              <Text size="sm">{option.label}</Text>
              {shared.has(option.value) && (
                <Badge size="xs" variant="light" leftSection={<IconUsers size={10} aria-hidden />}>
                  Shared
                </Badge>
              )}
            </Group>
          )}
        />
        {templates.isError && (
          <Button variant="default" onClick={() => templates.refetch()}>
            Try again
          </Button>
        )}
        {action}
      </Group>
      {asking && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} title="Replace what you wrote?">
          <Text size="sm">“{nameOf(asking)}” puts its own subject and message in place of yours.</Text>
          <Group gap="xs" mt="xs">
            <Button size="compact-sm" onClick={() => fill(asking)}>
              Replace
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => setAsking(null)}>
              Keep mine
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

/** Under the message once a template was used: the fields no record filled, for the writer to add. */
export function MissingFields({ missing }: { missing: readonly string[] }) {
  const notice = missingNotice(missing);
  return (
    <div role="status">
      {notice && (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconInfoCircle size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" c="dimmed">
            {notice}
          </Text>
        </Group>
      )}
    </div>
  );
}

/**
 * "Save as template" of an e-mail being written: a template from its subject and message (which may be
 * changed here, and fields inserted), named and shared or not.
 */
export function SaveAsTemplateDialog({ writing, onClose }: { writing: Writing; onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened onClose={onClose} title="Save as template" size="lg" fullScreen={isPhone ?? false}>
      <EmailTemplateForm
        initial={writing}
        onCancel={onClose}
        onSaved={(saved) => {
          notifySaved(`Template “${saved.name}” saved: choose it under Template in any new e-mail`);
          onClose();
        }}
      />
    </Modal>
  );
}
