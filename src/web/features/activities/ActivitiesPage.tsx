import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconChevronLeft,
  IconChevronRight,
  IconCircleCheck,
  IconCircleX,
  IconLock,
  IconRoute,
} from '@tabler/icons-react';
import dayjs from 'dayjs';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Account } from '../../../shared/contracts/accounts.js';
import { type Activity, activityStatuses, activityTypes } from '../../../shared/contracts/activities.js';
import { useAllPages, useMe, useUserNames } from '../../api/hooks.js';
import { ValueBadge } from '../../components/Badges.js';
import { EmptyState } from '../../components/EmptyState.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AccountPicker } from '../../components/Pickers.js';
import { QueryError } from '../../components/QueryError.js';
import { activityPreset, CREATE_PARAM, useCreateIntent } from '../../lib/create-intent.js';
import { count, dateTime, humanize, relative } from '../../lib/format.js';
import { activityTypeColors } from '../../lib/labels.js';
import { type ActivityActions, recordOf, useActivityActions } from './ActivityActions.js';
import { ActivityForm } from './ActivityForm.js';
import { RelatedTo } from './RelatedTo.js';
import { VisitStamps } from './VisitStamps.js';

const MapView = lazy(() => import('../../components/MapView.js').then((module) => ({ default: module.MapView })));
const RoutePlanDialog = lazy(() =>
  import('./RoutePlanDialog.js').then((module) => ({ default: module.RoutePlanDialog })),
);

/**
 * What the list shows when asked for nothing in particular: a rep's to-do (Pipedrive's default), the planned
 * activities soonest first, so what is overdue, then today and this week, are on the first page. It is
 * written into the URL, as any other filter and sort, and each chip or the sort can be changed from there.
 */
const toDoView = { status: 'planned', sort: 'scheduledAt' };

/** URL parameters that do not choose what the list shows (an open form, the chosen columns). */
const viewNeutralParams = new Set([CREATE_PARAM, 'cols']);

export function ActivitiesPage() {
  const [search] = useSearchParams();
  const view = search.get('view') ?? 'list';
  if (view === 'list' && [...search.keys()].every((key) => viewNeutralParams.has(key))) {
    const withToDo = new URLSearchParams(search);
    for (const [key, value] of Object.entries(toDoView)) withToDo.set(key, value);
    return <Navigate to={{ search: withToDo.toString() }} replace />;
  }
  return <ActivitiesView view={view} />;
}

function ActivitiesView({ view }: { view: string }) {
  const [search, setSearch] = useSearchParams();
  const [creating, create] = useCreateIntent();
  const userName = useUserNames();
  const actions = useActivityActions();
  // The create form opened for one kind of activity (`?new=plan-visit`), the filters kept.
  const planNew = (preset: string) => {
    const next = new URLSearchParams(search);
    next.set(CREATE_PARAM, preset);
    setSearch(next, { replace: true });
  };
  const columns: Column<Activity>[] = [
    { key: 'subject', label: 'Subject', render: (row) => row.subject },
    { key: 'type', label: 'Type', render: (row) => <ValueBadge kind="activityType" value={row.type} /> },
    { key: 'related', label: 'Related to', render: (row) => <RelatedTo activity={row} /> },
    { key: 'when', label: 'When', render: (row) => <ActivityWhen activity={row} />, sort: 'scheduledAt' },
    { key: 'status', label: 'Status', render: (row) => humanize(row.status) },
    { key: 'owner', label: 'Owner', render: (row) => userName(row.ownerId) },
    {
      key: 'visit',
      label: 'Check-in',
      render: (row) => (row.type === 'visit' ? <VisitStamps visit={row} compact /> : '—'),
    },
    { key: 'outcome', label: 'Outcome', render: (row) => row.outcome ?? '—', optional: true },
  ];
  return (
    <>
      <PageHeader
        createAction={{ label: 'New activity', onClick: create.open }}
        title="Activities"
        description="Calls, meetings and visits: what's planned and what was done."
        actions={
          <SegmentedControl
            aria-label="View"
            value={view}
            onChange={(value) => setSearch(value === 'list' ? {} : { view: value })}
            data={[
              { value: 'list', label: 'List' },
              { value: 'week', label: 'Week' },
              { value: 'map', label: 'Map' },
            ]}
          />
        }
      />
      {view === 'week' ? (
        <WeekView actions={actions} />
      ) : view === 'map' ? (
        <MapPanel />
      ) : (
        <EntityList<Activity>
          resource="activities"
          noun={{ one: 'activity', many: 'activities' }}
          columns={columns}
          defaultSort="-scheduledAt"
          searchable
          filters={[
            { kind: 'enum', key: 'type', label: 'Type', options: activityTypes },
            { kind: 'enum', key: 'status', label: 'Status', options: activityStatuses },
            { kind: 'owner', key: 'ownerId', label: 'Owner' },
            // When an activity stands (done, else planned, else logged): the API's atFrom / atTo, the same
            // pair the overview's and the reports' links use, so a followed link fills these boxes.
            { kind: 'range', key: 'at', label: 'Date', input: 'date' },
          ]}
          rowLink={(row) => linkOf(row)}
          onRowOpen={(row) => actions.open('edit', row)}
          rowTitle={(row) => row.subject}
          bulk={{ holderField: 'ownerId' }}
          rowActions={(row) => actions.menuItems(row)}
          openingView={{
            filters: { status: toDoView.status },
            empty: {
              title: 'Nothing planned',
              body: 'Plan a visit or a call, and it waits here with its time until it is done.',
              action: (
                <Group gap="xs" justify="center">
                  <Button onClick={() => planNew('plan-visit')}>Plan a visit</Button>
                  <Button variant="default" onClick={() => planNew('plan-call')}>
                    Plan a call
                  </Button>
                </Group>
              ),
            },
          }}
          empty={{
            title: 'No activities yet',
            body: 'Plan your visits for the week, or log the call you just made, from any account page.',
            action: <Button onClick={create.open}>Plan an activity</Button>,
          }}
        />
      )}
      {actions.dialogs}
      {creating && <NewActivity preset={activityPreset(search.get(CREATE_PARAM))} onClose={create.close} />}
    </>
  );
}

function linkOf(activity: Activity) {
  return recordOf(activity)?.to ?? '/activities';
}

function NewActivity({ preset, onClose }: { preset: ReturnType<typeof activityPreset>; onClose: () => void }) {
  // An activity hangs off a record: pick the account first.
  const [account, setAccount] = useState<{ id: string; name?: string } | null>(null);
  if (account)
    return (
      <ActivityForm
        opened
        links={{ accountId: account.id }}
        about={account.name}
        intent={preset.intent}
        type={preset.type}
        onClose={onClose}
      />
    );
  const what = preset.type === 'call' && preset.intent === 'plan' ? 'activity' : preset.type;
  return (
    <Modal opened onClose={onClose} title={`New ${what}: for which account?`}>
      <AccountPicker
        label="Account"
        placeholder="Search accounts"
        value={null}
        onChange={(id, name) => id && setAccount({ id, name: name ?? undefined })}
        data-autofocus
      />
    </Modal>
  );
}

/** The Monday that starts the week of `day`, at midnight in the browser's time zone. */
const mondayOf = (day: dayjs.Dayjs) => day.startOf('day').subtract((day.day() + 6) % 7, 'day');

/**
 * Monday to Sunday, activities by their scheduled time; arrows move a week, kept in the URL (`week`, the
 * Monday) so a week can be linked and Back returns to it. Each entry says its status (a completed one has
 * a check, a cancelled one is struck through) and opens the activity in place, where it is checked into
 * and completed, as every other list of activities does.
 */
function WeekView({ actions }: { actions: ActivityActions }) {
  const [search, setSearch] = useSearchParams();
  const asked = search.get('week');
  const start = mondayOf(asked && dayjs(asked).isValid() ? dayjs(asked) : dayjs());
  const end = start.add(7, 'day');
  const goTo = (monday: dayjs.Dayjs | null) => {
    const next = new URLSearchParams(search);
    if (monday === null) next.delete('week');
    else next.set('week', monday.format('YYYY-MM-DD'));
    setSearch(next);
  };
  const week = useAllPages<Activity>(
    'activities',
    `scheduledAtFrom=${start.toISOString()}&scheduledAtTo=${end.toISOString()}&sort=scheduledAt`,
  );
  const activities = week.data?.items ?? [];
  const days = Array.from({ length: 7 }, (_, index) => start.add(index, 'day'));
  const myId = useMe().data?.id;
  const [routeDay, setRouteDay] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <ActionIcon variant="default" onClick={() => goTo(start.subtract(7, 'day'))} aria-label="Previous week">
          <IconChevronLeft size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="default" onClick={() => goTo(start.add(7, 'day'))} aria-label="Next week">
          <IconChevronRight size={16} aria-hidden />
        </ActionIcon>
        <Button variant="subtle" size="xs" onClick={() => goTo(null)}>
          This week
        </Button>
        <Text fw={600}>
          {start.format('D MMM')} – {end.subtract(1, 'day').format('D MMM YYYY')}
        </Text>
      </Group>
      {week.data?.capped && (
        <CappedNote>
          More than {count(activities.length)} activities this week: the first {count(activities.length)} are shown.{' '}
          <Anchor
            component={Link}
            to={`/activities?atFrom=${start.format('YYYY-MM-DD')}&atTo=${end.subtract(1, 'day').format('YYYY-MM-DD')}&sort=scheduledAt`}
            size="sm"
          >
            List them all
          </Anchor>
        </CappedNote>
      )}
      {week.isPending ? (
        <Skeleton height={300} />
      ) : week.isError ? (
        <QueryError error={week.error} what="this week's activities" onRetry={() => week.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 7 }} spacing={6}>
          {days.map((day) => {
            const items = activities.filter(
              (activity) => activity.scheduledAt && dayjs(activity.scheduledAt).isSame(day, 'day'),
            );
            const today = day.isSame(dayjs(), 'day');
            // A route needs two of the viewer's own planned visits that day.
            const myVisits = items.filter(
              (activity) => activity.type === 'visit' && activity.status === 'planned' && activity.ownerId === myId,
            );
            return (
              <Paper
                key={day.toString()}
                withBorder
                p={6}
                radius="md"
                mih={{ base: 0, sm: 240 }}
                bg={today ? 'indigo.0' : undefined}
                data-testid="week-day"
              >
                <Group justify="space-between" gap={4} mb={4} wrap="nowrap">
                  <Text size="xs" fw={700} c={today ? 'indigo.8' : 'dimmed'}>
                    {day.format('ddd D')}
                    {today ? ' · today' : ''}
                  </Text>
                  {myVisits.length >= 2 && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconRoute size={12} aria-hidden />}
                      onClick={() => setRouteDay(day.format('YYYY-MM-DD'))}
                      aria-label={`Plan the route of ${day.format('dddd D MMMM')}`}
                    >
                      Route
                    </Button>
                  )}
                </Group>
                <Stack gap={4}>
                  {items.map((activity) => (
                    <WeekEntry key={activity.id} activity={activity} onOpen={() => actions.open('edit', activity)} />
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
      {routeDay && (
        <Suspense fallback={null}>
          <RoutePlanDialog date={routeDay} onClose={() => setRouteDay(null)} />
        </Suspense>
      )}
      {week.data && activities.length === 0 && (
        <EmptyState title="Nothing planned this week">
          Plan your visits: open an account and use “Log activity”, or press New activity.
        </EmptyState>
      )}
    </Stack>
  );
}

/** How a week entry says its status: in words for screen readers, and by a mark besides the colour. */
const weekStatus = {
  planned: { said: '', icon: null },
  completed: { said: 'Completed: ', icon: IconCircleCheck },
  cancelled: { said: 'Cancelled: ', icon: IconCircleX },
} as const;

/** One activity in a day of the week: its time, subject and type, and its status; a click opens it. */
function WeekEntry({ activity, onOpen }: { activity: Activity; onOpen: () => void }) {
  const status = weekStatus[activity.status];
  const Icon = status.icon;
  const cancelled = activity.status === 'cancelled';
  return (
    <UnstyledButton
      onClick={onOpen}
      p={4}
      fz="xs"
      data-testid="week-entry"
      data-status={activity.status}
      title={`${humanize(activity.status)} ${activity.type}: ${activity.subject}`}
      style={{
        borderLeft: `3px solid var(--mantine-color-${cancelled ? 'gray' : activityTypeColors[activity.type]}-5)`,
        background: 'var(--mantine-color-gray-0)',
        borderRadius: 4,
        color: cancelled ? 'var(--mantine-color-dimmed)' : undefined,
        overflowWrap: 'anywhere',
      }}
    >
      {Icon && (
        <Icon
          size={13}
          aria-hidden
          style={{ verticalAlign: '-2px', marginRight: 2 }}
          color={`var(--mantine-color-${cancelled ? 'gray-7' : 'teal-8'})`}
        />
      )}
      <VisuallyHidden>{status.said}</VisuallyHidden>
      <Text span size="xs" fw={600} td={cancelled ? 'line-through' : undefined}>
        {dayjs(activity.scheduledAt).format('HH:mm')}
      </Text>
      {activity.fixedTime && activity.status === 'planned' && (
        <>
          <IconLock size={11} aria-hidden style={{ verticalAlign: '-1px', marginLeft: 2 }} />
          <VisuallyHidden> (agreed with the customer)</VisuallyHidden>
        </>
      )}{' '}
      <Text span size="xs" td={cancelled ? 'line-through' : undefined}>
        {activity.subject}
      </Text>
      <Badge size="xs" variant="light" color={cancelled ? 'gray' : activityTypeColors[activity.type]} ml={4}>
        {activity.type}
      </Badge>
    </UnstyledButton>
  );
}

/** Says that a view shows only part of what there is, and where to see the rest. */
function CappedNote({ children }: { children: ReactNode }) {
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} aria-hidden />} p="xs">
      <Text size="sm">{children}</Text>
    </Alert>
  );
}

/**
 * Visits where they happened and accounts where they are; markers show without map tiles. Every page of
 * both is read (up to a cap, said when reached), so a manager's legend counts all they may see.
 */
function MapPanel() {
  const navigate = useNavigate();
  const visits = useAllPages<Activity>('activities', 'type=visit&sort=-scheduledAt');
  const accounts = useAllPages<Account>('accounts', 'sort=name');
  const markers = [
    ...(accounts.data?.items ?? [])
      .filter((account) => account.location)
      .map((account) => ({
        id: `a-${account.id}`,
        lat: account.location?.lat ?? 0,
        lng: account.location?.lng ?? 0,
        label: `Account: ${account.name}`,
        color: '#4263eb',
        ring: true,
        onClick: () => navigate(`/accounts/${account.id}`),
      })),
    ...(visits.data?.items ?? [])
      .filter((visit) => visit.location ?? visit.checkIn)
      .map((visit) => ({
        id: `v-${visit.id}`,
        lat: visit.checkIn?.lat ?? visit.location?.lat ?? 0,
        lng: visit.checkIn?.lng ?? visit.location?.lng ?? 0,
        label: `Visit: ${visit.subject} (${humanize(visit.status)})`,
        color: '#0ca678',
        onClick: () => navigate(linkOf(visit)),
      })),
  ];
  if (accounts.isPending || visits.isPending) return <Skeleton height={480} />;
  return (
    <Stack gap="xs">
      {(accounts.data?.capped || visits.data?.capped) && (
        <CappedNote>
          The map shows {accounts.data?.capped ? `the first ${count(accounts.data.items.length)} accounts` : ''}
          {accounts.data?.capped && visits.data?.capped ? ' and ' : ''}
          {visits.data?.capped ? `the latest ${count(visits.data.items.length)} visits` : ''}; there are more. Narrow
          the lists to find the rest.
        </CappedNote>
      )}
      <Group gap="md">
        <Text size="sm">
          <span style={{ color: '#4263eb' }}>○</span> Accounts (
          {markers.filter((marker) => marker.id.startsWith('a-')).length})
        </Text>
        <Text size="sm">
          <span style={{ color: '#0ca678' }}>●</span> Visits (
          {markers.filter((marker) => marker.id.startsWith('v-')).length})
        </Text>
      </Group>
      <Suspense fallback={<Skeleton height={480} />}>
        <MapView markers={markers} height={480} />
      </Suspense>
    </Stack>
  );
}

export const Component = ActivitiesPage;

/**
 * The exact time, and under it what matters at a glance (UI.md): "in 3 days", or, for a planned activity
 * whose time has passed, "2 days overdue" in red with a warning sign, as the tasks and the board say it.
 */
function ActivityWhen({ activity }: { activity: Activity }) {
  const at = activity.scheduledAt ?? activity.completedAt;
  if (!at) return <>—</>;
  const overdue = activity.status === 'planned' && dayjs(at).isBefore(dayjs());
  return (
    <>
      {dateTime(at)}
      {activity.status !== 'cancelled' && (
        <Text size="xs" c={overdue ? 'red.9' : 'dimmed'}>
          {overdue ? `⚠ ${dayjs(at).fromNow(true)} overdue` : relative(at)}
        </Text>
      )}
    </>
  );
}
