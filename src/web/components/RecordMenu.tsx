import { ActionIcon, Menu } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useMayChange } from '../api/hooks.js';
import { invalidateAfterWrite, invalidateLists, notifyFailure, notifyUndoable } from '../lib/mutations.js';
import { ConfirmDialog } from './ConfirmDialog.js';

type Deletable = { id: string; version: number; ownerId: string | null };

/**
 * A record page's secondary actions (UI.md: one primary action, the rest in a menu): deleting, which
 * asks first and then offers Undo, since the server only hides the record (soft delete) and can restore it.
 * Shown only to those who may change the record; the server decides in any case.
 */
export function RecordMenu(props: {
  /** The API resource and the list page: accounts, contacts, leads, opportunities. */
  resource: string;
  record: Deletable;
  /** What the record is called in sentences: "the account Acme Supply". */
  noun: string;
  name: string;
  /** Further actions of this kind of record, listed above Delete. */
  items?: ReactNode;
  /** What else a delete takes along, said before it is confirmed ("Its contacts and deals go with it."). */
  takesAlong?: string;
}) {
  const { resource, record, noun, name, items, takesAlong } = props;
  const [confirming, confirm] = useDisclosure(false);
  const mayChange = useMayChange();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const restore = async () => {
    try {
      await api.post(`/${resource}/${record.id}/restore`, {});
      invalidateLists(queryClient, resource);
      await queryClient.invalidateQueries({ queryKey: [resource, 'one', record.id] });
      notifications.show({ color: 'teal', message: `${name} is back.`, autoClose: 2500 });
      navigate(`/${resource}/${record.id}`);
    } catch (error) {
      notifyFailure(error, { title: `${name} could not be restored` });
    }
  };
  const remove = useMutation({
    mutationFn: () => api.delete(`/${resource}/${record.id}`, { headers: { 'if-match': `"${record.version}"` } }),
    onSuccess: () => {
      confirm.close();
      // Off the page before anything refetches: the record now answers 404.
      navigate(`/${resource}`);
      invalidateAfterWrite(queryClient, [resource], record.id);
      notifyUndoable(`Deleted ${noun} ${name}.`, restore, 'gray');
    },
    onError: (error) => notifyFailure(error, { title: `${name} was not deleted` }),
  });

  if (!mayChange(record.ownerId)) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label="More actions">
            <IconDots size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {items}
          <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={confirm.open}>
            Delete {noun}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={confirming}
        title={`Delete ${noun} ${name}?`}
        confirmLabel={`Delete ${noun}`}
        cancelLabel="Keep it"
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={confirm.close}
      >
        {takesAlong ? `${takesAlong} ` : ''}It leaves every list and search at once. You can undo right after; an admin
        can restore it later{takesAlong ? ', all of it' : ''}.
      </ConfirmDialog>
    </>
  );
}
