import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import {
  IconAdjustments,
  IconCalendarShare,
  IconKey,
  IconLogout,
  IconMap,
  IconPlugConnected,
  IconTemplate,
  IconUser,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { signOut } from '../api/client.js';
import { useMe } from '../api/hooks.js';
import { getSession } from '../api/session.js';
import { roleLabels } from '../lib/labels.js';

// Opened rarely: its code (and the contract it validates with) loads on first use, not with the shell.
const PasswordDialog = lazy(() =>
  import('../features/users/PasswordDialog.js').then((module) => ({ default: module.PasswordDialog })),
);
const CalendarFeedDialog = lazy(() =>
  import('../features/calendar/CalendarFeedDialog.js').then((module) => ({ default: module.CalendarFeedDialog })),
);
const ApiKeysDialog = lazy(() =>
  import('../features/api-keys/ApiKeysDialog.js').then((module) => ({ default: module.ApiKeysDialog })),
);
const EmailTemplatesDialog = lazy(() =>
  import('../features/email-templates/EmailTemplatesDialog.js').then((module) => ({
    default: module.EmailTemplatesDialog,
  })),
);
const PreferencesDialog = lazy(() =>
  import('../features/preferences/PreferencesDialog.js').then((module) => ({ default: module.PreferencesDialog })),
);

/**
 * Signing out leaves the page's address for home, so whoever signs in next on this browser lands on their
 * own home (a rep's board, a manager's overview), not on the last page of the one before. An expired
 * session keeps the address instead: signing in again carries on where one was.
 */
function signOutToHome() {
  void signOut().finally(() => window.history.replaceState(null, '', '/'));
}

export function UserMenu() {
  const me = useMe();
  const user = me.data ?? getSession()?.user;
  const [changingPassword, setChangingPassword] = useState(false);
  const [subscribing, setSubscribing] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [managingKeys, setManagingKeys] = useState(false);
  const [managingTemplates, setManagingTemplates] = useState(false);
  if (!user) return null;
  return (
    <>
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
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setChangingPassword(true)}>
            Change password
          </Menu.Item>
          <Menu.Item leftSection={<IconCalendarShare size={16} aria-hidden />} onClick={() => setSubscribing(true)}>
            Calendar subscription
          </Menu.Item>
          <Menu.Item leftSection={<IconAdjustments size={16} aria-hidden />} onClick={() => setChoosing(true)}>
            Preferences
          </Menu.Item>
          <Menu.Item leftSection={<IconPlugConnected size={16} aria-hidden />} onClick={() => setManagingKeys(true)}>
            API keys
          </Menu.Item>
          <Menu.Item leftSection={<IconTemplate size={16} aria-hidden />} onClick={() => setManagingTemplates(true)}>
            E-mail templates
          </Menu.Item>
          {user.role === 'admin' && (
            <>
              <Menu.Divider />
              <Menu.Label>Settings</Menu.Label>
              <Menu.Item component={Link} to="/users" leftSection={<IconUsers size={16} aria-hidden />}>
                Users
              </Menu.Item>
              <Menu.Item component={Link} to="/territories" leftSection={<IconMap size={16} aria-hidden />}>
                Territories
              </Menu.Item>
              <Menu.Item component={Link} to="/webhooks" leftSection={<IconWebhook size={16} aria-hidden />}>
                Webhooks
              </Menu.Item>
              <Menu.Divider />
            </>
          )}
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={signOutToHome}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {subscribing && (
        <Suspense fallback={null}>
          <CalendarFeedDialog onClose={() => setSubscribing(false)} />
        </Suspense>
      )}
      {choosing && (
        <Suspense fallback={null}>
          <PreferencesDialog onClose={() => setChoosing(false)} />
        </Suspense>
      )}
      {managingKeys && (
        <Suspense fallback={null}>
          <ApiKeysDialog onClose={() => setManagingKeys(false)} />
        </Suspense>
      )}
      {managingTemplates && (
        <Suspense fallback={null}>
          <EmailTemplatesDialog onClose={() => setManagingTemplates(false)} />
        </Suspense>
      )}
      {changingPassword && (
        <Suspense fallback={null}>
          <PasswordDialog user={user} opened onClose={() => setChangingPassword(false)} />
        </Suspense>
      )}
    </>
  );
}
