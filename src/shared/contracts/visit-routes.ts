import { z } from 'zod';
import {
  dateSchema,
  idSchema,
  queryBoolean,
  queryCoordinate,
  queryInteger,
  timestampSchema,
  timeZoneSchema,
} from './common.js';

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const coordinatesSchema = z.object({ lat: latitude, lng: longitude });

/** A time of day, 24-hour: when the day's first stop is reached, or the day's trip leaves its start. */
const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour)')
  .meta({ description: 'HH:MM, 24-hour' });

const planFields = {
  date: dateSchema.meta({ description: 'The day whose planned visits are routed, in timeZone' }),
  timeZone: timeZoneSchema.default('UTC'),
  ownerId: z
    .union([idSchema, z.literal('me')])
    .default('me')
    .meta({ description: "Whose visits: the caller's (me), or a rep's the caller may change" }),
  startTime: timeOfDaySchema
    .optional()
    .meta({ description: "When the day's trip starts; default: the first visit's time as planned, else 09:00" }),
};

/**
 * How far out of its way a day goes for an account due for a visit, by default: 40 km more driving
 * (straight line), about twenty out and back, is half an hour or so more on the road.
 */
export const SUGGESTION_DETOUR_KM = 40;

export const visitRouteQuerySchema = z.strictObject({
  ...planFields,
  startLat: queryCoordinate(latitude).optional().meta({ description: 'Where the trip starts (with startLng)' }),
  startLng: queryCoordinate(longitude).optional(),
  returnToStart: queryBoolean.default(false).meta({ description: 'A round trip back to the start' }),
  suggestWithinKm: queryInteger({ min: 1, max: 500, default: SUGGESTION_DETOUR_KM }).meta({
    description: 'Suggest only due accounts the day can take in for at most this much more driving (km, straight line)',
  }),
});
export type VisitRouteQuery = z.infer<typeof visitRouteQuerySchema>;

export const applyVisitRouteSchema = z.strictObject({
  ...planFields,
  start: coordinatesSchema.optional().meta({ description: 'Where the trip starts' }),
  returnToStart: z.boolean().default(false),
  order: z.array(idSchema).min(1).max(50).meta({
    description: "Every routable visit of the day, in the order to make them (a plan's stops, or rearranged)",
  }),
});
export type ApplyVisitRouteInput = z.infer<typeof applyVisitRouteSchema>;

export const routeStopSchema = z.object({
  activityId: idSchema,
  subject: z.string(),
  accountId: idSchema.nullable(),
  accountName: z.string().nullable(),
  location: coordinatesSchema,
  address: z.string().nullable(),
  durationMinutes: z.number().int().meta({ description: 'Time on site: the visit’s duration, else 30' }),
  scheduledAt: timestampSchema.nullable().meta({ description: 'When the visit is planned now' }),
  fixedTime: z
    .boolean()
    .meta({ description: 'An appointment: the route reaches it by scheduledAt and never moves it' }),
  arriveAt: timestampSchema.meta({ description: 'When the route reaches it' }),
  waitSeconds: z
    .number()
    .int()
    .meta({ description: 'Early for an appointment: the wait until its time, before the visit starts' }),
  lateSeconds: z
    .number()
    .int()
    .meta({ description: 'How long after its agreed time the route reaches an appointment' }),
  departAt: timestampSchema,
  travelSeconds: z.number().int().meta({ description: 'From the previous stop (or the start)' }),
  travelMeters: z.number().int(),
  version: z.number().int().meta({ description: 'The visit’s version, as If-Match would name it' }),
});

/** An account of the rep's due for a visit by its call cycle, with no visit planned: one to fit in. */
export const routeSuggestionSchema = z.object({
  accountId: idSchema,
  accountName: z.string(),
  address: z.string().nullable(),
  location: coordinatesSchema,
  visitEveryDays: z.number().int(),
  lastVisitAt: timestampSchema.nullable().meta({ description: 'Its latest completed visit; null if never visited' }),
  visitDueAt: timestampSchema
    .nullable()
    .meta({ description: 'When its cycle asked for the next visit; null if never visited (due at once)' }),
  detourMeters: z.number().int().nullable().meta({
    description:
      'The extra distance (straight line) of fitting it into the route where it costs least; null when the day has no stop and no start',
  }),
});
export type RouteSuggestion = z.infer<typeof routeSuggestionSchema>;

export const visitRouteSchema = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    ownerId: idSchema,
    travelTimes: z.string().meta({ description: 'What estimated the drives: "google-routes", or "straight-line"' }),
    start: coordinatesSchema.nullable(),
    returnToStart: z.boolean(),
    stops: z.array(routeStopSchema),
    returnSeconds: z.number().int().meta({ description: 'The drive back to the start; 0 without returnToStart' }),
    returnMeters: z.number().int(),
    totalTravelSeconds: z.number().int(),
    totalTravelMeters: z.number().int(),
    plannedOrderTravelSeconds: z
      .number()
      .int()
      .meta({ description: 'The same day driven in the order the visits are planned now: what the route saves' }),
    plannedOrderTravelMeters: z.number().int(),
    finishAt: timestampSchema.nullable().meta({ description: 'Leaving the last stop, or back at the start' }),
    unplaced: z
      .array(z.object({ activityId: idSchema, subject: z.string(), reason: z.string() }))
      .meta({ description: 'Visits of the day that cannot be routed: no place known' }),
    lateStops: z.number().int().meta({
      description: 'Appointments the route reaches after their agreed time: they clash with the day as planned',
    }),
    applied: z
      .boolean()
      .meta({ description: 'True when the visits were rescheduled to arriveAt (appointments keep their time)' }),
    suggestions: z.array(routeSuggestionSchema).meta({
      description:
        "Up to 5 of the rep's accounts due for a visit by their call cycle, with a place and no visit planned ahead: those the day passes closest first (least detour, at most suggestWithinKm), else, on a day with no stop and no start, the longest overdue first",
    }),
  })
  .meta({ id: 'VisitRoute' });
export type VisitRoute = z.infer<typeof visitRouteSchema>;
export type RouteStop = z.infer<typeof routeStopSchema>;
