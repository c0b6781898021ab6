import { Menu } from '@mantine/core';
import { IconCalendarTime, IconEdit, IconRotate, IconTrash, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { Task } from '../../../shared/contracts/tasks.js';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { LoadRecord } from '../../components/LoadRecord.js';
import { RescheduleDialog } from '../../components/RescheduleDialog.js';
import { notifySaved, refreshAfterWrite } from '../../lib/mutations.js';
import { TaskForm } from './TaskForm.js';
import { patchTask, rescheduleChanges, useDeleteTask, useSetTaskStatus } from './taskMutations.js';

type Dialog = { kind: 'edit' | 'reschedule' | 'delete'; task: Task } | { kind: 'load'; id: string };

/**
 * What can be done to a task wherever it is listed (the tasks page, a record's tasks, a timeline): open
 * and edit, reschedule, cancel or reopen, delete with Undo. Render `dialogs` once beside the list.
 */
export function useTaskActions() {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const queryClient = useQueryClient();
  const setStatus = useSetTaskStatus();
  const remove = useDeleteTask();
  const close = () => setDialog(null);
  const open = (kind: 'edit' | 'reschedule' | 'delete', task: Task) => setDialog({ kind, task });
  const openById = (id: string) => setDialog({ kind: 'load', id });
  const reschedule = async (task: Task, dueAt: string) => {
    try {
      const saved = await patchTask(task, rescheduleChanges(task, dueAt));
      notifySaved(`Rescheduled: ${saved.title}`);
    } finally {
      refreshAfterWrite(queryClient, ['tasks'], task.id);
    }
  };
  const pending = (task: Task) => task.status === 'open' || task.status === 'in_progress';

  const menuItems = (task: Task): ReactNode => (
    <>
      <Menu.Item leftSection={<IconEdit size={16} aria-hidden />} onClick={() => open('edit', task)}>
        {pending(task) ? 'Edit' : 'Open'}
      </Menu.Item>
      {pending(task) && (
        <>
          <Menu.Item leftSection={<IconCalendarTime size={16} aria-hidden />} onClick={() => open('reschedule', task)}>
            Reschedule…
          </Menu.Item>
          <Menu.Item
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => setStatus.mutate({ task, status: 'cancelled' })}
          >
            Cancel task
          </Menu.Item>
        </>
      )}
      {!pending(task) && (
        <Menu.Item
          leftSection={<IconRotate size={16} aria-hidden />}
          onClick={() => setStatus.mutate({ task, status: 'open' })}
        >
          Reopen
        </Menu.Item>
      )}
      <Menu.Divider />
      <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => open('delete', task)}>
        Delete
      </Menu.Item>
    </>
  );

  const dialogs = dialog && (
    <>
      {dialog.kind === 'load' && (
        <LoadRecord<Task>
          resource="tasks"
          what="task"
          id={dialog.id}
          onLoaded={(task) => open('edit', task)}
          onClose={close}
        />
      )}
      {dialog.kind === 'edit' && <TaskForm opened task={dialog.task} onClose={close} />}
      {dialog.kind === 'reschedule' && (
        <RescheduleDialog
          title={`Reschedule · ${dialog.task.title}`}
          label="Due"
          field="dueAt"
          value={dialog.task.dueAt}
          onSave={(iso) => reschedule(dialog.task, iso)}
          onClose={close}
        />
      )}
      {dialog.kind === 'delete' && (
        <ConfirmDelete
          what={`task ${dialog.task.title}`}
          loading={remove.isPending}
          onConfirm={() => remove.mutate(dialog.task, { onSettled: close })}
          onClose={close}
        />
      )}
    </>
  );
  return { menuItems, open, openById, dialogs };
}

export type TaskActions = ReturnType<typeof useTaskActions>;
