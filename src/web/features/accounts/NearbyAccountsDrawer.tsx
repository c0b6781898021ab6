import { Alert, Anchor, Badge, Button, Chip, Drawer, Group, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCalendarPlus,
  IconCurrentLocation,
  IconCurrentLocationOff,
  IconDirections,
  IconPhone,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type AccountType, accountTypes, type NearbyAccount } from '../../../shared/contracts/accounts.js';
import type { VisitPosition } from '../../../shared/contracts/activities.js';
import { api } from '../../api/client.js';
import { ValueBadge } from '../../components/Badges.js';
import { EmptyState } from '../../components/EmptyState.js';
import type { MapMarker } from '../../components/MapView.js';
import { QueryError } from '../../components/QueryError.js';
import { humanize } from '../../lib/format.js';
import { currentPosition } from '../../lib/geolocation.js';
import {
  accuracyNote,
  activeFilters,
  awayLabel,
  awayTitle,
  directionsUrl,
  type NearbyChoices,
  type NearbyDistance,
  nearbyCountLine,
  nearbyDistances,
  nearbyEmpty,
  nearbyQuery,
  placeLine,
  telHref,
} from './nearby.js';

const MapView = lazy(() => import('../../components/MapView.js').then((module) => ({ default: module.MapView })));

type NearbyAnswer = { data: NearbyAccount[] };

/** The map's marks: the rep as a green ring (as the route's start), accounts as blue dots, due ones orange. */
const HERE_COLOR = '#2f9e44';
const ACCOUNT_COLOR = '#4263eb';
const DUE_COLOR = '#d9480f';

const typeChoices = [
  { value: 'all', label: 'All types' },
  ...accountTypes.map((type) => ({ value: type, label: `${humanize(type)}s` })),
];

type Locating = { state: 'locating' } | { state: 'found'; position: VisitPosition } | { state: 'failed'; why: string };

/**
 * Where the rep stands, asked of the browser when the panel opens and again on "Update position" or
 * "Try again". A fix that arrives after a newer ask (or after the panel closed) is dropped.
 */
function useWhereIAm() {
  const [where, setWhere] = useState<Locating>({ state: 'locating' });
  const asked = useRef(0);
  const locate = useCallback(async () => {
    const ask = ++asked.current;
    setWhere((previous) => (previous.state === 'found' ? previous : { state: 'locating' }));
    try {
      const position = await currentPosition();
      if (ask === asked.current) setWhere({ state: 'found', position });
    } catch (error) {
      if (ask === asked.current) setWhere({ state: 'failed', why: (error as Error).message });
    }
  }, []);
  useEffect(() => {
    void locate();
    return () => {
      asked.current += 1;
    };
  }, [locate]);
  const [updating, setUpdating] = useState(false);
  const update = useCallback(async () => {
    setUpdating(true);
    try {
      await locate();
    } finally {
      setUpdating(false);
    }
  }, [locate]);
  return { where, update, updating };
}

function useNearby(query: string | null) {
  return useQuery({
    // Under the accounts' lists: any change to an account refreshes it (invalidateLists).
    queryKey: ['accounts', 'list', 'nearby', query],
    queryFn: ({ signal }) => api.get<NearbyAnswer>(`/accounts/nearby?${query}`, { signal }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * "Near me": the accounts the rep may see within a distance of where they stand, nearest first, each
 * with its distance, whether its call cycle asks for a visit, and what a rep does next from the
 * pavement: call, get directions, plan a visit. Full screen on a phone.
 */
export function NearbyAccountsDrawer({
  choices,
  onChoicesChange,
  onPlanVisit,
  onClose,
}: {
  choices: NearbyChoices;
  onChoicesChange: (choices: NearbyChoices) => void;
  onPlanVisit: (account: { id: string; name: string }) => void;
  onClose: () => void;
}) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const { where, update, updating } = useWhereIAm();
  const position = where.state === 'found' ? where.position : null;
  const nearby = useNearby(position ? nearbyQuery(position, choices) : null);
  // Which of them are due: the same question with visitDue=true (the nearest 50 due ones include every
  // due one among the nearest 50). Not needed when only due ones are listed.
  const due = useNearby(position && !choices.dueOnly ? nearbyQuery(position, choices, { due: true }) : null);
  const dueIds = new Set(due.data?.data.map((row) => row.account.id) ?? []);
  const isDue = (row: NearbyAccount) => choices.dueOnly || dueIds.has(row.account.id);
  const change = (patch: Partial<NearbyChoices>) => onChoicesChange({ ...choices, ...patch });
  const rows = nearby.data?.data ?? [];

  let body: ReactNode;
  if (where.state === 'failed') {
    body = (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconCurrentLocationOff aria-hidden />}
        title="Meridian cannot tell where you are"
      >
        <Text size="sm">{where.why}</Text>
        <Text size="sm" mt={4}>
          Near me lists the accounts around your position, so it needs it.
        </Text>
        <Button mt="xs" size="compact-sm" variant="light" onClick={() => void update()} loading={updating}>
          Try again
        </Button>
      </Alert>
    );
  } else if (where.state === 'locating' || nearby.isPending) {
    body = (
      <Stack gap="xs" aria-busy="true" aria-label="Finding the accounts near you">
        <Text size="sm" c="dimmed">
          {where.state === 'locating' ? 'Finding where you are…' : 'Looking for accounts nearby…'}
        </Text>
        {[0, 1, 2].map((key) => (
          <Skeleton key={key} height={92} radius="md" />
        ))}
      </Stack>
    );
  } else if (nearby.isError) {
    body = <QueryError error={nearby.error} what="the accounts near you" onRetry={() => nearby.refetch()} />;
  } else if (rows.length === 0) {
    body = <NothingNear choices={choices} onChange={change} />;
  } else {
    body = (
      <Stack gap="sm">
        {position && (
          <Suspense fallback={<Skeleton height={isPhone ? 150 : 220} />}>
            <NearbyMap position={position} rows={rows} isDue={isDue} height={isPhone ? 150 : 220} />
          </Suspense>
        )}
        <Text size="sm" fw={500} role="status">
          {nearbyCountLine(rows.length, choices)}
          {!choices.dueOnly && dueIds.size > 0 && (
            <Text span size="sm" c="dimmed">
              {' · '}
              {rows.filter(isDue).length} due for a visit
            </Text>
          )}
        </Text>
        <Stack
          component="ul"
          gap="xs"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-label="Accounts near you, nearest first"
          aria-busy={nearby.isPlaceholderData && nearby.isFetching}
        >
          {rows.map((row) => (
            <NearbyRow key={row.account.id} row={row} due={isDue(row)} onPlanVisit={onPlanVisit} />
          ))}
        </Stack>
      </Stack>
    );
  }

  const note = position ? accuracyNote(position.accuracy) : null;
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={isPhone ? '100%' : 480}
      title="Accounts near me"
      closeButtonProps={{ 'aria-label': 'Close accounts near me' }}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed">
            {position ? 'Around where you are now, as the crow flies.' : 'Around where you are now.'}
          </Text>
          {where.state !== 'failed' && (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconCurrentLocation size={14} aria-hidden />}
              onClick={() => void update()}
              loading={updating}
              disabled={where.state === 'locating'}
              style={{ flexShrink: 0 }}
            >
              Update position
            </Button>
          )}
        </Group>
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
        <NearbyFilters choices={choices} onChange={change} />
        {body}
      </Stack>
    </Drawer>
  );
}

function NearbyFilters({
  choices,
  onChange,
}: {
  choices: NearbyChoices;
  onChange: (patch: Partial<NearbyChoices>) => void;
}) {
  return (
    <Stack gap={8}>
      <Group gap={6} role="radiogroup" aria-label="How far">
        <Chip.Group
          multiple={false}
          value={String(choices.withinKm)}
          onChange={(value) => onChange({ withinKm: Number(value) as NearbyDistance })}
        >
          {nearbyDistances.map((km) => (
            <Chip key={km} value={String(km)} size="sm">
              {km} km
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      <Group gap={6} align="center">
        <Chip size="sm" checked={choices.mine} onChange={(mine) => onChange({ mine })}>
          Only mine
        </Chip>
        <Chip size="sm" checked={choices.dueOnly} onChange={(dueOnly) => onChange({ dueOnly })}>
          Only due for a visit
        </Chip>
        <Select
          size="xs"
          w={140}
          aria-label="Type"
          data={typeChoices}
          value={choices.type ?? 'all'}
          onChange={(value) => onChange({ type: !value || value === 'all' ? null : (value as AccountType) })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
    </Stack>
  );
}

/** One account: its name to its page, type, whether it is due, where it is, how far; then call, directions, plan. */
function NearbyRow({
  row,
  due,
  onPlanVisit,
}: {
  row: NearbyAccount;
  due: boolean;
  onPlanVisit: (account: { id: string; name: string }) => void;
}) {
  const { account, distanceMeters } = row;
  const tel = telHref(account.phone);
  const place = placeLine(account.address);
  return (
    <li id={`nearby-${account.id}`} aria-label={account.name}>
      <Paper withBorder p="sm" radius="md">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={4} miw={0}>
            <Anchor component={Link} to={`/accounts/${account.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
              {account.name}
            </Anchor>
            <Group gap={6}>
              <ValueBadge kind="accountType" value={account.type} size="sm" />
              {due && (
                <Badge
                  size="sm"
                  color="red"
                  variant="light"
                  leftSection={<IconAlertTriangle size={12} aria-hidden />}
                  data-testid="nearby-due"
                >
                  Due for a visit
                </Badge>
              )}
            </Group>
            {place && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {place}
              </Text>
            )}
          </Stack>
          <Text
            size="sm"
            fw={600}
            title={awayTitle(distanceMeters)}
            style={{ whiteSpace: 'nowrap' }}
            data-testid="nearby-distance"
          >
            {awayLabel(distanceMeters)}
          </Text>
        </Group>
        <Group gap={6} mt="xs">
          {tel && (
            <Button
              component="a"
              href={tel}
              size="compact-sm"
              variant="light"
              leftSection={<IconPhone size={14} aria-hidden />}
              aria-label={`Call ${account.name}`}
            >
              Call
            </Button>
          )}
          {account.location && (
            <Button
              component="a"
              href={directionsUrl(account.location)}
              target="_blank"
              rel="noopener noreferrer"
              size="compact-sm"
              variant="light"
              leftSection={<IconDirections size={14} aria-hidden />}
              aria-label={`Directions to ${account.name}`}
            >
              Directions
            </Button>
          )}
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconCalendarPlus size={14} aria-hidden />}
            onClick={() => onPlanVisit({ id: account.id, name: account.name })}
            aria-label={`Plan a visit to ${account.name}`}
          >
            Plan a visit
          </Button>
        </Group>
      </Paper>
    </li>
  );
}

function NearbyMap({
  position,
  rows,
  isDue,
  height,
}: {
  position: VisitPosition;
  rows: NearbyAccount[];
  isDue: (row: NearbyAccount) => boolean;
  height: number;
}) {
  const markers: MapMarker[] = [
    { id: 'here', lat: position.lat, lng: position.lng, label: 'You are here', color: HERE_COLOR, ring: true },
    ...rows.flatMap(({ account, distanceMeters }) =>
      account.location
        ? [
            {
              id: account.id,
              ...account.location,
              label: [
                account.name,
                awayLabel(distanceMeters),
                isDue({ account, distanceMeters }) ? 'Due for a visit' : '',
              ]
                .filter(Boolean)
                .join(' · '),
              color: isDue({ account, distanceMeters }) ? DUE_COLOR : ACCOUNT_COLOR,
              // A tap on a mark brings its account into view in the list.
              onClick: () =>
                document
                  .getElementById(`nearby-${account.id}`)
                  ?.scrollIntoView({ behavior: 'smooth', block: 'nearest' }),
            },
          ]
        : [],
    ),
  ];
  return (
    <Stack gap={4}>
      <MapView markers={markers} height={height} />
      <Text size="xs" c="dimmed">
        The green ring is you; blue dots are accounts, orange ones are due for a visit.
      </Text>
    </Stack>
  );
}

/** Nothing within the distance: say what was looked for and offer what would find some. */
function NothingNear({
  choices,
  onChange,
}: {
  choices: NearbyChoices;
  onChange: (patch: Partial<NearbyChoices>) => void;
}) {
  const { title, body } = nearbyEmpty(choices);
  const wider = nearbyDistances.find((km) => km > choices.withinKm);
  const filtered = activeFilters(choices).length > 0;
  return (
    <EmptyState
      title={title}
      action={
        (wider || filtered) && (
          <Group gap="xs" justify="center">
            {wider && (
              <Button size="compact-sm" variant="light" onClick={() => onChange({ withinKm: wider })}>
                Widen to {wider} km
              </Button>
            )}
            {filtered && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => onChange({ mine: false, dueOnly: false, type: null })}
              >
                Turn filters off
              </Button>
            )}
          </Group>
        )
      }
    >
      {body}
    </EmptyState>
  );
}
