import { Anchor, Button, Group, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Territory } from '../../../shared/contracts/territories.js';
import { api } from '../../api/client.js';
import { useIsAdmin, useUserNames, useUsers } from '../../api/hooks.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { count, date } from '../../lib/format.js';
import { notifyFailure } from '../../lib/mutations.js';
import { invalidateTerritories } from './queries.js';
import { TerritoryForm } from './TerritoryForm.js';

/**
 * Territories (Settings): the areas accounts and leads belong to, each with a manager who sees everything
 * in it. Admins create, edit and delete them; everyone else sees the list read-only.
 */
/** Who sees which records, as the API decides (API.md, "Visibility"). */
const whoSeesWhat =
  'Reps see what they own or are assigned and the records of accounts in their territories; managers, the records of the territories they manage and of their reps; admins, everything.';

export function TerritoriesPage() {
  const isAdmin = useIsAdmin();
  const [creating, create] = useCreateIntent();
  const [editing, setEditing] = useState<Territory | null>(null);
  const [deleting, setDeleting] = useState<Territory | null>(null);
  const queryClient = useQueryClient();
  const userName = useUserNames();
  // The whole team is one call (useUsers), so the counts need no request per territory.
  const users = useUsers().data ?? [];
  const membersOf = (id: string) => users.filter((user) => user.territoryIds.includes(id)).length;

  const restore = async (territory: Territory) => {
    try {
      await api.post(`/territories/${territory.id}/restore`, {});
      invalidateTerritories(queryClient);
      notifications.show({ color: 'teal', message: `${territory.name} is back.`, autoClose: 2500 });
    } catch (error) {
      notifyFailure(error, { title: `${territory.name} could not be restored` });
    }
  };
  const remove = useMutation({
    mutationFn: (territory: Territory) =>
      api.delete(`/territories/${territory.id}`, { headers: { 'if-match': `"${territory.version}"` } }),
    onSuccess: (_answer, territory) => {
      setDeleting(null);
      invalidateTerritories(queryClient);
      const notice = notifications.show({
        color: 'gray',
        message: (
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">Deleted the territory {territory.name}.</Text>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => {
                notifications.hide(notice);
                void restore(territory);
              }}
            >
              Undo
            </Button>
          </Group>
        ),
        autoClose: 10_000,
      });
    },
    onError: (error, territory) => {
      setDeleting(null);
      notifyFailure(error, {
        title: `${territory.name} was not deleted`,
        onReload: () => invalidateTerritories(queryClient),
      });
    },
  });

  const columns: Column<Territory>[] = [
    { key: 'name', label: 'Name', sort: 'name', render: (row) => row.name },
    { key: 'region', label: 'Region', render: (row) => row.region ?? '—' },
    { key: 'manager', label: 'Manager', render: (row) => (row.managerId ? userName(row.managerId) : '—') },
    {
      key: 'users',
      label: 'Users',
      align: 'right',
      render: (row) => {
        const members = membersOf(row.id);
        return (
          <Anchor component={Link} to={`/users?territoryId=${row.id}`} size="sm">
            {count(members)} {members === 1 ? 'user' : 'users'}
          </Anchor>
        );
      },
    },
    { key: 'created', label: 'Created', sort: 'createdAt', render: (row) => date(row.createdAt), optional: true },
  ];
  const deletingMembers = deleting ? membersOf(deleting.id) : 0;

  return (
    <>
      <PageHeader
        title="Territories"
        description={
          isAdmin
            ? `The areas accounts and leads belong to. ${whoSeesWhat}`
            : `The areas accounts and leads belong to. ${whoSeesWhat} Only admins change them.`
        }
        createAction={isAdmin ? { label: 'New territory', onClick: create.open } : undefined}
      />
      <EntityList<Territory>
        resource="territories"
        noun={{ one: 'territory', many: 'territories' }}
        columns={columns}
        filters={[{ kind: 'owner', key: 'managerId', label: 'Manager' }]}
        onRowOpen={isAdmin ? setEditing : undefined}
        rowTitle={(row) => row.name}
        rowActions={
          isAdmin
            ? (row) => (
                <>
                  <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(row)}>
                    Edit {row.name}
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} aria-hidden />}
                    onClick={() => setDeleting(row)}
                  >
                    Delete
                  </Menu.Item>
                </>
              )
            : undefined
        }
        empty={{
          title: 'No territories yet',
          body: 'Split the market into territories (a region, a country, a key-account group) and give each a manager.',
          action: isAdmin ? (
            <Button onClick={create.open} leftSection={<IconPlus size={16} aria-hidden />}>
              Add the first territory
            </Button>
          ) : undefined,
        }}
      />
      {isAdmin && creating && <TerritoryForm opened onClose={create.close} />}
      {editing && <TerritoryForm key={editing.id} territory={editing} opened onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete the territory ${deleting?.name ?? ''}?`}
        confirmLabel="Delete territory"
        cancelLabel="Keep it"
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      >
        It leaves every list, filter and picker at once. Its accounts
        {deletingMembers > 0 ? ` and ${count(deletingMembers)} ${deletingMembers === 1 ? 'user' : 'users'}` : ''} keep
        their link to it, so undoing the delete puts everything back as it was.
      </ConfirmDialog>
    </>
  );
}

export const Component = TerritoriesPage;
