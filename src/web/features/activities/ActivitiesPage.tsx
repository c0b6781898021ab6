import {
  ActionIcon,
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
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Account } from '../../../shared/contracts/accounts.js';
import { type Activity, activityStatuses, activityTypes } from '../../../shared/contracts/activities.js';
import { usePage, useUserNames } from '../../api/hooks.js';
import { ValueBadge } from '../../components/Badges.js';
import { EmptyState } from '../../components/EmptyState.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AccountPicker } from '../../components/Pickers.js';
import { activityPreset, CREATE_PARAM, useCreateIntent } from '../../lib/create-intent.js';
import { dateTime, humanize, relative } from '../../lib/format.js';
import { activityTypeColors } from '../../lib/labels.js';
import { recordOf, useActivityActions } from './ActivityActions.js';
import { ActivityForm } from './ActivityForm.js';
import { RelatedTo } from './RelatedTo.js';
import { VisitStamps } from './VisitStamps.js';

const MapView = lazy(() => import('../../components/MapView.js').then((module) => ({ default: module.MapView })));

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
        <WeekView />
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

/** Monday to Sunday, activities by their scheduled time; arrows move a week. */
function WeekView() {
  const [offset, setOffset] = useState(0);
  const start = dayjs()
    .startOf('day')
    .subtract((dayjs().day() + 6) % 7, 'day')
    .add(offset * 7, 'day');
  const end = start.add(7, 'day');
  const page = usePage<Activity>(
    'activities',
    `scheduledAtFrom=${start.toISOString()}&scheduledAtTo=${end.toISOString()}&sort=scheduledAt&limit=200`,
  );
  const days = Array.from({ length: 7 }, (_, index) => start.add(index, 'day'));
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <ActionIcon variant="default" onClick={() => setOffset(offset - 1)} aria-label="Previous week">
          <IconChevronLeft size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="default" onClick={() => setOffset(offset + 1)} aria-label="Next week">
          <IconChevronRight size={16} aria-hidden />
        </ActionIcon>
        <Button variant="subtle" size="xs" onClick={() => setOffset(0)}>
          This week
        </Button>
        <Text fw={600}>
          {start.format('D MMM')} – {end.subtract(1, 'day').format('D MMM YYYY')}
        </Text>
      </Group>
      {page.isPending ? (
        <Skeleton height={300} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 7 }} spacing={6}>
          {days.map((day) => {
            const items = (page.data?.data ?? []).filter(
              (activity) => activity.scheduledAt && dayjs(activity.scheduledAt).isSame(day, 'day'),
            );
            const today = day.isSame(dayjs(), 'day');
            return (
              <Paper
                key={day.toString()}
                withBorder
                p={6}
                radius="md"
                mih={{ base: 0, sm: 240 }}
                bg={today ? 'indigo.0' : undefined}
              >
                <Text size="xs" fw={700} c={today ? 'indigo.8' : 'dimmed'} mb={4}>
                  {day.format('ddd D')}
                  {today ? ' · today' : ''}
                </Text>
                <Stack gap={4}>
                  {items.map((activity) => (
                    <Anchor
                      key={activity.id}
                      component={Link}
                      to={linkOf(activity)}
                      size="xs"
                      c="inherit"
                      p={4}
                      style={{
                        borderLeft: `3px solid var(--mantine-color-${activityTypeColors[activity.type]}-5)`,
                        background: 'var(--mantine-color-gray-0)',
                        borderRadius: 4,
                      }}
                    >
                      <Text span size="xs" fw={600}>
                        {dayjs(activity.scheduledAt).format('HH:mm')}
                      </Text>{' '}
                      {activity.subject}
                      <Badge size="xs" variant="light" color={activityTypeColors[activity.type]} ml={4}>
                        {activity.type}
                      </Badge>
                    </Anchor>
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
      {page.data && page.data.data.length === 0 && (
        <EmptyState title="Nothing planned this week">
          Plan your visits: open an account and use “Log activity”, or press New activity.
        </EmptyState>
      )}
    </Stack>
  );
}

/** Visits where they happened and accounts where they are; markers show without map tiles. */
function MapPanel() {
  const navigate = useNavigate();
  const visits = usePage<Activity>('activities', 'type=visit&sort=-scheduledAt&limit=200');
  const accounts = usePage<Account>('accounts', 'limit=200&sort=name');
  const markers = [
    ...(accounts.data?.data ?? [])
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
    ...(visits.data?.data ?? [])
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
