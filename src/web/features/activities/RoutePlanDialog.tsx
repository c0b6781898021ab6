import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCalendarPlus, IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, Suspense, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Activity } from '../../../shared/contracts/activities.js';
import type { RouteStop, RouteSuggestion, VisitRoute } from '../../../shared/contracts/visit-routes.js';
import { api } from '../../api/client.js';
import type { MapMarker } from '../../components/MapView.js';
import { QueryError } from '../../components/QueryError.js';
import { clock, dateTime, distance } from '../../lib/format.js';
import { currentPosition } from '../../lib/geolocation.js';
import { notifyFailure, notifySaved, refreshAfterWrite } from '../../lib/mutations.js';
import { newIdempotencyKey } from '../attachments/files.js';
import { detourLabel, detourTitle, isPastDay, suggestedVisitAt, suggestionDueText } from './route-suggestions.js';

const MapView = lazy(() => import('../../components/MapView.js').then((module) => ({ default: module.MapView })));

type Start = { lat: number; lng: number } | null;

/** The map's mark for an account the day could take in: an orange dashed ring, unlike a stop's filled dot. */
const SUGGESTION_COLOR = '#d9480f';

/** "1 h 05 min", "12 min": a drive as people say it. */
function driveTime(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * A day's visits in the order that drives least (GET /visit-route), from the first visit or from where
 * the rep is now, with when each is reached; "Reschedule" moves the visits to those times in one go.
 * Appointments (a time agreed with the customer) keep their time: the route waits for them, and says
 * which it cannot reach in time.
 */
export function RoutePlanDialog({ date, onClose }: { date: string; onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [startFrom, setStartFrom] = useState<'first' | 'here'>('first');
  const [start, setStart] = useState<Start>(null);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);
  const [roundTrip, setRoundTrip] = useState(false);
  const [startTime, setStartTime] = useState('');
  const validStartTime = /^([01]\d|2[0-3]):[0-5]\d$/.test(startTime) ? startTime : undefined;

  const params = new URLSearchParams({ date, timeZone });
  if (start) {
    params.set('startLat', String(start.lat));
    params.set('startLng', String(start.lng));
    if (roundTrip) params.set('returnToStart', 'true');
  }
  if (validStartTime) params.set('startTime', validStartTime);
  const plan = useQuery({
    queryKey: ['visit-route', params.toString()],
    queryFn: ({ signal }) => api.get<VisitRoute>(`/visit-route?${params}`, { signal }),
  });

  const apply = useMutation({
    mutationFn: (route: VisitRoute) =>
      api.post<VisitRoute>('/visit-route/apply', {
        date,
        timeZone,
        ...(start ? { start, returnToStart: roundTrip } : {}),
        ...(validStartTime ? { startTime: validStartTime } : {}),
        order: route.stops.map((stop) => stop.activityId),
      }),
    onSuccess: (route) => {
      refreshAfterWrite(queryClient, ['activities']);
      void queryClient.invalidateQueries({ queryKey: ['visit-route'] });
      const moved = route.stops.filter((stop) => !stop.fixedTime).length;
      const kept = route.stops.length - moved;
      notifySaved(
        `${moved} ${moved === 1 ? 'visit' : 'visits'} rescheduled to the route${kept > 0 ? `; ${kept} ${kept === 1 ? 'appointment keeps its' : 'appointments keep their'} time` : ''}`,
      );
      onClose();
    },
    onError: (error) => notifyFailure(error, { title: 'The visits were not rescheduled' }),
  });

  // One Idempotency-Key per visit as asked: a retry of the same request (its answer lost) plans it once.
  const lastAdd = useRef<{ body: string; key: string } | null>(null);
  const addVisit = useMutation({
    mutationFn: ({ suggestion, stops }: { suggestion: RouteSuggestion; stops: RouteStop[] }) => {
      const body = {
        type: 'visit' as const,
        subject: `Visit ${suggestion.accountName}`,
        accountId: suggestion.accountId,
        scheduledAt: suggestedVisitAt(stops, date),
      };
      const signature = JSON.stringify(body);
      if (lastAdd.current?.body !== signature) lastAdd.current = { body: signature, key: newIdempotencyKey() };
      return api.post<Activity>('/activities', body, { headers: { 'idempotency-key': lastAdd.current.key } });
    },
    onSuccess: async (visit, { suggestion }) => {
      lastAdd.current = null;
      refreshAfterWrite(queryClient, ['activities'], visit.id);
      // The coverage report counts planned visits.
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      notifySaved(`Visit to ${suggestion.accountName} added to the day at ${clock(visit.scheduledAt)}`);
      // Planned again before the button is free: the new stop joins the route and leaves the suggestions.
      await queryClient.invalidateQueries({ queryKey: ['visit-route'] });
    },
    onError: (error, { suggestion }) =>
      notifyFailure(error, { title: `The visit to ${suggestion.accountName} was not added` }),
  });

  const startHere = async () => {
    setStartFrom('here');
    setLocating(true);
    setLocationError(null);
    try {
      const position = await currentPosition();
      setStart({ lat: position.lat, lng: position.lng });
    } catch (error) {
      setStartFrom('first');
      setLocationError((error as Error).message);
    } finally {
      setLocating(false);
    }
  };
  const chooseStart = (value: string) => {
    if (value === 'here') void startHere();
    else {
      setStartFrom('first');
      setStart(null);
      setRoundTrip(false);
    }
  };

  const route = plan.data;
  // A day gone by can take in nothing more.
  const suggestions = route && !isPastDay(date) ? route.suggestions : [];
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Route · ${dayjs(date).format('dddd D MMMM')}`}
      size="lg"
      fullScreen={isPhone}
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <div>
            <Text size="sm" fw={500} mb={4} id="route-start-label">
              Start from
            </Text>
            <SegmentedControl
              aria-labelledby="route-start-label"
              value={startFrom}
              onChange={chooseStart}
              data={[
                { value: 'first', label: 'First visit' },
                { value: 'here', label: 'Where I am' },
              ]}
            />
          </div>
          <TextInput
            label="Leave at"
            type="time"
            w={120}
            value={startTime}
            onChange={(event) => setStartTime(event.currentTarget.value)}
          />
          <Checkbox
            label="Back at the end"
            disabled={!start}
            checked={roundTrip}
            onChange={(event) => setRoundTrip(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
        {locating && <Text size="sm">Finding where you are…</Text>}
        {locationError && (
          <Alert color="yellow" variant="light" title="Starting from the first visit">
            {locationError}
          </Alert>
        )}
        {plan.isPending ? (
          <Skeleton height={240} />
        ) : plan.isError ? (
          <QueryError error={plan.error} what="the route" onRetry={() => plan.refetch()} />
        ) : route && route.stops.length === 0 ? (
          <Text size="sm">
            No planned visits with a place on this day. Visits are placed at their own location or their account’s.
          </Text>
        ) : route ? (
          <RouteDetails route={route} suggestions={suggestions} />
        ) : null}
        {route && !plan.isError && suggestions.length > 0 && (
          <DueNearby
            suggestions={suggestions}
            adding={addVisit.isPending ? addVisit.variables.suggestion.accountId : null}
            onAdd={(suggestion) => addVisit.mutate({ suggestion, stops: route.stops })}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button
            disabled={!route || route.stops.length < 2}
            loading={apply.isPending}
            onClick={() => route && apply.mutate(route)}
          >
            Reschedule visits to this route
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RouteDetails({ route, suggestions }: { route: VisitRoute; suggestions: RouteSuggestion[] }) {
  const saved = route.plannedOrderTravelSeconds - route.totalTravelSeconds;
  const markers: MapMarker[] = [
    // First, so a stop at the same place is drawn over its ring.
    ...suggestions.map((suggestion) => ({
      id: `due-${suggestion.accountId}`,
      ...suggestion.location,
      label: `Due for a visit: ${[suggestion.accountName, detourLabel(suggestion.detourMeters)].filter(Boolean).join(' · ')}`,
      color: SUGGESTION_COLOR,
      ring: true,
      dashed: true,
    })),
    ...(route.start ? [{ id: 'start', ...route.start, label: 'Start', color: '#2f9e44', ring: true }] : []),
    ...route.stops.map((stop, index) => ({
      id: stop.activityId,
      ...stop.location,
      label: `${index + 1}. ${stop.accountName ?? stop.subject} · ${clock(stop.arriveAt)}`,
    })),
  ];
  const path = [
    ...(route.start ? [route.start] : []),
    ...route.stops.map((stop) => stop.location),
    ...(route.returnToStart && route.start ? [route.start] : []),
  ];
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap" role="status" aria-label="Route summary">
        <Badge variant="light">{route.stops.length} visits</Badge>
        <Badge variant="light">{driveTime(route.totalTravelSeconds)} driving</Badge>
        <Badge variant="light">{distance(route.totalTravelMeters)}</Badge>
        {saved >= 60 && (
          <Badge color="teal" variant="light">
            saves {driveTime(saved)} on the order as planned
          </Badge>
        )}
        {route.finishAt && <Badge variant="outline">done by {clock(route.finishAt)}</Badge>}
      </Group>
      {route.lateStops > 0 && (
        <Alert color="red" variant="light" title="Appointments the day cannot keep" icon={<IconAlertTriangle />}>
          {route.lateStops === 1 ? 'One appointment is' : `${route.lateStops} appointments are`} reached after the
          agreed time, whatever the order. Leave earlier, or move a visit to another day.
        </Alert>
      )}
      {route.travelTimes === 'straight-line' && (
        <Text size="xs" c="dimmed">
          Drive times are estimated from straight-line distances.
        </Text>
      )}
      <Suspense fallback={<Skeleton height={220} />}>
        <MapView markers={markers} path={path} height={220} />
      </Suspense>
      {suggestions.length > 0 && (
        <Text size="xs" c="dimmed">
          Blue dots are the stops; dashed orange rings are accounts due for a visit nearby.
        </Text>
      )}
      <List type="ordered" spacing="xs" aria-label="Stops in route order">
        {route.stops.map((stop) => (
          <List.Item key={stop.activityId}>
            <Text size="sm" fw={500} span>
              {clock(visitStart(stop))}–{clock(stop.departAt)} · {stop.subject}
            </Text>
            {stop.fixedTime && <AppointmentBadge stop={stop} />}
            <Text size="xs" c="dimmed">
              {[stop.accountName, stop.address].filter(Boolean).join(' · ')}
              {stop.travelSeconds > 0
                ? ` · ${driveTime(stop.travelSeconds)}, ${distance(stop.travelMeters)} drive`
                : ''}
              {!stop.fixedTime && stop.scheduledAt && clock(stop.scheduledAt) !== clock(stop.arriveAt)
                ? ` · planned ${clock(stop.scheduledAt)}`
                : ''}
              {stop.waitSeconds >= 60
                ? ` · there at ${clock(stop.arriveAt)}, ${driveTime(stop.waitSeconds)} early`
                : ''}
            </Text>
          </List.Item>
        ))}
      </List>
      {route.returnToStart && route.returnSeconds > 0 && (
        <Text size="xs" c="dimmed">
          Back at the start after {driveTime(route.returnSeconds)}, {distance(route.returnMeters)}.
        </Text>
      )}
      {route.unplaced.length > 0 && (
        <Alert color="yellow" variant="light" title="Not on the route">
          {route.unplaced.map((visit) => `${visit.subject}: ${visit.reason}`).join('; ')}. Add a location to the account
          to route them.
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The rep's accounts due for a visit by their call cycle with none planned, those the day passes closest
 * first: each with its detour and how overdue it is, and "Add to this day", which plans the visit.
 */
function DueNearby({
  suggestions,
  adding,
  onAdd,
}: {
  suggestions: RouteSuggestion[];
  /** The account whose visit is being added, if one is: the others wait, as the route is about to change. */
  adding: string | null;
  onAdd: (suggestion: RouteSuggestion) => void;
}) {
  return (
    <section aria-labelledby="route-due-nearby">
      <Text component="h3" size="sm" fw={600} m={0} id="route-due-nearby">
        Due for a visit nearby
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        Your accounts whose call cycle asks for a visit and that have none planned,{' '}
        {suggestions[0]?.detourMeters === null ? 'the longest overdue first' : 'the least detour first'}.
      </Text>
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {suggestions.map((suggestion) => {
          const detour = detourLabel(suggestion.detourMeters);
          return (
            <Group
              key={suggestion.accountId}
              component="li"
              justify="space-between"
              align="center"
              gap="xs"
              wrap="wrap"
            >
              <div style={{ flex: '1 1 200px', minWidth: 0 }}>
                <Anchor component={Link} to={`/accounts/${suggestion.accountId}`} size="sm" fw={500}>
                  {suggestion.accountName}
                </Anchor>
                {detour && (
                  <Text size="sm" span title={detourTitle(suggestion.detourMeters)} style={{ whiteSpace: 'nowrap' }}>
                    {` · ${detour}`}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {suggestion.address && `${suggestion.address} · `}
                  <span title={dueTitle(suggestion)}>{suggestionDueText(suggestion)}</span>
                </Text>
              </div>
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconCalendarPlus size={14} aria-hidden />}
                loading={adding === suggestion.accountId}
                disabled={adding !== null && adding !== suggestion.accountId}
                onClick={() => onAdd(suggestion)}
                aria-label={`Add to this day: ${suggestion.accountName}`}
              >
                Add to this day
              </Button>
            </Group>
          );
        })}
      </Stack>
    </section>
  );
}

/** The exact days behind "Due 12 days ago", for a hover. */
function dueTitle(suggestion: RouteSuggestion): string {
  if (suggestion.lastVisitAt === null || suggestion.visitDueAt === null) return 'No visit logged as done yet';
  return `Last visited ${dateTime(suggestion.lastVisitAt)}; due ${dateTime(suggestion.visitDueAt)}`;
}

/** When the visit itself starts: on arrival, or at an appointment's time when the route gets there early. */
function visitStart(stop: RouteStop): string {
  return new Date(Date.parse(stop.arriveAt) + stop.waitSeconds * 1000).toISOString();
}

/** An appointment's agreed time, and in red with a warning sign when the route reaches it late. */
function AppointmentBadge({ stop }: { stop: RouteStop }) {
  const late = stop.lateSeconds >= 60;
  return (
    <Badge
      ml="xs"
      size="sm"
      variant="light"
      color={late ? 'red' : 'gray'}
      leftSection={late ? <IconAlertTriangle size={12} aria-hidden /> : <IconLock size={12} aria-hidden />}
    >
      {late
        ? `${driveTime(stop.lateSeconds)} late for ${clock(stop.scheduledAt)}`
        : `agreed ${clock(stop.scheduledAt)}`}
    </Badge>
  );
}
