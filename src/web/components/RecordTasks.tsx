import { Anchor, Checkbox, Group, Stack, Text } from '@mantine/core';
import type { Task } from '../../shared/contracts/tasks.js';
import { usePage } from '../api/hooks.js';
import { useTaskActions } from '../features/tasks/TaskActions.js';
import { TaskReminder, TaskRepeat } from '../features/tasks/TaskRow.js';
import { useCompleteTask } from '../features/tasks/taskMutations.js';
import { dateTime, dueLabel } from '../lib/format.js';
import { RowMenu } from './EntityList.js';

/** The open tasks of a record, each completed with one click, opened from its title. */
export function RecordTasks({ link }: { link: string }) {
  const tasks = usePage<Task>('tasks', `${link}&status=open,in_progress&sort=dueAt&limit=20`);
  const complete = useCompleteTask();
  const actions = useTaskActions();
  const open = (tasks.data?.data ?? []).filter((task) => task.status !== 'completed');
  if (tasks.isPending)
    return (
      <Text size="sm" c="dimmed">
        Loading tasks…
      </Text>
    );
  return (
    <>
      {open.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open tasks. Add one so the next step isn't forgotten.
        </Text>
      ) : (
        <Stack gap={6}>
          {open.map((task) => (
            <Group key={task.id} gap="xs" wrap="nowrap" align="flex-start">
              <Checkbox
                aria-label={`Complete ${task.title}`}
                checked={false}
                onChange={() => complete.mutate(task)}
                mt={2}
              />
              <div style={{ minWidth: 0, flex: 1 }}>
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => actions.open('edit', task)}>
                  {task.title}
                </Anchor>
                <Text size="xs" c={task.overdue ? 'red.9' : 'dimmed'} title={dateTime(task.dueAt)}>
                  {task.overdue ? '⚠ ' : ''}
                  {dueLabel(task.dueAt)}
                </Text>
                <TaskReminder task={task} />
                <TaskRepeat task={task} />
              </div>
              <RowMenu label={`Actions for ${task.title}`}>{actions.menuItems(task)}</RowMenu>
            </Group>
          ))}
        </Stack>
      )}
      {actions.dialogs}
    </>
  );
}
