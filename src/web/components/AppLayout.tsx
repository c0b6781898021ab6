import {
  AppShell,
  Burger,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBuildingStore,
  IconCalendarEvent,
  IconChartBar,
  IconChecklist,
  IconFileInvoice,
  IconForms,
  IconLayoutDashboard,
  IconLayoutKanban,
  IconMap,
  IconMessageQuestion,
  IconPackage,
  IconSearch,
  IconTarget,
  IconTargetArrow,
  IconUserPlus,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import type { Role } from '../../shared/contracts/users.js';
import { useMe } from '../api/hooks.js';
import { getSession } from '../api/session.js';
import { Logo } from './Logo.js';
import { NotificationsBell } from './NotificationsBell.js';
import { PageSkeleton } from './PageSkeleton.js';
import { openSearch, SearchSpotlight } from './SearchSpotlight.js';
import { UserMenu } from './UserMenu.js';

/**
 * `except`: a deeper page that has its own entry, so the two are never lit at once. `roles`: who sees the
 * entry (everyone when not given).
 */
type NavItem = { to: string; label: string; icon: typeof IconLayoutDashboard; except?: string; roles?: Role[] };

const navigation: NavItem[] = [
  // Everyone's figures, reps' too (their home is the board).
  { to: '/overview', label: 'Overview', icon: IconLayoutDashboard },
  // The board is a rep's home (UI.md, Pipedrive): one click from anywhere, not behind the deals list.
  { to: '/opportunities/board', label: 'Pipeline', icon: IconLayoutKanban },
  { to: '/accounts', label: 'Accounts', icon: IconBuildingStore },
  { to: '/contacts', label: 'Contacts', icon: IconAddressBook },
  { to: '/leads', label: 'Leads', icon: IconUserPlus },
  { to: '/opportunities', label: 'Opportunities', icon: IconTargetArrow, except: '/opportunities/board' },
  { to: '/products', label: 'Products', icon: IconPackage },
  { to: '/quotes', label: 'Quotes', icon: IconFileInvoice },
  { to: '/activities', label: 'Activities', icon: IconCalendarEvent },
  { to: '/tasks', label: 'Tasks', icon: IconChecklist },
  { to: '/reports', label: 'Reports', icon: IconChartBar },
  // Managers and admins set them; reps read their own there (and their attainment in the reports).
  { to: '/targets', label: 'Targets', icon: IconTarget },
  { to: '/ask', label: 'Ask', icon: IconMessageQuestion },
];

/**
 * Managers and admins: where the website's inquiries go (lead forms). Admins only: who may sign in and see
 * what (Users and Territories show others a read-only directory), and which systems are told of changes.
 * A rep has none of these, and no Settings heading.
 */
const settings: NavItem[] = [
  { to: '/lead-forms', label: 'Lead forms', icon: IconForms, roles: ['manager', 'admin'] },
  { to: '/users', label: 'Users', icon: IconUsers, roles: ['admin'] },
  { to: '/territories', label: 'Territories', icon: IconMap, roles: ['admin'] },
  { to: '/webhooks', label: 'Webhooks', icon: IconWebhook, roles: ['admin'] },
];

/** The frame of every signed-in page: header (search, notifications, user), navigation, the page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigation_ = useNavigation();
  // The freshest role known without waiting: `/users/me` once it has answered, else the session's.
  const role = (useMe().data ?? getSession()?.user)?.role;
  const mySettings = settings.filter((item) => !item.roles || (role !== undefined && item.roles.includes(role)));

  // On a phone the menu closes once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => close(), [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        {/* Keyboard users skip the header and the navigation (WCAG 2.4.1): the first Tab lands here. */}
        <a href="#main-content" className="skip-link">
          Skip to content
        </a>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Open navigation"
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <Logo />
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <UnstyledButton
              onClick={openSearch}
              aria-label="Search (Ctrl+K)"
              px="sm"
              py={6}
              style={{
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 'var(--mantine-radius-md)',
                display: 'flex',
                alignItems: 'center',
                gap: 8,
              }}
            >
              <IconSearch size={16} aria-hidden />
              <Text size="sm" c="dimmed" visibleFrom="md">
                Search… <kbd style={{ fontSize: 11 }}>Ctrl K</kbd>
              </Text>
            </UnstyledButton>
            <NotificationsBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main" id="app-navigation">
        <ScrollArea>
          {navigation.map((item) => (
            <NavEntry key={item.to} item={item} />
          ))}
          {mySettings.length > 0 && (
            <div>
              <Divider my="xs" />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={4}>
                Settings
              </Text>
              {mySettings.map((item) => (
                <NavEntry key={item.to} item={item} />
              ))}
            </div>
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0" id="main-content" tabIndex={-1}>
        {navigation_.state === 'loading' && <VisuallyHidden role="status">Loading</VisuallyHidden>}
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <SearchSpotlight />
    </AppShell>
  );
}

/**
 * An entry of the navigation, lit on its pages and on none other's. It says so to screen readers itself
 * (`aria-current`): react-router's own NavLink would also mark the deals list current on the board.
 */
function NavEntry({ item }: { item: NavItem }) {
  const { pathname } = useLocation();
  const active = pathname.startsWith(item.to) && !(item.except !== undefined && pathname.startsWith(item.except));
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
      active={active}
      aria-current={active ? 'page' : undefined}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}
