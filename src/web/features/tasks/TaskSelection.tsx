import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCalendarTime, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import type { BulkResult } from '../../../shared/contracts/bulk.js';
import type { Task } from '../../../shared/contracts/tasks.js';
import { BULK_BAR_HEIGHT, BulkBar } from '../../components/BulkActions.js';
import { DateField } from '../../components/DateFields.js';
import {
  bulkNotice,
  bulkUpdate,
  bulkUpdateGroups,
  counted,
  groupByChanges,
  type Noun,
  splitOutcomes,
} from '../../lib/bulk.js';
import { count } from '../../lib/format.js';
import { notifyFailure, notifySaved, notifyUndoable, refreshAfterWrite } from '../../lib/mutations.js';
import { dueDay } from './recurrence.js';
import { isPending, leftAsTheyAre, rescheduleToDay, seriesAfterCompleting } from './task-selection.js';

const noun: Noun = { one: 'task', many: 'tasks' };

/** The attribute of the select-all checkbox, where the focus goes back once the selection is cleared. */
const SELECT_ALL = 'data-task-select-all';

/**
 * The tasks page's selection: of the tasks shown (`shown`, in the page's order), started afresh when the
 * list asked for changes (`listKey`: whose, status, filters). Escape anywhere in the list clears it.
 */
export function useTaskSelection(shown: readonly Task[], listKey: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [selectionKey, setSelectionKey] = useState(listKey);
  if (selectionKey !== listKey) {
    setSelectionKey(listKey);
    setSelected(new Set());
  }
  const ref = useRef<HTMLDivElement>(null);
  // Only tasks still shown count: one completed, or given to someone the list leaves out, has gone.
  const tasks = shown.filter((task) => selected.has(task.id));
  const select = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  /** The selection after an action (what was not changed) or Clear; once empty, the focus goes back to the list. */
  const keep = (ids: readonly string[]) => {
    setSelected(new Set(ids));
    if (ids.length === 0)
      setTimeout(() => ref.current?.querySelector<HTMLInputElement>(`input[${SELECT_ALL}]`)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys from a row's menu or a dialog reach here through React's tree: only the list's own.
    if (event.key !== 'Escape' || event.defaultPrevented || tasks.length === 0) return;
    if (!event.currentTarget.contains(event.target as Node)) return;
    event.preventDefault();
    keep([]);
  };
  return {
    shown,
    tasks,
    isSelected: (id: string) => selected.has(id),
    select,
    keep,
    /** On the element around the toolbar and the list. */
    containerProps: { ref, onKeyDown, 'data-selecting': tasks.length > 0 ? 'true' : undefined },
  };
}

export type TaskSelection = ReturnType<typeof useTaskSelection>;

/**
 * The row above the list: a checkbox for every task shown and how many there are; while any is selected,
 * the bar (components/BulkActions) in its place, as tall, with Assign to…, Reschedule…, Mark complete and
 * Delete. Reschedule… and Mark complete act on the selected tasks still to do; completed or cancelled ones
 * are left as they are, and stay selected with the refused ones.
 */
export function TaskToolbar({
  selection,
  label,
  compact,
}: {
  selection: TaskSelection;
  /** "12 open tasks": what the row says while nothing is selected. */
  label: string;
  compact: boolean;
}) {
  const { shown, tasks, select, keep } = selection;
  const queryClient = useQueryClient();
  const [rescheduling, setRescheduling] = useState(false);
  const pending = tasks.filter(isPending);
  const others = tasks.filter((task) => !isPending(task)).map((task) => task.id);

  /** Each changed task as the server answered it, then the lists, timelines and figures. */
  const store = (result: BulkResult<Task>) => {
    for (const outcome of result.results) {
      if (outcome.record) queryClient.setQueryData(['tasks', 'one', outcome.id], outcome.record);
    }
    refreshAfterWrite(queryClient, ['tasks']);
  };

  const complete = useMutation({
    mutationFn: (input: { tasks: Task[]; others: string[] }) =>
      bulkUpdate<Task>(
        'tasks',
        input.tasks.map((task) => task.id),
        { status: 'completed' },
      ),
    onSuccess: (result, input) => {
      store(result);
      const { refused } = splitOutcomes(result);
      const done = result.results.flatMap((outcome) =>
        outcome.status < 400 && outcome.record ? [outcome.record] : [],
      );
      const skipped = leftAsTheyAre(input.others.length);
      const notice = bulkNotice(result, noun, 'completed', 'completed');
      if (done.length > 0) {
        const before = input.tasks.filter((task) => done.some((record) => record.id === task.id));
        const said = [`${counted(done.length, noun)} completed.`, seriesAfterCompleting(done)];
        if (!notice.failed) said.push(skipped);
        notifyUndoable(said.filter(Boolean).join(' '), () => reopen(before, done));
      }
      if (notice.failed)
        notifyFailure(new Error([notice.reason, skipped].filter(Boolean).join(' ')), { title: notice.title });
      keep([...refused, ...input.others]);
    },
    onError: (error) => notifyFailure(error, { title: 'The tasks were not completed' }),
  });

  /** Undo of Mark complete: each task back to the status it had; the next ones of a series stay. */
  const reopen = async (before: Task[], done: Task[]) => {
    try {
      const result = await bulkUpdateGroups<Task>(
        'tasks',
        groupByChanges(before, (task) => ({ status: task.status })),
      );
      store(result);
      const notice = bulkNotice(result, noun, 'reopened', 'reopened', false);
      const going = done.filter((task) => task.recurrence && task.nextTaskId).length;
      const series =
        going === 0
          ? ''
          : going === 1
            ? ' The next one of the repeating task stays on the list.'
            : ' The next ones of the repeating tasks stay on the list.';
      if (notice.failed) notifyFailure(new Error(notice.reason), { title: notice.title });
      else notifySaved(`${notice.message}.${series}`);
    } catch (error) {
      refreshAfterWrite(queryClient, ['tasks']);
      notifyFailure(error, { title: 'The tasks are still done' });
    }
  };

  const reschedule = useMutation({
    mutationFn: (input: { tasks: Task[]; day: string; others: string[] }) =>
      bulkUpdateGroups<Task>(
        'tasks',
        groupByChanges(input.tasks, (task) => rescheduleToDay(task, input.day)),
      ),
    onSuccess: (result, input) => {
      store(result);
      const skipped = leftAsTheyAre(input.others.length);
      const notice = bulkNotice(result, noun, `rescheduled to ${dueDay(input.day)}`, 'changed');
      if (notice.failed)
        notifyFailure(new Error([notice.reason, skipped].filter(Boolean).join(' ')), { title: notice.title });
      else notifySaved([`${notice.message}.`, skipped].filter(Boolean).join(' '));
      setRescheduling(false);
      keep([...splitOutcomes(result).refused, ...input.others]);
    },
    onError: (error) => notifyFailure(error, { title: 'The tasks were not rescheduled' }),
  });

  const allSelected = tasks.length === shown.length;
  const selectAll = (
    <Checkbox
      aria-label={`Select all ${count(shown.length)} ${shown.length === 1 ? noun.one : noun.many} shown`}
      checked={tasks.length > 0 && allSelected}
      indeterminate={tasks.length > 0 && !allSelected}
      onChange={(event) =>
        select(
          shown.map((task) => task.id),
          event.currentTarget.checked,
        )
      }
      {...{ [SELECT_ALL]: true }}
    />
  );

  if (tasks.length === 0) {
    return (
      // As tall as the bar, and drawn the same way but for its ground, so nothing moves when it comes.
      <Group
        gap="sm"
        wrap="nowrap"
        h={BULK_BAR_HEIGHT}
        px="xs"
        mb="xs"
        style={{ border: '1px solid transparent', borderRadius: 'var(--mantine-radius-md)' }}
      >
        {selectAll}
        <Text size="sm" c="dimmed" aria-live="polite">
          {label}
        </Text>
      </Group>
    );
  }

  return (
    <div style={{ position: 'sticky', top: 'var(--app-shell-header-offset, 0px)', zIndex: 3 }}>
      <BulkBar
        resource="tasks"
        noun={noun}
        options={{ holderField: 'assigneeId' }}
        ids={tasks.map((task) => task.id)}
        compact={compact}
        onSettled={keep}
        onClear={() => keep([])}
        lead={selectAll}
        busy={complete.isPending || reschedule.isPending}
        actions={[
          {
            label: 'Reschedule…',
            icon: <IconCalendarTime size={16} aria-hidden />,
            onClick: () => setRescheduling(true),
            disabled: pending.length === 0,
          },
          {
            label: 'Mark complete',
            icon: <IconCircleCheck size={16} aria-hidden />,
            onClick: () => complete.mutate({ tasks: pending, others }),
            disabled: pending.length === 0,
          },
        ]}
      />
      <div style={{ height: 'var(--mantine-spacing-xs)' }} />
      {rescheduling && (
        <RescheduleTasksDialog
          tasks={pending}
          others={others.length}
          compact={compact}
          loading={reschedule.isPending}
          onClose={() => setRescheduling(false)}
          onReschedule={(day) => reschedule.mutate({ tasks: pending, day, others })}
        />
      )}
    </div>
  );
}

/**
 * A new due day for the selected tasks still to do: typed or picked, or one of the usual days. Each keeps
 * its time of day (as the task form shows due times) and its reminder as far before it.
 */
function RescheduleTasksDialog({
  tasks,
  others,
  compact,
  loading,
  onClose,
  onReschedule,
}: {
  tasks: Task[];
  /** Selected tasks that are not to do, left as they are. */
  others: number;
  compact: boolean;
  loading: boolean;
  onClose: () => void;
  onReschedule: (day: string) => void;
}) {
  const [day, setDay] = useState(dayjs().add(1, 'day').format('YYYY-MM-DD'));
  const [error, setError] = useState<string | null>(null);
  const title = `Reschedule ${counted(tasks.length, noun)}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      setError('Choose the day they are due');
      return;
    }
    onReschedule(day);
  };
  const quick = [
    { label: 'Today', day: dayjs() },
    { label: 'Tomorrow', day: dayjs().add(1, 'day') },
    // The Monday after this week: "next week" as people plan it.
    { label: 'Next Monday', day: dayjs().add(8 - (dayjs().day() || 7), 'day') },
  ];
  const undated = tasks.some((task) => !task.dueAt);
  const reminded = tasks.some((task) => task.reminderAt);
  const several = tasks.length > 1;
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {/* What it keeps and the usual days first: the calendar the day box opens drops over what follows it. */}
          <Text size="sm" c="dimmed">
            {[keepsTime(several, undated, reminded), leftAsTheyAre(others)].filter(Boolean).join(' ')}
          </Text>
          <Group gap="xs" role="group" aria-labelledby="reschedule-tasks-quick">
            <Text size="sm" fw={500} id="reschedule-tasks-quick">
              Move to
            </Text>
            {quick.map((choice) => (
              <Button
                key={choice.label}
                size="compact-sm"
                variant="light"
                onClick={() => {
                  setDay(choice.day.format('YYYY-MM-DD'));
                  setError(null);
                }}
              >
                {choice.label}
              </Button>
            ))}
          </Group>
          <DateField
            label="New due date"
            required
            // On a phone the calendar it opens would cover the dialog: the focus waits for a tap.
            data-autofocus={compact ? undefined : true}
            value={day}
            error={error}
            onChange={(next) => {
              setDay(next);
              setError(null);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What moving them keeps: their times of day, 9:00 for one without, and their reminders as far before. */
function keepsTime(several: boolean, undated: boolean, reminded: boolean): string {
  if (!several)
    return undated
      ? 'It has no due time yet: it will be due at 09:00.'
      : `It keeps its time of day${reminded ? ', and its reminder moves with it' : ''}.`;
  return `Each keeps its time of day${undated ? '; one without a due time will be due at 09:00' : ''}.${
    reminded ? ' Reminders move with them.' : ''
  }`;
}
