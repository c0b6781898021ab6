import { ActionIcon, Button, Group, Menu, Modal, Text } from '@mantine/core';
import { IconDots, IconTrash, IconUserShare, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../api/client.js';
import { bulkDelete, bulkNotice, bulkUpdate, counted, type Noun, splitOutcomes } from '../lib/bulk.js';
import { count } from '../lib/format.js';
import { notifyFailure, notifySaved, notifyUndoable, refreshAfterWrite } from '../lib/mutations.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { UserPicker } from './Pickers.js';

/** A list's selection (EntityList's `bulk`): what "Assign to…" changes, and what a delete says it takes. */
export type BulkOptions = {
  /** The field that says whose a record is: `ownerId`, or a task's `assigneeId`. */
  holderField: 'ownerId' | 'assigneeId';
  /** What else deleting them takes along, said before it is confirmed (an account's contacts and deals). */
  takesAlong?: (several: boolean) => string;
};

/**
 * An action a page adds to the bar, between Assign to… and Delete (the tasks page's Reschedule… and Mark
 * complete): the page runs it, opens its dialog and says what came of it.
 */
export type BulkAction = {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
};

/**
 * The height of the bar and of the list's toolbar row it takes the place of, so the table does not move
 * when something is selected.
 */
export const BULK_BAR_HEIGHT = 40;

/**
 * What a selection offers (Attio, Twenty): how many are selected, Assign to…, Delete and Clear selection.
 * It stands where the list's toolbar row was, sticky under the page header. Each action is one bulk call
 * (`lib/bulk.ts`); the notice says how many went through and, with refusals, why the first was refused;
 * `onSettled` gets the refused ids, which stay selected. Escape, with the focus in the bar, clears. A page
 * adds its own actions (`actions`, the tasks page's Reschedule… and Mark complete) and runs them itself;
 * without them the bar is as it always was.
 */
export function BulkBar(props: {
  resource: string;
  noun: Noun;
  options: BulkOptions;
  /** The selected records (of the page shown), in the list's order. */
  ids: string[];
  compact: boolean;
  /** After an action: the ids the server refused, which stay selected. */
  onSettled: (stillSelected: string[]) => void;
  onClear: () => void;
  /** The page's own actions, between Assign to… and Delete; on a phone they and Delete fold into a menu. */
  actions?: BulkAction[];
  /** Before the count: a page's select-all checkbox that stays in reach while the bar is shown. */
  lead?: ReactNode;
  /** One of the page's own actions is under way: the bar's buttons wait for it. */
  busy?: boolean;
}) {
  const { resource, noun, options, ids, compact, onSettled, onClear, actions = [], lead } = props;
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'assign' | 'delete' | null>(null);
  const selected = counted(ids.length, noun);

  const assign = useMutation({
    mutationFn: (input: { ids: string[]; userId: string; userName: string }) =>
      bulkUpdate<{ id: string }>(resource, input.ids, { [options.holderField]: input.userId }),
    onSuccess: (result, input) => {
      // Each changed record as the server answered it, wherever it is cached; then the lists and figures.
      for (const outcome of result.results) {
        if (outcome.record) queryClient.setQueryData([resource, 'one', outcome.id], outcome.record);
      }
      refreshAfterWrite(queryClient, [resource]);
      const notice = bulkNotice(result, noun, `assigned to ${input.userName}`, 'changed');
      if (notice.failed) notifyFailure(new Error(notice.reason), { title: notice.title });
      else notifySaved(notice.message);
      setDialog(null);
      onSettled(splitOutcomes(result).refused);
    },
    onError: (error) => notifyFailure(error, { title: `The ${noun.many} were not assigned` }),
  });

  const restore = async (deleted: string[]) => {
    const failures: unknown[] = [];
    // One after another, as the server works through a bulk call: they may share rows (an account's deals).
    for (const id of deleted) {
      try {
        await api.post(`/${resource}/${id}/restore`, {});
      } catch (error) {
        failures.push(error);
      }
    }
    refreshAfterWrite(queryClient, [resource]);
    const back = deleted.length - failures.length;
    if (failures.length === 0) notifySaved(`${counted(back, noun)} ${back === 1 ? 'is' : 'are'} back.`);
    else
      notifyFailure(failures[0], {
        title: `${back} of ${counted(deleted.length, noun)} restored; ${failures.length} could not be`,
      });
  };

  const remove = useMutation({
    mutationFn: (input: { ids: string[] }) => bulkDelete(resource, input.ids),
    onSuccess: (result) => {
      const { done, refused } = splitOutcomes(result);
      // The deleted records now answer 404: their own queries go, so nothing asks for them again.
      for (const id of done) queryClient.removeQueries({ queryKey: [resource, 'one', id] });
      refreshAfterWrite(queryClient, [resource]);
      // As a single delete does: the server only hides them, so the notice offers Undo.
      if (done.length > 0) notifyUndoable(`Deleted ${counted(done.length, noun)}.`, () => restore(done), 'gray');
      const notice = bulkNotice(result, noun, 'deleted', 'deleted');
      if (notice.failed) notifyFailure(new Error(notice.reason), { title: notice.title });
      setDialog(null);
      onSettled(refused);
    },
    onError: (error) => notifyFailure(error, { title: `The ${noun.many} were not deleted` }),
  });

  const busy = assign.isPending || remove.isPending || Boolean(props.busy);
  const several = ids.length > 1;
  // On a phone a bar with the page's own actions would not fit: they and Delete go in a menu.
  const folded = compact && actions.length > 0;
  return (
    <Group
      component="section"
      aria-label={`Selected ${noun.many}`}
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      h={BULK_BAR_HEIGHT}
      px="xs"
      onKeyDown={(event) => {
        // Keys from the dialogs reach here through React's tree: only the bar's own count.
        if (event.key !== 'Escape' || busy || !event.currentTarget.contains(event.target as Node)) return;
        event.preventDefault();
        onClear();
      }}
      style={{
        position: 'sticky',
        top: 'var(--app-shell-header-offset, 0px)',
        zIndex: 3,
        background: 'var(--mantine-primary-color-0)',
        border: '1px solid var(--mantine-primary-color-2)',
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      <Group gap={compact ? 4 : 'sm'} wrap="nowrap" miw={0}>
        {lead}
        {compact && (
          <ActionIcon variant="subtle" color="gray" aria-label="Clear selection" onClick={onClear} disabled={busy}>
            <IconX size={16} aria-hidden />
          </ActionIcon>
        )}
        <Text size="sm" fw={600} aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
          {count(ids.length)} selected
        </Text>
        {!compact && (
          <Button variant="subtle" color="gray" size="xs" onClick={onClear} disabled={busy}>
            Clear selection
          </Button>
        )}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Button
          size="xs"
          leftSection={compact ? undefined : <IconUserShare size={16} aria-hidden />}
          onClick={() => setDialog('assign')}
          disabled={busy}
        >
          Assign to…
        </Button>
        {folded ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="default"
                size="md"
                aria-label={`More actions for the selected ${noun.many}`}
                disabled={busy}
              >
                <IconDots size={16} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {actions.map((action) => (
                <Menu.Item
                  key={action.label}
                  leftSection={action.icon}
                  onClick={action.onClick}
                  disabled={action.disabled}
                >
                  {action.label}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setDialog('delete')}
              >
                Delete
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : (
          <>
            {actions.map((action) => (
              <Button
                key={action.label}
                size="xs"
                variant="light"
                leftSection={compact ? undefined : action.icon}
                onClick={action.onClick}
                disabled={busy || action.disabled}
              >
                {action.label}
              </Button>
            ))}
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={compact ? undefined : <IconTrash size={16} aria-hidden />}
              onClick={() => setDialog('delete')}
              disabled={busy}
            >
              Delete
            </Button>
          </>
        )}
      </Group>

      {dialog === 'assign' && (
        <AssignDialog
          title={`Assign ${selected}`}
          label={options.holderField === 'assigneeId' ? 'New assignee' : 'New owner'}
          confirmLabel={`Assign ${selected}`}
          noun={noun}
          loading={assign.isPending}
          onClose={() => setDialog(null)}
          onAssign={(userId, userName) => assign.mutate({ ids, userId, userName })}
        />
      )}
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={`Delete ${selected}?`}
        confirmLabel={`Delete ${selected}`}
        cancelLabel={several ? 'Keep them' : 'Keep it'}
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ ids })}
        onClose={() => setDialog(null)}
      >
        {options.takesAlong ? `${options.takesAlong(several)} ` : ''}
        {several
          ? 'They leave every list and search at once. You can undo right after; an admin can restore them later.'
          : 'It leaves every list and search at once. You can undo right after; an admin can restore it later.'}
      </ConfirmDialog>
    </Group>
  );
}

/** Who the selected records go to: an active user, then one bulk change. */
function AssignDialog(props: {
  title: string;
  label: string;
  confirmLabel: string;
  noun: Noun;
  loading: boolean;
  onClose: () => void;
  onAssign: (userId: string, userName: string) => void;
}) {
  const { title, label, confirmLabel, noun, loading, onClose, onAssign } = props;
  const [user, setUser] = useState<{ id: string; name: string } | null>(null);
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!user) {
      setMissing(true);
      return;
    }
    onAssign(user.id, user.name);
  };
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <UserPicker
          label={label}
          placeholder="Choose a colleague"
          value={user?.id ?? null}
          onChange={(id, name) => {
            setUser(id ? { id, name: name ?? '' } : null);
            setMissing(false);
          }}
          error={missing ? 'Choose who they go to' : undefined}
          required
          data-autofocus
          comboboxProps={{ withinPortal: true }}
        />
        <Text size="sm" c="dimmed" mt="xs">
          Any {noun.one} you may not change stays as it is, and stays selected.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
