import {
  Alert,
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
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import type { RouteStop, VisitRoute } from '../../../shared/contracts/visit-routes.js';
import { api } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { clock, distance } from '../../lib/format.js';
import { currentPosition } from '../../lib/geolocation.js';
import { notifyFailure, notifySaved, refreshAfterWrite } from '../../lib/mutations.js';

const MapView = lazy(() => import('../../components/MapView.js').then((module) => ({ default: module.MapView })));

type Start = { lat: number; lng: number } | null;

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
          <RouteDetails route={route} />
        ) : null}
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

function RouteDetails({ route }: { route: VisitRoute }) {
  const saved = route.plannedOrderTravelSeconds - route.totalTravelSeconds;
  const markers = [
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
