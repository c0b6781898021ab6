import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  createTaskSchema,
  pendingTaskStatuses,
  type Recurrence,
  repeatUnits,
  type Task,
  taskPriorities,
  taskStatuses,
  taskTypes,
  type UpdateTaskInput,
  updateTaskSchema,
} from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import { DateField, DateTimeField } from '../../components/DateFields.js';
import { UserPicker } from '../../components/Pickers.js';
import { dateTime, humanize, localInput } from '../../lib/format.js';
import { blankToNull, type FormErrors, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved, refreshAfterWrite, reportSaveError } from '../../lib/mutations.js';
import type { Links } from '../activities/ActivityForm.js';
import {
  CUSTOM_REPEAT,
  NO_REPEAT,
  presetRule,
  recurrenceErrors,
  repeatChoiceOf,
  repeatChoices,
  unitName,
  withRepeatWords,
} from './recurrence.js';
import { completionNotice, patchTask } from './taskMutations.js';

/** What the form's helpers use of it (`@mantine/form`'s own type name does not resolve under TypeScript 7). */
type TaskFormApi = Pick<
  ReturnType<typeof useForm<Values>>,
  'getValues' | 'setFieldValue' | 'getInputProps' | 'clearFieldError' | 'errors'
>;

/**
 * The Repeat control and what it opens: a preset (or "Custom…" with `every` and `unit`), and the last day
 * it may be due (`until`, '' for never). Nested as `recurrence` so the API's `recurrence`,
 * `recurrence.every` and `recurrence.until` errors land on these fields.
 */
type RepeatValues = { choice: string; every: number | string; unit: string; until: string };

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
  recurrence: RepeatValues;
};

function repeatValuesOf(recurrence: Recurrence | null): RepeatValues {
  return {
    choice: repeatChoiceOf(recurrence),
    every: recurrence?.every ?? 1,
    unit: recurrence?.unit ?? 'week',
    until: recurrence?.until ?? '',
  };
}

/** The rule the form sends: null for "Does not repeat"; an empty count is sent as missing, so it is "Required". */
function recurrenceOf(values: RepeatValues): Recurrence | null {
  if (values.choice === NO_REPEAT) return null;
  const rule = presetRule(values.choice) ?? {
    every: (values.every === '' ? null : Number(values.every)) as number,
    unit: values.unit as Recurrence['unit'],
  };
  return { ...rule, until: values.until || null };
}

const sameRecurrence = (a: Recurrence | null, b: Recurrence | null) =>
  a === b || (!!a && !!b && a.every === b.every && a.unit === b.unit && (a.until ?? null) === (b.until ?? null));

/**
 * What an edit sends: the fields and the status, and the reminder only when it was changed. The box holds
 * minutes, so an untouched reminder set through the API with seconds would otherwise move and fire again
 * (the server re-arms a reminder whose time changes).
 */
function toChanges(task: Task, values: Values): UpdateTaskInput {
  const { title, type, priority, description, dueAt, reminderAt, assigneeId, recurrence } = toPayload(values, {});
  return {
    dueAt,
    ...(values.reminderAt !== localInput(task.reminderAt) ? { reminderAt } : {}),
    // Sent only when changed: "Does not repeat" on a repeating task is `null`, which ends its series.
    ...(sameRecurrence(recurrence, task.recurrence) ? {} : { recurrence }),
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
    recurrence: recurrenceOf(values.recurrence),
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
          recurrence: repeatValuesOf(task.recurrence),
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
          recurrence: repeatValuesOf(null),
        },
    validate: withDueRules(
      task
        ? zodValidate(updateTaskSchema, (values: Values) => toChanges(task, values))
        : zodValidate(createTaskSchema, (values: Values) => toPayload(values, links)),
    ),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      task ? patchTask(task, toChanges(task, values)) : api.post<Task>('/tasks', toPayload(values, links)),
    onSuccess: async (saved) => {
      refreshAfterWrite(queryClient, ['tasks'], saved.id);
      onClose();
      // Completed here (the Status box), a repeating task says when its next one is due, as a tick does.
      const completed =
        task && (pendingTaskStatuses as readonly string[]).includes(task.status) && saved.status === 'completed';
      notifySaved(completed ? await completionNotice(saved, 'Task saved') : task ? 'Task saved' : 'Task created');
    },
    onError: (error) => {
      // The server's words on a repetition ("needs dueAt") are said as the form's own check says them.
      const fields = { setErrors: (errors: FormErrors) => form.setErrors(withRepeatWords(errors)) };
      reportSaveError({ ...fields, getValues: form.getValues }, error, {
        onReload: () => refreshAfterWrite(queryClient, ['tasks'], task?.id),
      });
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
            <RepeatFields form={form} />
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

/**
 * The server's rules about the due time, said at the field before sending: a reminder after it (`400` on
 * reminderAt), a repetition without one or ending before it (`recurrence`, `recurrence.until`).
 */
function withDueRules(validate: (values: Values) => FormErrors) {
  return (values: Values): FormErrors => {
    const errors = validate(values);
    if (values.reminderAt && values.dueAt && dayjs(values.reminderAt).isAfter(dayjs(values.dueAt)))
      errors.reminderAt ??= 'Must not be after the due time';
    const { choice, until } = values.recurrence;
    for (const [path, message] of Object.entries(recurrenceErrors(choice !== NO_REPEAT, values.dueAt, until)))
      errors[path] ??= message;
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
  // A repetition refused for want of a due time has one now.
  if (dueAt) form.clearFieldError('recurrence');
}

/** A choice of the Repeat control: a preset also fills the custom count and unit, so "Custom…" starts there. */
function chooseRepeat(form: TaskFormApi, choice: string) {
  const rule = presetRule(choice);
  form.setFieldValue('recurrence.choice', choice);
  if (rule) {
    form.setFieldValue('recurrence.every', rule.every);
    form.setFieldValue('recurrence.unit', rule.unit);
  }
  form.clearFieldError('recurrence');
}

/**
 * Repeat (next to Due): "Does not repeat", the usual rules, or "Custom…" (a count and a unit); while it
 * repeats, the day it ends ("Never" when empty). A repetition needs a due time to step from, so the
 * control waits for one, and says so.
 */
function RepeatFields({ form }: { form: TaskFormApi }) {
  const { dueAt, recurrence } = form.getValues();
  const dueKnown = dueAt !== '' && dayjs(dueAt).isValid();
  const dueDay = dueKnown ? dayjs(dueAt).format('YYYY-MM-DD') : null;
  const repeating = recurrence.choice !== NO_REPEAT;
  const count = Number(recurrence.every) || 1;
  return (
    <>
      <Select
        label="Repeat"
        data={repeatChoices}
        allowDeselect={false}
        // A rule already chosen stays changeable when the due time is cleared: "Does not repeat" is the way out.
        disabled={!dueKnown && !repeating}
        description={dueKnown ? undefined : 'Set a due date to repeat'}
        value={recurrence.choice}
        onChange={(choice) => choice && chooseRepeat(form, choice)}
        error={form.errors.recurrence}
      />
      {repeating && recurrence.choice === CUSTOM_REPEAT && (
        <Group grow gap="xs" align="flex-start" wrap="nowrap">
          <NumberInput
            label="Every"
            min={1}
            max={99}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            {...form.getInputProps('recurrence.every')}
          />
          <Select
            label="Unit"
            data={repeatUnits.map((unit) => ({ value: unit, label: unitName(unit, count) }))}
            allowDeselect={false}
            {...form.getInputProps('recurrence.unit')}
          />
        </Group>
      )}
      {repeating && (
        <DateField
          label="Ends"
          placeholder="Never"
          clearable
          description="The last day it may be due"
          // Days before the first due date are greyed in the calendar; one typed is refused in words.
          excludeDate={(day) => dueDay !== null && dayjs(day).format('YYYY-MM-DD') < dueDay}
          {...form.getInputProps('recurrence.until')}
        />
      )}
    </>
  );
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
