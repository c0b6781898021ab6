import { Anchor, Badge, Card, Checkbox, Group, Text } from '@mantine/core';
import { IconBell, IconRepeat } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Task } from '../../../shared/contracts/tasks.js';
import { RowMenu } from '../../components/EntityList.js';
import { dateTime, dueLabel, humanize, relative } from '../../lib/format.js';
import { priorityColors } from '../../lib/labels.js';
import { describeRecurrence } from './recurrence.js';
import type { TaskActions } from './TaskActions.js';
import './task-selection.css';

/** The record a task is about, and what to call the link to it. */
export function recordLink(task: Task): { to: string; label: string } | null {
  if (task.opportunityId) return { to: `/opportunities/${task.opportunityId}`, label: 'Open the deal' };
  if (task.leadId) return { to: `/leads/${task.leadId}`, label: 'Open the lead' };
  if (task.contactId) return { to: `/contacts/${task.contactId}`, label: 'Open the contact' };
  if (task.accountId) return { to: `/accounts/${task.accountId}`, label: 'Open the account' };
  return null;
}

/**
 * A task as a card: tick to complete (or untick to reopen), the title opens it, the menu holds the rest.
 * On the tasks page a checkbox beside the card selects it (`selection`), apart from the card's own
 * Complete box: it shows on hover and focus, and always once anything is selected (task-selection.css).
 */
export function TaskRow({
  task,
  actions,
  onToggle,
  assignee,
  selection,
}: {
  task: Task;
  actions: TaskActions;
  onToggle: (task: Task) => void;
  /** The assignee's name, when the list mixes people. */
  assignee?: string;
  /** Whether the task is selected, and how to change that (the tasks page's selection). */
  selection?: { selected: boolean; onChange: (selected: boolean) => void };
}) {
  const card = (
    <TaskCard task={task} actions={actions} onToggle={onToggle} assignee={assignee} selected={selection?.selected} />
  );
  if (!selection) return card;
  return (
    // Indented as the toolbar's select-all box is, so the boxes stand in one column.
    <Group wrap="nowrap" align="flex-start" gap={6} pl={11} className="task-select-row">
      <Checkbox
        className="task-select-box"
        mt={15}
        aria-label={`Select ${task.title}`}
        checked={selection.selected}
        onChange={(event) => selection.onChange(event.currentTarget.checked)}
      />
      <div style={{ flex: 1, minWidth: 0 }}>{card}</div>
    </Group>
  );
}

function TaskCard({
  task,
  actions,
  onToggle,
  assignee,
  selected,
}: {
  task: Task;
  actions: TaskActions;
  onToggle: (task: Task) => void;
  assignee?: string;
  selected?: boolean;
}) {
  const link = recordLink(task);
  const done = task.status === 'completed';
  const cancelled = task.status === 'cancelled';
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid="task-row"
      // A selected task: a pale ground and the accent round it, as a selected row of the other lists.
      bg={selected ? 'gray.0' : undefined}
      style={selected ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          size="md"
          mt={2}
          aria-label={done ? `Reopen ${task.title}` : `Complete ${task.title}`}
          checked={done}
          disabled={cancelled}
          onChange={() => onToggle(task)}
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Anchor
              component="button"
              type="button"
              fw={600}
              size="sm"
              ta="left"
              c={done || cancelled ? 'dimmed' : undefined}
              td={cancelled ? 'line-through' : undefined}
              onClick={() => actions.open('edit', task)}
              style={{ minWidth: 0, overflowWrap: 'anywhere' }}
            >
              {task.title}
            </Anchor>
            <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
              <Badge size="sm" variant="light" color={priorityColors[task.priority]}>
                {humanize(task.priority)}
              </Badge>
              <RowMenu label={`Actions for ${task.title}`}>{actions.menuItems(task)}</RowMenu>
            </Group>
          </Group>
          <Group gap="xs">
            {done ? (
              <Text size="xs" c="dimmed" title={dateTime(task.completedAt)}>
                Done {relative(task.completedAt)}
              </Text>
            ) : cancelled ? (
              <Text size="xs" c="dimmed">
                Cancelled
              </Text>
            ) : (
              <Text size="xs" c={task.overdue ? 'red.9' : 'dimmed'} title={dateTime(task.dueAt)}>
                {task.overdue ? '⚠ ' : ''}
                {dueLabel(task.dueAt)}
              </Text>
            )}
            <TaskReminder task={task} prefix="· " />
            <TaskRepeat task={task} prefix="· " />
            <Text size="xs" c="dimmed">
              · {humanize(task.type)}
            </Text>
            {assignee && (
              <Text size="xs" c="dimmed">
                · {assignee}
              </Text>
            )}
            {link && (
              <Text size="xs" component={Link} to={link.to} c="indigo.7" aria-label={`${link.label} of ${task.title}`}>
                {link.label}
              </Text>
            )}
          </Group>
        </div>
      </Group>
    </Card>
  );
}

/**
 * A task's reminder, while the task is still to do (a done one reminds no one): the exact time, as people
 * set it, with how far off it is on hover.
 */
export function TaskReminder({ task, prefix = '' }: { task: Task; prefix?: string }) {
  if (!task.reminderAt || (task.status !== 'open' && task.status !== 'in_progress')) return null;
  return (
    <Text size="xs" c="dimmed" title={relative(task.reminderAt)} data-testid="task-reminder">
      {prefix}
      <IconBell size={12} aria-hidden style={{ verticalAlign: '-1px', marginRight: 3 }} />
      Reminder {dateTime(task.reminderAt)}
    </Text>
  );
}

/**
 * That a task comes back once done: a repeat sign and the rule in words ("Repeats every week"), so it is
 * read at a glance and by a screen reader alike. A cancelled task ended its series, so it says nothing.
 */
export function TaskRepeat({ task, prefix = '' }: { task: Task; prefix?: string }) {
  if (!task.recurrence || task.status === 'cancelled') return null;
  return (
    <Text size="xs" c="dimmed" data-testid="task-repeat">
      {prefix}
      <IconRepeat size={12} aria-hidden style={{ verticalAlign: '-1px', marginRight: 3 }} />
      {describeRecurrence(task.recurrence)}
    </Text>
  );
}
