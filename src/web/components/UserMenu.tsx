import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconUser } from '@tabler/icons-react';
import { signOut } from '../api/client.js';
import { useMe } from '../api/hooks.js';
import { getSession } from '../api/session.js';
import { roleLabels } from './AppLayout.js';

export function UserMenu() {
  const me = useMe();
  const user = me.data ?? getSession()?.user;
  if (!user) return null;
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu of ${user.name}`} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar name={user.name} color="indigo.8" variant="filled" size={34} aria-hidden />
            <div style={{ minWidth: 0 }} className="user-menu-name">
              <Text size="sm" fw={600} truncate maw={140} visibleFrom="sm">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {roleLabels[user.role]}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Group gap={6} wrap="nowrap">
            <IconUser size={14} aria-hidden />
            <Text size="xs" truncate>
              {user.email}
            </Text>
          </Group>
        </Menu.Label>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
