import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createNoteSchema, type Note } from '../../../shared/contracts/notes.js';
import { api } from '../../api/client.js';
import { focusFirstError, zodValidate } from '../../lib/forms.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';

type Values = { body: string; pinned: boolean };

const toPayload = (values: Values, links: Links) => ({ body: values.body, pinned: values.pinned, ...links });

/** A note on a record, in Markdown, kept as written (the server renders and sanitises it). */
export function NoteForm({
  opened,
  onClose,
  links,
  about,
}: {
  opened: boolean;
  onClose: () => void;
  links: Links;
  about?: string;
}) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: { body: '', pinned: false },
    validate: zodValidate(createNoteSchema, (values: Values) => toPayload(values, links)),
  });
  const save = useMutation({
    mutationFn: (values: Values) => api.post<Note>('/notes', toPayload(values, links)),
    onSuccess: () => {
      invalidateLists(queryClient, 'notes');
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notifySaved('Note added');
      onClose();
    },
    onError: (error) => {
      reportSaveError(form, error);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={about ? `Add a note · ${about}` : 'Add a note'}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          <Textarea
            label="Note"
            required
            data-autofocus
            autosize
            minRows={4}
            placeholder="What was agreed, who to talk to, what to watch out for"
            {...form.getInputProps('body')}
          />
          <Text size="xs" c="dimmed">
            Markdown works: **bold**, lists, links.
          </Text>
          <Checkbox label="Pin to the top of the record" {...form.getInputProps('pinned', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Add note
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
