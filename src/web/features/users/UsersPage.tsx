import { Badge, Button, Group, Menu } from '@mantine/core';
import {
  IconArrowsExchange,
  IconKey,
  IconMailForward,
  IconPencil,
  IconPlus,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { roles, type User } from '../../../shared/contracts/users.js';
import { api } from '../../api/client.js';
import { useIsAdmin, useMe, useTerritories, useUsers } from '../../api/hooks.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date } from '../../lib/format.js';
import { roleColors, roleLabels } from '../../lib/labels.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';
import { HandOverDialog } from './HandOverDialog.js';
import { Microsoft365Status } from './Microsoft365Status.js';
import { PasswordDialog } from './PasswordDialog.js';
import { invalidateUsers } from './queries.js';
import { UserForm } from './UserForm.js';

/**
 * Users (Settings): admins add people, set their role, territories and manager, reset passwords and
 * deactivate them; everyone else sees the same directory read-only (the API lets everyone read it).
 */
export function UsersPage() {
  const isAdmin = useIsAdmin();
  const me = useMe().data;
  const [creating, create] = useCreateIntent();
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const [handingOver, setHandingOver] = useState<User | null>(null);
  const queryClient = useQueryClient();
  const users = useUsers().data ?? [];
  const territories = useTerritories().data ?? [];
  const territoryNames = (ids: string[]) =>
    ids
      .map((id) => territories.find((territory) => territory.id === id)?.name)
      .filter(Boolean)
      .join(', ') || '—';
  const managerName = (id: string | null) => (id ? (users.find((user) => user.id === id)?.name ?? '…') : '—');

  const setActive = useMutation({
    mutationFn: (user: User) =>
      api.patch<User>(`/users/${user.id}`, { active: !user.active }, { headers: { 'if-match': `"${user.version}"` } }),
    onSuccess: (saved) => {
      setDeactivating(null);
      invalidateUsers(queryClient);
      notifySaved(
        saved.active ? `${saved.name} can sign in again` : `${saved.name} is deactivated and signed out everywhere`,
      );
    },
    onError: (error, user) => {
      setDeactivating(null);
      notifyFailure(error, {
        title: user.active ? `${user.name} was not deactivated` : `${user.name} was not reactivated`,
        onReload: () => invalidateUsers(queryClient),
      });
    },
  });

  const invite = useMutation({
    mutationFn: (user: User) => api.post<void>(`/users/${user.id}/invitation`),
    onSuccess: (_, user) => notifySaved(`${user.name} was e-mailed a link to choose their password`),
    onError: (error, user) => notifyFailure(error, { title: `No link was sent to ${user.name}` }),
  });

  const columns: Column<User>[] = [
    {
      key: 'name',
      label: 'Name',
      sort: 'name',
      render: (row) => (row.id === me?.id ? `${row.name} (you)` : row.name),
    },
    { key: 'email', label: 'E-mail', sort: 'email', render: (row) => row.email },
    {
      key: 'role',
      label: 'Role',
      render: (row) => (
        <Badge color={roleColors[row.role]} variant="light">
          {roleLabels[row.role]}
        </Badge>
      ),
    },
    { key: 'territories', label: 'Territories', render: (row) => territoryNames(row.territoryIds) },
    { key: 'manager', label: 'Manager', render: (row) => managerName(row.managerId) },
    {
      key: 'status',
      label: 'Status',
      render: (row) =>
        row.active ? (
          <Badge color="teal" variant="light">
            Active
          </Badge>
        ) : (
          <Badge color="gray" variant="outline">
            Inactive
          </Badge>
        ),
    },
    { key: 'created', label: 'Added', sort: 'createdAt', render: (row) => date(row.createdAt), optional: true },
  ];

  return (
    <>
      <PageHeader
        title="Users"
        description={
          isAdmin
            ? 'Who can sign in to Meridian, what they may see and who they report to.'
            : 'Everyone on your Meridian team. Only admins add people or change their access.'
        }
        createAction={isAdmin ? { label: 'New user', onClick: create.open } : undefined}
      />
      {isAdmin && <Microsoft365Status />}
      <EntityList<User>
        resource="users"
        noun={{ one: 'user', many: 'users' }}
        columns={columns}
        filters={[
          {
            kind: 'enum',
            key: 'role',
            label: 'Role',
            options: roles.map((role) => ({ value: role, label: roleLabels[role] })),
          },
          { kind: 'territory', key: 'territoryId', label: 'Territory' },
          { kind: 'owner', key: 'managerId', label: 'Manager' },
          { kind: 'boolean', key: 'active', label: 'Active' },
        ]}
        onRowOpen={isAdmin ? setEditing : undefined}
        rowTitle={(row) => columns[0]?.render(row)}
        rowActions={
          isAdmin
            ? (row) => (
                <>
                  <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(row)}>
                    Edit {row.name}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setResetting(row)}>
                    {row.id === me?.id ? 'Change your password' : 'Reset password'}
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconArrowsExchange size={16} aria-hidden />}
                    onClick={() => setHandingOver(row)}
                  >
                    Hand over records…
                  </Menu.Item>
                  {row.id !== me?.id && row.active && (
                    <Menu.Item
                      leftSection={<IconMailForward size={16} aria-hidden />}
                      onClick={() => invite.mutate(row)}
                    >
                      E-mail a password link
                    </Menu.Item>
                  )}
                  {row.id !== me?.id &&
                    (row.active ? (
                      <Menu.Item
                        color="red"
                        leftSection={<IconUserOff size={16} aria-hidden />}
                        onClick={() => setDeactivating(row)}
                      >
                        Deactivate
                      </Menu.Item>
                    ) : (
                      <Menu.Item
                        leftSection={<IconUserCheck size={16} aria-hidden />}
                        onClick={() => setActive.mutate(row)}
                      >
                        Reactivate
                      </Menu.Item>
                    ))}
                </>
              )
            : undefined
        }
        empty={{
          title: 'No users yet',
          body: 'Add the people who sell with Meridian: each signs in with their e-mail and the password you set.',
          action: isAdmin ? (
            <Button onClick={create.open} leftSection={<IconPlus size={16} aria-hidden />}>
              Add a user
            </Button>
          ) : undefined,
        }}
      />
      {isAdmin && creating && <UserForm opened onClose={create.close} />}
      {editing && <UserForm key={editing.id} user={editing} opened onClose={() => setEditing(null)} />}
      {resetting && <PasswordDialog user={resetting} opened onClose={() => setResetting(null)} />}
      {handingOver && <HandOverDialog key={handingOver.id} user={handingOver} onClose={() => setHandingOver(null)} />}
      <ConfirmDialog
        opened={deactivating !== null}
        title={`Deactivate ${deactivating?.name ?? ''}?`}
        confirmLabel="Deactivate"
        loading={setActive.isPending}
        onConfirm={() => deactivating && setActive.mutate(deactivating)}
        onClose={() => setDeactivating(null)}
      >
        They are signed out at once, their API keys stop working and they cannot sign in. Their records stay theirs;
        hand them over if someone else should follow up. You can reactivate them at any time.
        <Group mt="sm">
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconArrowsExchange size={14} aria-hidden />}
            onClick={() => {
              setHandingOver(deactivating);
              setDeactivating(null);
            }}
          >
            Hand over their records…
          </Button>
        </Group>
      </ConfirmDialog>
    </>
  );
}

export const Component = UsersPage;
