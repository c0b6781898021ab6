import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  createTaskSchema,
  type Task,
  taskPriorities,
  taskStatuses,
  taskTypes,
  type UpdateTaskInput,
  updateTaskSchema,
} from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import { DateTimeField } from '../../components/DateFields.js';
import { UserPicker } from '../../components/Pickers.js';
import { dateTime, humanize, localInput } from '../../lib/format.js';
import { blankToNull, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved, refreshAfterWrite, reportSaveError } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';
import { patchTask, rescheduleChanges } from './taskMutations.js';

type Values = {
  title: string;
  type: string;
  priority: string;
  dueAt: string;
  assigneeId: string | null;
  description: string;
  status: string;
};

/** What an edit sends: the fields, the status, and the reminder moved with the due time. */
function toChanges(task: Task, values: Values): UpdateTaskInput {
  const { title, type, priority, description, dueAt, assigneeId } = toPayload(values, {});
  const due = dueAt && dueAt !== task.dueAt ? rescheduleChanges(task, dueAt) : { dueAt };
  return {
    ...due,
    title,
    description,
    type,
    priority,
    status: values.status,
    ...(assigneeId ? { assigneeId } : {}),
  } as UpdateTaskInput;
}

function toPayload(values: Values, links: Links) {
  return {
    ...blankToNull({
      type: values.type,
      priority: values.priority,
      description: values.description,
    }),
    // Required: an empty one is said to be too short, not "null".
    title: values.title,
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
  task,
}: {
  opened: boolean;
  onClose: () => void;
  /** Edit this task (PATCH with If-Match) instead of creating one. */
  task?: Task;
  links?: Links;
  about?: string;
}) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: task
      ? {
          title: task.title,
          type: task.type,
          priority: task.priority,
          dueAt: localInput(task.dueAt),
          assigneeId: task.assigneeId,
          description: task.description ?? '',
          status: task.status,
        }
      : {
          title: '',
          type: 'follow_up',
          priority: 'medium',
          dueAt: dayjs().add(1, 'day').hour(9).minute(0).format('YYYY-MM-DDTHH:mm'),
          assigneeId: null,
          description: '',
          status: 'open',
        },
    validate: task
      ? zodValidate(updateTaskSchema, (values: Values) => toChanges(task, values))
      : zodValidate(createTaskSchema, (values: Values) => toPayload(values, links)),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      task ? patchTask(task, toChanges(task, values)) : api.post<Task>('/tasks', toPayload(values, links)),
    onSuccess: (saved) => {
      refreshAfterWrite(queryClient, ['tasks'], saved.id);
      notifySaved(task ? 'Task saved' : 'Task created');
      onClose();
    },
    onError: (error) => {
      reportSaveError(form, error, { onReload: () => refreshAfterWrite(queryClient, ['tasks'], task?.id) });
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={task ? `Edit task · ${task.title}` : about ? `New task · ${about}` : 'New task'}
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
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
            <DateTimeField label="Due" clearable {...form.getInputProps('dueAt')} />
            <UserPicker label="Assignee" placeholder="Me" clearable={!task} {...form.getInputProps('assigneeId')} />
            {task && (
              <Select
                label="Status"
                data={taskStatuses.map((status) => ({ value: status, label: humanize(status) }))}
                allowDeselect={false}
                {...form.getInputProps('status')}
              />
            )}
          </SimpleGrid>
          {task?.completedAt && (
            <Text size="sm" c="dimmed">
              Completed {dateTime(task.completedAt)}
            </Text>
          )}
          {form.errors.reminderAt && <div role="alert">Reminder: {form.errors.reminderAt}</div>}
          <Textarea label="Details" autosize minRows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {task ? 'Save task' : 'Create task'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
