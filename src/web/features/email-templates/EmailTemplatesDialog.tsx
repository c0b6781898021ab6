import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch, IconTrash, IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EmailTemplate } from '../../../shared/contracts/email-templates.js';
import { api } from '../../api/client.js';
import { useMayChange, useMe, useUserNames } from '../../api/hooks.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { QueryError } from '../../components/QueryError.js';
import { dateTime, relative } from '../../lib/format.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';
import { EmailTemplateForm } from './EmailTemplateForm.js';
import { ifMatch, refreshTemplates, useEmailTemplates } from './queries.js';

type View =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'edit'; template: EmailTemplate }
  | { kind: 'view'; template: EmailTemplate };

/** Past this many templates the list offers a search box. */
const SEARCH_FROM = 6;

/**
 * The templates the user sees (their own, their team's and the shared ones): each with whose it is and
 * when it last changed; a new one, an edit (If-Match) or a delete (asked first) for whoever may change it,
 * and a read-only look at the others. Opened from the user menu.
 */
export function EmailTemplatesDialog({ onClose }: { onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [view, setView] = useState<View>({ kind: 'list' });
  const toList = () => setView({ kind: 'list' });
  const title =
    view.kind === 'new'
      ? 'New e-mail template'
      : view.kind === 'edit' || view.kind === 'view'
        ? `E-mail template · ${view.template.name}`
        : 'E-mail templates';
  return (
    <Modal opened onClose={onClose} title={title} size="lg" fullScreen={isPhone ?? false}>
      {view.kind === 'new' ? (
        <EmailTemplateForm
          onCancel={toList}
          onSaved={(saved) => {
            notifySaved(`Template “${saved.name}” created`);
            toList();
          }}
        />
      ) : view.kind === 'edit' ? (
        <EmailTemplateForm
          // A reload after a 412 starts the form again from the template as it is now.
          key={`${view.template.id}:${view.template.version}`}
          template={view.template}
          onCancel={toList}
          onSaved={(saved) => {
            notifySaved(`Template “${saved.name}” saved`);
            toList();
          }}
          onReload={() =>
            api.get<EmailTemplate>(`/email-templates/${view.template.id}`).then(
              (fresh) => setView({ kind: 'edit', template: fresh }),
              (error: unknown) => notifyFailure(error, { title: 'The template could not be loaded' }),
            )
          }
        />
      ) : view.kind === 'view' ? (
        <TemplatePreview template={view.template} onBack={toList} />
      ) : (
        <TemplateList
          onOpen={(template, mayChange) => setView({ kind: mayChange ? 'edit' : 'view', template })}
          onNew={() => setView({ kind: 'new' })}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function TemplateList({
  onOpen,
  onNew,
  onClose,
}: {
  onOpen: (template: EmailTemplate, mayChange: boolean) => void;
  onNew: () => void;
  onClose: () => void;
}) {
  const templates = useEmailTemplates();
  const mayChange = useMayChange();
  const [search, setSearch] = useState('');
  const all = templates.data?.items ?? [];
  const wanted = search.trim().toLowerCase();
  const shown = wanted
    ? all.filter((template) => `${template.name} ${template.subject}`.toLowerCase().includes(wanted))
    : all;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Start an e-mail from a template on any contact, account, lead or deal page: the fields in it are filled from
        that record, and you can change anything before sending.
      </Text>
      {all.length > SEARCH_FROM && (
        <TextInput
          aria-label="Search templates"
          placeholder="Search by name or subject"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      )}
      {templates.isPending ? (
        <Stack gap="xs" aria-hidden>
          <Skeleton height={58} />
          <Skeleton height={58} />
          <Skeleton height={58} />
        </Stack>
      ) : templates.isError ? (
        <QueryError error={templates.error} what="your e-mail templates" onRetry={() => templates.refetch()} />
      ) : all.length === 0 ? (
        <Paper withBorder p="md">
          <Text size="sm" fw={600}>
            No templates yet
          </Text>
          <Text size="sm" c="dimmed">
            Write the e-mails you send again and again once, a price list or a visit follow-up: the contact's name and
            the account fill themselves in. "Save as template" in a new e-mail makes one too.
          </Text>
        </Paper>
      ) : shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          No template's name or subject has “{search.trim()}”.{' '}
          <Anchor component="button" type="button" size="sm" underline="always" onClick={() => setSearch('')}>
            Show all
          </Anchor>
        </Text>
      ) : (
        <Stack gap="xs" role="list" aria-label="E-mail templates">
          {shown.map((template) => (
            <TemplateRow
              key={template.id}
              template={template}
              mayChange={mayChange(template.ownerId)}
              onOpen={() => onOpen(template, mayChange(template.ownerId))}
            />
          ))}
        </Stack>
      )}
      {templates.data?.capped && (
        <Text size="xs" c="dimmed">
          Only the first {all.length} templates are listed: search to find the others.
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onNew}>
          New template
        </Button>
      </Group>
    </Stack>
  );
}

/** "by you", "by Rita Rep": whose a template is. */
function useOwnerOf(): (template: EmailTemplate) => string {
  const me = useMe().data;
  const nameOf = useUserNames();
  return (template) =>
    template.ownerId === null
      ? 'by Meridian'
      : template.ownerId === me?.id
        ? 'by you'
        : `by ${nameOf(template.ownerId)}`;
}

function SharedBadge() {
  return (
    <Badge size="xs" variant="light" leftSection={<IconUsers size={10} aria-hidden />}>
      Shared
    </Badge>
  );
}

function TemplateRow({
  template,
  mayChange,
  onOpen,
}: {
  template: EmailTemplate;
  mayChange: boolean;
  onOpen: () => void;
}) {
  const queryClient = useQueryClient();
  const ownerOf = useOwnerOf();
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`/email-templates/${template.id}`, { headers: ifMatch(template) }),
    onSuccess: () => {
      void refreshTemplates(queryClient);
      notifySaved(`Template “${template.name}” deleted`);
      setDeleting(false);
    },
    onError: (error) => {
      setDeleting(false);
      notifyFailure(error, {
        title: 'The template was not deleted',
        onReload: () => void refreshTemplates(queryClient),
      });
    },
  });
  return (
    <Paper withBorder p="xs" role="listitem" data-testid="email-template">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={onOpen}>
              {template.name}
            </Anchor>
            {template.shared && <SharedBadge />}
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {template.subject}
          </Text>
          <Text size="xs" c="dimmed">
            {ownerOf(template)} · updated{' '}
            <span title={dateTime(template.updatedAt)}>{relative(template.updatedAt)}</span>
          </Text>
        </Stack>
        {mayChange && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Edit">
              <ActionIcon variant="subtle" aria-label={`Edit ${template.name}`} onClick={onOpen}>
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Delete">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Delete ${template.name}`}
                onClick={() => setDeleting(true)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <ConfirmDialog
        opened={deleting}
        title={`Delete “${template.name}”?`}
        confirmLabel="Delete template"
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      >
        {template.shared
          ? 'No one will be offered it any more. '
          : 'It will no longer be offered when you write an e-mail. '}
        E-mails already written from it stay as they were sent.
      </ConfirmDialog>
    </Paper>
  );
}

/** A template the user may use but not change (a teammate's, or one shared with everyone). */
function TemplatePreview({ template, onBack }: { template: EmailTemplate; onBack: () => void }) {
  const ownerOf = useOwnerOf();
  return (
    <Stack gap="sm">
      <Group gap="xs">
        {template.shared && <SharedBadge />}
        <Text size="sm" c="dimmed">
          {ownerOf(template)} · updated {relative(template.updatedAt)}
        </Text>
      </Group>
      <div>
        <Text size="sm" fw={500}>
          Subject
        </Text>
        <Text size="sm">{template.subject}</Text>
      </div>
      <div>
        <Text size="sm" fw={500}>
          Message
        </Text>
        <Paper withBorder p="sm" bg="gray.0">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {template.body}
          </Text>
        </Paper>
      </div>
      <Text size="sm" c="dimmed">
        Only its owner, their managers and admins can change it. To make it your own, use it in a new e-mail and choose
        "Save as template".
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          Back to templates
        </Button>
      </Group>
    </Stack>
  );
}
