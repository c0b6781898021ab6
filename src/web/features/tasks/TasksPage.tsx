import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Pill,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { Task } from '../../../shared/contracts/tasks.js';
import { usePage, useUserNames } from '../../api/hooks.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { dateTime, dueLabel, humanize } from '../../lib/format.js';
import { priorityColors } from '../../lib/labels.js';
import { TaskForm } from './TaskForm.js';
import { useCompleteTask } from './taskMutations.js';

/** The record a task is about, and what to call the link to it. */
function recordLink(task: Task): { to: string; label: string } | null {
  if (task.opportunityId) return { to: `/opportunities/${task.opportunityId}`, label: 'Open the deal' };
  if (task.leadId) return { to: `/leads/${task.leadId}`, label: 'Open the lead' };
  if (task.contactId) return { to: `/contacts/${task.contactId}`, label: 'Open the contact' };
  if (task.accountId) return { to: `/accounts/${task.accountId}`, label: 'Open the account' };
  return null;
}

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
  const [creating, create] = useCreateIntent();
  const tasks = usePage<Task>(
    'tasks',
    `assigneeId=${whose === 'all' ? '' : whose}&status=open,in_progress&sort=dueAt&limit=200${onlyOverdue ? '&overdue=true' : ''}`.replace(
      'assigneeId=&',
      '',
    ),
  );
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setSearch(next);
  };
  const complete = useCompleteTask();
  const open = (tasks.data?.data ?? []).filter((task) => task.status !== 'completed');
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
  const groups = onlyOverdue ? allGroups.filter((group) => group.key === 'overdue') : allGroups;

  return (
    <>
      <PageHeader
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
            {onlyOverdue && (
              <Button variant="light" color="red" onClick={() => setParam('overdue', null)}>
                Overdue only · show all
              </Button>
            )}
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
              New task
            </Button>
          </>
        }
      />
      {someone && (
        <Group gap={6} mb="sm" aria-label="Filters in force">
          <Pill
            withRemoveButton
            onRemove={() => setParam('assigneeId', 'all')}
            removeButtonProps={{ 'aria-label': `Remove assignee ${someoneName}` }}
          >
            Assignee: {someoneName}
          </Pill>
        </Group>
      )}
      {tasks.isError ? (
        <QueryError error={tasks.error} what="tasks" onRetry={() => tasks.refetch()} />
      ) : tasks.isPending ? (
        <Stack>
          <Skeleton height={120} />
          <Skeleton height={120} />
        </Stack>
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
        <Stack gap="md">
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
                  {group.items.map((task) => {
                    const link = recordLink(task);
                    return (
                      <Card key={task.id} withBorder padding="sm" radius="md" data-testid="task-row">
                        <Group wrap="nowrap" align="flex-start" gap="sm">
                          <Checkbox
                            size="md"
                            mt={2}
                            aria-label={`Complete ${task.title}`}
                            checked={false}
                            onChange={() => complete.mutate(task)}
                          />
                          <div style={{ flex: 1, minWidth: 0 }}>
                            <Group justify="space-between" wrap="nowrap" gap="xs">
                              <Text fw={600} size="sm">
                                {task.title}
                              </Text>
                              <Badge
                                size="sm"
                                variant="light"
                                color={priorityColors[task.priority]}
                                style={{ flexShrink: 0 }}
                              >
                                {humanize(task.priority)}
                              </Badge>
                            </Group>
                            <Group gap="xs">
                              <Text size="xs" c={task.overdue ? 'red.9' : 'dimmed'} title={dateTime(task.dueAt)}>
                                {task.overdue ? '⚠ ' : ''}
                                {dueLabel(task.dueAt)}
                              </Text>
                              <Text size="xs" c="dimmed">
                                · {humanize(task.type)}
                              </Text>
                              {whose === 'all' && (
                                <Text size="xs" c="dimmed">
                                  · {userName(task.assigneeId)}
                                </Text>
                              )}
                              {link && (
                                <Text
                                  size="xs"
                                  component={Link}
                                  to={link.to}
                                  c="indigo.7"
                                  aria-label={`${link.label} of ${task.title}`}
                                >
                                  {link.label}
                                </Text>
                              )}
                            </Group>
                          </div>
                        </Group>
                      </Card>
                    );
                  })}
                </Stack>
              )}
            </section>
          ))}
        </Stack>
      )}
      {creating && <TaskForm opened onClose={create.close} />}
    </>
  );
}

export const Component = TasksPage;
