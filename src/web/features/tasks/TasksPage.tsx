import { Badge, Button, Group, Pill, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { Task } from '../../../shared/contracts/tasks.js';
import { usePage, useTerritories, useUserNames } from '../../api/hooks.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { OPEN_TASK_PARAM, useCreateIntent } from '../../lib/create-intent.js';
import { count, date } from '../../lib/format.js';
import { type TaskActions, useTaskActions } from './TaskActions.js';
import { TaskForm } from './TaskForm.js';
import { TaskRow } from './TaskRow.js';
import { type TaskSelection, TaskToolbar, useTaskSelection } from './TaskSelection.js';
import { useCompleteTask, useSetTaskStatus } from './taskMutations.js';

/** My tasks: overdue first, then today, then what's coming; one click completes. */
export function TasksPage() {
  const [search, setSearch] = useSearchParams();
  const whose = search.get('assigneeId') ?? 'me';
  const userName = useUserNames();
  // A colleague's tasks (a dashboard figure for one owner links here): said as a chip, not as "everyone".
  const someone = whose !== 'me' && whose !== 'all' ? whose : null;
  const someoneName = someone ? userName(someone) : '';
  // The overview's "Overdue tasks" figure links here with overdue=true: only those, until cleared.
  const onlyOverdue = search.get('overdue') === 'true';
  // The overview's "due today" links here with overdue=false: what is still to come, not what has passed.
  const notOverdue = search.get('overdue') === 'false';
  // The workload report's rows link here narrowed to a territory when the report was.
  const territoryId = search.get('territoryId');
  const territoryName = useTerritories().data?.find((territory) => territory.id === territoryId)?.name ?? 'selected';
  const [creating, create] = useCreateIntent();
  // Open work by default; the status control shows the completed or cancelled ones (the API's `status`).
  const status = search.get('status');
  const pendingView = status === null;
  // The workload report's "due this week" links here with the week as dueAtFrom / dueAtTo.
  const dueFrom = search.get('dueAtFrom');
  const dueTo = search.get('dueAtTo');
  const query = new URLSearchParams({ status: status ?? pendingStatuses, sort: pendingView ? 'dueAt' : '-dueAt' });
  if (whose !== 'all') query.set('assigneeId', whose);
  if (onlyOverdue || notOverdue) query.set('overdue', String(onlyOverdue));
  if (territoryId) query.set('territoryId', territoryId);
  if (dueFrom) query.set('dueAtFrom', dueFrom);
  if (dueTo) query.set('dueAtTo', dueTo);
  query.set('limit', '200');
  const tasks = usePage<Task>('tasks', query);
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setSearch(next);
  };
  const removeParams = (...names: string[]) => {
    const next = new URLSearchParams(search);
    for (const name of names) next.delete(name);
    setSearch(next);
  };
  const complete = useCompleteTask();
  const reopen = useSetTaskStatus();
  const actions = useTaskActions();
  // A link to one task (a reminder in the bell) opens it, wherever it falls in the list, or if the list
  // leaves it out. The parameter is taken out of the address at once, so Back or a reload does not
  // open it again over the list.
  const openTaskId = search.get(OPEN_TASK_PARAM);
  // biome-ignore lint/correctness/useExhaustiveDependencies: opening follows the parameter alone
  useEffect(() => {
    if (!openTaskId) return;
    actions.openById(openTaskId);
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(OPEN_TASK_PARAM);
        return next;
      },
      { replace: true },
    );
  }, [openTaskId]);
  const toggle = (task: Task) =>
    task.status === 'completed' ? reopen.mutate({ task, status: 'open' }) : complete.mutate(task);
  const all = tasks.data?.data ?? [];
  const open = pendingView ? all.filter((task) => task.status !== 'completed') : all;
  const endOfToday = dayjs().endOf('day');
  const allGroups = [
    { key: 'overdue', title: 'Overdue', items: open.filter((task) => task.overdue), tone: 'red' as const },
    {
      key: 'today',
      title: 'Today',
      items: open.filter((task) => !task.overdue && task.dueAt && dayjs(task.dueAt).isBefore(endOfToday)),
    },
    {
      key: 'upcoming',
      title: 'Upcoming',
      items: open.filter((task) => !task.overdue && (!task.dueAt || dayjs(task.dueAt).isAfter(endOfToday))),
    },
  ];
  // Only the groups the filters can fill: no empty "Upcoming" under a link to today's tasks.
  const groups = allGroups.filter((group) =>
    group.key === 'overdue'
      ? !notOverdue
      : !onlyOverdue &&
        (group.key === 'today'
          ? !dueFrom || dayjs(dueFrom).isBefore(endOfToday)
          : !dueTo || dayjs(dueTo).isAfter(endOfToday)),
  );
  // What can be selected is what is shown, in its order; another view or filter starts the selection afresh.
  const shown = pendingView ? groups.flatMap((group) => group.items) : open;
  const selection = useTaskSelection(shown, query.toString());
  const isPhone = useMediaQuery('(max-width: 48em)');
  const kind = pendingView
    ? onlyOverdue
      ? 'overdue '
      : 'open '
    : status === 'completed' || status === 'cancelled'
      ? `${status} `
      : '';
  const toolbar = (
    <TaskToolbar
      selection={selection}
      compact={Boolean(isPhone)}
      label={`${count(shown.length)} ${kind}${shown.length === 1 ? 'task' : 'tasks'}`}
    />
  );

  return (
    <>
      <PageHeader
        createAction={{ label: 'New task', onClick: create.open }}
        title="Tasks"
        description="Your follow-ups and deadlines. Tick one off as soon as it's done."
        actions={
          <>
            <SegmentedControl
              aria-label="Whose tasks"
              value={whose === 'me' ? 'me' : someone ? '' : 'all'}
              onChange={(value) => setParam('assigneeId', value === 'me' ? null : 'all')}
              data={[
                { value: 'me', label: 'Mine' },
                { value: 'all', label: 'Everyone I can see' },
              ]}
            />
            <SegmentedControl
              aria-label="Status"
              value={statusViews.find((view) => view.status === status)?.value ?? 'open'}
              onChange={(value) => setParam('status', statusViews.find((view) => view.value === value)?.status ?? null)}
              data={statusViews.map(({ value, label }) => ({ value, label }))}
            />
            {onlyOverdue && (
              <Button variant="light" color="red" onClick={() => setParam('overdue', null)}>
                Overdue only · show all
              </Button>
            )}
          </>
        }
      />
      {(someone || territoryId || dueFrom || dueTo || notOverdue) && (
        <Group gap={6} mb="sm" aria-label="Filters in force">
          {someone && (
            <Pill
              withRemoveButton
              onRemove={() => setParam('assigneeId', 'all')}
              removeButtonProps={{ 'aria-label': `Remove assignee ${someoneName}` }}
            >
              Assignee: {someoneName}
            </Pill>
          )}
          {(dueFrom || dueTo) && (
            <Pill
              withRemoveButton
              onRemove={() => removeParams('dueAtFrom', 'dueAtTo')}
              removeButtonProps={{ 'aria-label': `Remove ${dueRangeLabel(dueFrom, dueTo)}` }}
            >
              {dueRangeLabel(dueFrom, dueTo)}
            </Pill>
          )}
          {notOverdue && (
            <Pill
              withRemoveButton
              onRemove={() => setParam('overdue', null)}
              removeButtonProps={{ 'aria-label': 'Remove not overdue' }}
            >
              Not overdue
            </Pill>
          )}
          {territoryId && (
            <Pill
              withRemoveButton
              onRemove={() => setParam('territoryId', null)}
              removeButtonProps={{ 'aria-label': `Remove territory ${territoryName}` }}
            >
              Territory: {territoryName}
            </Pill>
          )}
        </Group>
      )}
      {tasks.isError ? (
        <QueryError error={tasks.error} what="tasks" onRetry={() => tasks.refetch()} />
      ) : tasks.isPending ? (
        <Stack>
          <Skeleton height={120} />
          <Skeleton height={120} />
        </Stack>
      ) : !pendingView ? (
        <div {...selection.containerProps}>
          {open.length > 0 && toolbar}
          <StatusList
            title={statusViews.find((view) => view.status === status)?.label ?? 'Tasks'}
            tasks={open}
            actions={actions}
            onToggle={toggle}
            assigneeOf={whose === 'all' ? (task) => userName(task.assigneeId) : undefined}
            selection={selection}
          />
        </div>
      ) : open.length === 0 ? (
        someone ? (
          <EmptyState title={`${someoneName} has no ${onlyOverdue ? 'overdue' : 'open'} tasks.`}>
            Nothing waits on them{onlyOverdue ? ' past its due date' : ''}.
          </EmptyState>
        ) : (
          <EmptyState
            title="No open tasks. Nicely done."
            action={<Button onClick={create.open}>Plan tomorrow's follow-ups</Button>}
          >
            Add a follow-up after each call so no deal goes quiet.
          </EmptyState>
        )
      ) : (
        <Stack gap="md" {...selection.containerProps}>
          {toolbar}
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`tasks-${group.key}`}>
              <Group gap="xs" mb={6}>
                <Title
                  order={2}
                  size="h5"
                  id={`tasks-${group.key}`}
                  c={group.tone === 'red' && group.items.length ? 'red.9' : undefined}
                >
                  {group.title}
                </Title>
                <Badge variant="light" color={group.tone === 'red' && group.items.length ? 'red' : 'gray'}>
                  {group.items.length}
                </Badge>
              </Group>
              {group.items.length === 0 ? (
                <Text size="sm" c="dimmed" mb="sm">
                  {group.key === 'overdue'
                    ? 'Nothing overdue.'
                    : group.key === 'today'
                      ? 'Nothing due today. Plan tomorrow’s visits?'
                      : 'Nothing coming up yet.'}
                </Text>
              ) : (
                <Stack gap={6}>
                  {group.items.map((task) => (
                    <TaskRow
                      key={task.id}
                      task={task}
                      actions={actions}
                      onToggle={toggle}
                      assignee={whose === 'all' ? userName(task.assigneeId) : undefined}
                      selection={selectionOf(selection, task)}
                    />
                  ))}
                </Stack>
              )}
            </section>
          ))}
        </Stack>
      )}
      {actions.dialogs}
      {creating && <TaskForm opened onClose={create.close} />}
    </>
  );
}

const pendingStatuses = 'open,in_progress';

/**
 * "Due 30 Nov 2026 – 6 Dec 2026", "Due from 30 Nov 2026", "Due today": the due dates a link narrowed the
 * tasks to, in the browser's days.
 */
function dueRangeLabel(from: string | null, to: string | null): string {
  if (from && to && dayjs(from).isSame(dayjs(to), 'day'))
    return dayjs(from).isSame(dayjs(), 'day') ? 'Due today' : `Due ${date(from)}`;
  if (from && to) return `Due ${date(from)} – ${date(to)}`;
  return from ? `Due from ${date(from)}` : `Due until ${date(to)}`;
}

/** The status control's choices and the API `status` each sets (none: open and in progress). */
const statusViews = [
  { value: 'open', label: 'Open', status: null },
  { value: 'completed', label: 'Completed', status: 'completed' },
  { value: 'cancelled', label: 'Cancelled', status: 'cancelled' },
  { value: 'all', label: 'All', status: 'open,in_progress,completed,cancelled' },
] as const;

/** Completed, cancelled or all tasks: one list, latest due first. */
function StatusList({
  title,
  tasks,
  actions,
  onToggle,
  assigneeOf,
  selection,
}: {
  title: string;
  tasks: Task[];
  actions: TaskActions;
  onToggle: (task: Task) => void;
  assigneeOf: ((task: Task) => string) | undefined;
  selection: TaskSelection;
}) {
  return (
    <section aria-labelledby="tasks-status">
      <Group gap="xs" mb={6}>
        <Title order={2} size="h5" id="tasks-status">
          {title}
        </Title>
        <Badge variant="light" color="gray">
          {tasks.length}
        </Badge>
      </Group>
      {tasks.length === 0 ? (
        <EmptyState title={title === 'All' ? 'No tasks yet' : `No ${title.toLowerCase()} tasks`}>
          {title === 'All'
            ? 'Add a follow-up after each call so no deal goes quiet.'
            : `Tasks show here once they are ${title.toLowerCase()}.`}
        </EmptyState>
      ) : (
        <Stack gap={6}>
          {tasks.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              actions={actions}
              onToggle={onToggle}
              assignee={assigneeOf?.(task)}
              selection={selectionOf(selection, task)}
            />
          ))}
        </Stack>
      )}
    </section>
  );
}

/** A row's part of the page's selection. */
function selectionOf(selection: TaskSelection, task: Task) {
  return { selected: selection.isSelected(task.id), onChange: (on: boolean) => selection.select([task.id], on) };
}

export const Component = TasksPage;
