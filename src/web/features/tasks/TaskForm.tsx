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
import { blankToNull, type FormErrors, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved, refreshAfterWrite, reportSaveError } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';
import { patchTask } from './taskMutations.js';

/** What the form's helpers use of it (`@mantine/form`'s own type name does not resolve under TypeScript 7). */
type TaskFormApi = Pick<ReturnType<typeof useForm<Values>>, 'getValues' | 'setFieldValue' | 'getInputProps'>;

type Values = {
  title: string;
  type: string;
  priority: string;
  dueAt: string;
  /** Local `YYYY-MM-DDTHH:mm`, '' for no reminder. */
  reminderAt: string;
  assigneeId: string | null;
  description: string;
  status: string;
};

/**
 * What an edit sends: the fields and the status, and the reminder only when it was changed. The box holds
 * minutes, so an untouched reminder set through the API with seconds would otherwise move and fire again
 * (the server re-arms a reminder whose time changes).
 */
function toChanges(task: Task, values: Values): UpdateTaskInput {
  const { title, type, priority, description, dueAt, reminderAt, assigneeId } = toPayload(values, {});
  return {
    dueAt,
    ...(values.reminderAt !== localInput(task.reminderAt) ? { reminderAt } : {}),
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
    reminderAt: values.reminderAt ? dayjs(values.reminderAt).toISOString() : null,
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
          reminderAt: localInput(task.reminderAt),
          assigneeId: task.assigneeId,
          description: task.description ?? '',
          status: task.status,
        }
      : {
          title: '',
          type: 'follow_up',
          priority: 'medium',
          dueAt: dayjs().add(1, 'day').hour(9).minute(0).format('YYYY-MM-DDTHH:mm'),
          reminderAt: '',
          assigneeId: null,
          description: '',
          status: 'open',
        },
    validate: withReminderRule(
      task
        ? zodValidate(updateTaskSchema, (values: Values) => toChanges(task, values))
        : zodValidate(createTaskSchema, (values: Values) => toPayload(values, links)),
    ),
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
            <DateTimeField
              label="Due"
              clearable
              {...form.getInputProps('dueAt')}
              onChange={(dueAt) => moveDue(form, dueAt)}
            />
            <ReminderField form={form} />
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

/** The server refuses a reminder after the due time (`400` on reminderAt): said at the field before sending. */
function withReminderRule(validate: (values: Values) => FormErrors) {
  return (values: Values): FormErrors => {
    const errors = validate(values);
    if (values.reminderAt && values.dueAt && dayjs(values.reminderAt).isAfter(dayjs(values.dueAt)))
      errors.reminderAt ??= 'Must not be after the due time';
    return errors;
  };
}

/**
 * A new due time moves the reminder by as much, in the box where it can be seen: a reminder set "1 hour
 * before" stays an hour before, and one left after the new due time would be refused.
 */
function moveDue(form: TaskFormApi, dueAt: string) {
  const { dueAt: before, reminderAt } = form.getValues();
  if (reminderAt && before && dueAt && dayjs(before).isValid() && dayjs(dueAt).isValid()) {
    const shifted = dayjs(reminderAt).add(dayjs(dueAt).diff(dayjs(before)), 'millisecond');
    form.setFieldValue('reminderAt', shifted.format('YYYY-MM-DDTHH:mm'));
  }
  form.setFieldValue('dueAt', dueAt);
}

/** The quick choices of a reminder, before the due time (Google Calendar's and Todoist's usual ones). */
const reminderChoices = [
  { label: 'At due time', minutes: 0 },
  { label: '1 hour before', minutes: 60 },
  { label: '1 day before', minutes: 24 * 60 },
] as const;

/** When to remind the assignee: typed or picked, or one click relative to the due time; the box clears it. */
function ReminderField({ form }: { form: TaskFormApi }) {
  const due = form.getValues().dueAt;
  const dueKnown = due !== '' && dayjs(due).isValid();
  return (
    <Stack gap={4}>
      <DateTimeField
        label="Reminder"
        placeholder="No reminder"
        clearable
        description={dueKnown ? undefined : 'Set a due time for the quick choices'}
        {...form.getInputProps('reminderAt')}
      />
      {dueKnown && (
        <Group gap={4} role="group" aria-label="Remind">
          {reminderChoices.map((choice) => (
            <Button
              key={choice.label}
              size="compact-xs"
              variant="light"
              color="gray"
              onClick={() =>
                form.setFieldValue(
                  'reminderAt',
                  dayjs(due).subtract(choice.minutes, 'minute').format('YYYY-MM-DDTHH:mm'),
                )
              }
            >
              {choice.label}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
