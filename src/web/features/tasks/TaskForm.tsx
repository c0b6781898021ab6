import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { createTaskSchema, type Task, taskPriorities, taskTypes } from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import { UserPicker } from '../../components/Pickers.js';
import { humanize } from '../../lib/format.js';
import { blankToNull, zodValidate } from '../../lib/forms.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';

type Values = {
  title: string;
  type: string;
  priority: string;
  dueAt: string;
  assigneeId: string | null;
  description: string;
};

function toPayload(values: Values, links: Links) {
  return {
    ...blankToNull({
      title: values.title,
      type: values.type,
      priority: values.priority,
      description: values.description,
    }),
    dueAt: values.dueAt ? dayjs(values.dueAt).toISOString() : null,
    assigneeId: values.assigneeId ?? undefined,
    ...links,
  };
}

export function TaskForm({
  opened,
  onClose,
  links = {},
  about,
}: {
  opened: boolean;
  onClose: () => void;
  links?: Links;
  about?: string;
}) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      title: '',
      type: 'follow_up',
      priority: 'medium',
      dueAt: dayjs().add(1, 'day').hour(9).minute(0).format('YYYY-MM-DDTHH:mm'),
      assigneeId: null,
      description: '',
    },
    validate: zodValidate(createTaskSchema, (values: Values) => toPayload(values, links)),
  });
  const save = useMutation({
    mutationFn: (values: Values) => api.post<Task>('/tasks', toPayload(values, links)),
    onSuccess: () => {
      invalidateLists(queryClient, 'tasks');
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notifySaved('Task created');
      onClose();
    },
    onError: (error) => {
      reportSaveError(form, error);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={about ? `New task · ${about}` : 'New task'}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Type"
              data={taskTypes.map((type) => ({ value: type, label: humanize(type) }))}
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
            <Select
              label="Priority"
              data={taskPriorities.map((priority) => ({ value: priority, label: humanize(priority) }))}
              allowDeselect={false}
              {...form.getInputProps('priority')}
            />
            <TextInput label="Due" type="datetime-local" {...form.getInputProps('dueAt')} />
            <UserPicker label="Assignee" placeholder="Me" clearable {...form.getInputProps('assigneeId')} />
          </SimpleGrid>
          <Textarea label="Details" autosize minRows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Create task
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
