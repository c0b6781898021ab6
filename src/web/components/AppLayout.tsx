import { AppShell, Avatar, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { Role, User } from '../../shared/contracts/users.js';
import { signOut } from '../api/client.js';
import { Logo } from './Logo.js';

export const roleLabels: Record<Role, string> = { admin: 'Admin', manager: 'Manager', rep: 'Sales rep' };

/** The frame of every signed-in page: the header with the user and "Sign out"; navigation comes later. */
export function AppLayout({ user, children }: { user: Pick<User, 'name' | 'email' | 'role'>; children: ReactNode }) {
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = async () => {
    setSigningOut(true);
    await signOut();
  };

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Logo />
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Avatar name={user.name} color="initials" size={36} visibleFrom="xs" aria-hidden />
            <Stack gap={0} miw={0} maw={{ base: 120, sm: 240 }}>
              <Text size="sm" fw={600} truncate title={user.email}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {roleLabels[user.role]}
              </Text>
            </Stack>
            <Button variant="default" size="compact-md" onClick={onSignOut} loading={signingOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">{children}</AppShell.Main>
    </AppShell>
  );
}
