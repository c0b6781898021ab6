import { Alert, Button, Group, List, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  createSavedViewSchema,
  type SavedView,
  updateSavedViewSchema,
  type ViewResource,
} from '../../shared/contracts/saved-views.js';
import { ApiError, api } from '../api/client.js';
import { focusFirstError, zodValidate } from '../lib/forms.js';
import { notifyFailure, notifySaved, reportSaveError } from '../lib/mutations.js';
import { queryProblems, viewSummary } from '../lib/saved-views.js';
import { reloadViews, useCreateView, useUpdateView } from './SavedViewsQueries.js';

/** The name is someone's other view of this list (409): said at the name, in words. */
function nameTaken(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const existingId = error.extensions.existingId;
  return typeof existingId === 'string' ? existingId : undefined;
}

type SaveValues = { name: string; shared: boolean };

/**
 * "Save view…": a name and "Share with everyone" for the list's filters, search, sort and columns as the
 * URL has them now. A name the user already gave to another view of this list is said at the name, with
 * the choice of replacing that view; a filter the list's API does not take is said above the buttons.
 */
export function SaveViewDialog({
  resource,
  noun,
  query,
  columns,
  onClose,
  onSaved,
}: {
  resource: ViewResource;
  noun: string;
  query: string;
  columns: string[] | null;
  onClose: () => void;
  onSaved: (view: SavedView) => void;
}) {
  const queryClient = useQueryClient();
  const create = useCreateView();
  const update = useUpdateView();
  const [problems, setProblems] = useState<string[]>([]);
  /** The user's view that already has the name asked for: it can be replaced. */
  const [taken, setTaken] = useState<{ id: string; name: string } | null>(null);
  const payload = (values: SaveValues) => ({ ...values, resource, query, columns });
  const form = useForm<SaveValues>({
    initialValues: { name: '', shared: false },
    validate: zodValidate(createSavedViewSchema, payload),
    onValuesChange: () => setTaken(null),
  });

  const refused = (error: unknown) => {
    const existingId = nameTaken(error);
    const name = form.getValues().name.trim();
    if (existingId) {
      form.setFieldError('name', `You already have a view of the ${noun} list called “${name}”.`);
      setTaken({ id: existingId, name });
      return;
    }
    const aboutQuery = error instanceof ApiError ? queryProblems(error.errors) : [];
    setProblems(aboutQuery);
    if (aboutQuery.length > 0) {
      const nameError = error instanceof ApiError ? error.errors.find((item) => item.path === 'name') : undefined;
      if (nameError) form.setFieldError('name', nameError.message);
      return;
    }
    reportSaveError(form, error, { title: 'The view was not saved' });
  };

  const save = (values: SaveValues) => {
    setProblems([]);
    create.mutate(payload(values), {
      onSuccess: (view) => {
        notifySaved(`View “${view.name}” saved.`);
        onSaved(view);
      },
      onError: refused,
    });
  };

  // The user's other view of that name takes these filters and columns (and this sharing) instead.
  const replace = async () => {
    if (!taken) return;
    try {
      const existing = await api.get<SavedView>(`/views/${taken.id}`);
      update.mutate(
        { view: existing, changes: { query, columns, shared: form.getValues().shared } },
        {
          onSuccess: (view) => {
            notifySaved(`View “${view.name}” replaced.`);
            onSaved(view);
          },
          onError: (error) => {
            if (error instanceof ApiError && error.status === 412) void reloadViews(queryClient);
            refused(error);
          },
        },
      );
    } catch (error) {
      notifyFailure(error, { title: `“${taken.name}” was not replaced` });
    }
  };

  return (
    <Modal opened onClose={onClose} title="Save view">
      <form onSubmit={form.onSubmit(save, focusFirstError)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {viewSummary(query, columns)}
          </Text>
          <TextInput
            label="Name"
            placeholder="My dealers in the north"
            required
            data-autofocus
            maxLength={120}
            {...form.getInputProps('name')}
          />
          {taken && (
            <Group gap="xs">
              <Button variant="light" size="xs" loading={update.isPending} onClick={replace}>
                Replace “{taken.name}”
              </Button>
              <Text size="xs" c="dimmed">
                or choose another name
              </Text>
            </Group>
          )}
          <Switch
            label="Share with everyone"
            description="Everyone finds it under Views. Only you, your managers and admins can change it."
            {...form.getInputProps('shared', { type: 'checkbox' })}
          />
          {problems.length > 0 && (
            <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} title="This list cannot be saved">
              <Text size="sm">Remove these filters and save again:</Text>
              <List size="sm">
                {problems.map((problem) => (
                  <List.Item key={problem}>{problem}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Renames a view (`PATCH name`, If-Match); a name the owner already uses for this list is said at the name. */
export function RenameViewDialog({ view, onClose }: { view: SavedView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const update = useUpdateView();
  const form = useForm({
    initialValues: { name: view.name },
    validate: zodValidate(updateSavedViewSchema, (values: { name: string }) => values),
  });
  const save = ({ name }: { name: string }) => {
    if (name.trim() === view.name) return onClose();
    update.mutate(
      { view, changes: { name } },
      {
        onSuccess: (saved) => {
          notifySaved(`View renamed “${saved.name}”.`);
          onClose();
        },
        onError: (error) => {
          if (nameTaken(error)) {
            form.setFieldError('name', `There is already a view of this list called “${name.trim()}”.`);
            return;
          }
          const stale = error instanceof ApiError && (error.status === 412 || error.status === 403);
          reportSaveError(form, error, {
            title: `“${view.name}” was not renamed`,
            onReload: () => reloadViews(queryClient),
          });
          if (stale) onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Rename “${view.name}”`}>
      <form onSubmit={form.onSubmit(save, focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput label="Name" required data-autofocus maxLength={120} {...form.getInputProps('name')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
