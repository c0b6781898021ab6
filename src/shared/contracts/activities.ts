import { z } from 'zod';
import { locationSchema } from './accounts.js';
import {
  anyOf,
  filters,
  idSchema,
  listQuerySchema,
  optionalText,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';
import { createLinkFields, linkFilters, recordLinkFields } from './links.js';
import { taskPrioritySchema, taskSchema, taskTypeSchema } from './tasks.js';

export const activityTypes = ['call', 'email', 'meeting', 'task', 'note', 'visit'] as const;
export const activityTypeSchema = z.enum(activityTypes);
export type ActivityType = z.infer<typeof activityTypeSchema>;

export const activityStatuses = ['planned', 'completed', 'cancelled'] as const;
export const activityStatusSchema = z.enum(activityStatuses);
export type ActivityStatus = z.infer<typeof activityStatusSchema>;

export const activityLocationSchema = z
  .object({ ...locationSchema.shape, address: z.string().nullable() })
  .meta({ id: 'ActivityLocation' });

/** Where the rep was when checking in or out of a visit, and how far that was from the account. */
export const visitStampSchema = z
  .object({
    at: timestampSchema,
    lat: z.number(),
    lng: z.number(),
    accuracy: z.number().meta({ description: 'Metres, as the device reported it' }),
    distanceMeters: z
      .number()
      .nullable()
      .meta({ description: "From the linked account's location; null when the account has none" }),
  })
  .meta({ id: 'VisitStamp' });
export type VisitStamp = z.infer<typeof visitStampSchema>;

const fixedTimeMeaning =
  'The time is agreed with the customer (an appointment): route planning keeps it and plans the other visits around it';

export const activitySchema = z
  .object({
    ...recordFields,
    type: activityTypeSchema,
    subject: z.string(),
    description: z.string().nullable(),
    status: activityStatusSchema,
    scheduledAt: timestampSchema.nullable(),
    fixedTime: z.boolean().meta({ description: fixedTimeMeaning }),
    durationMinutes: z.number().int().nullable(),
    completedAt: timestampSchema.nullable(),
    outcome: z.string().nullable(),
    nextSteps: z.string().nullable(),
    location: activityLocationSchema.nullable(),
    ownerId: idSchema.nullable(),
    ...recordLinkFields,
    checkIn: visitStampSchema.nullable(),
    checkOut: visitStampSchema.nullable(),
    farFromAccount: z.boolean().meta({
      description:
        'A check-in, a check-out or the position a visit was completed at was further than the visit radius from the account',
    }),
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof activitySchema>;

const writableLocationSchema = z.strictObject({
  ...locationSchema.shape,
  address: z.string().trim().min(1).max(500).nullable().optional(),
});
export type ActivityLocationInput = z.infer<typeof writableLocationSchema>;

const writableActivityFields = {
  type: activityTypeSchema,
  subject: z.string().trim().min(1).max(300),
  description: optionalText(10_000),
  status: activityStatusSchema,
  scheduledAt: timestampSchema.nullable(),
  fixedTime: z.boolean().meta({ description: `${fixedTimeMeaning}; needs scheduledAt` }),
  durationMinutes: z.number().int().min(0).max(10_080).nullable().meta({ description: 'At most a week' }),
  completedAt: timestampSchema.nullable(),
  outcome: optionalText(10_000),
  nextSteps: optionalText(10_000),
  location: writableLocationSchema.nullable(),
  ownerId: idSchema.nullable(),
  ...recordLinkFields,
};

export const createActivitySchema = z
  .strictObject({
    ...writableActivityFields,
    description: writableActivityFields.description.default(null),
    status: activityStatusSchema
      .default('planned')
      .meta({ description: 'A completed activity (a call already made) gets completedAt now unless given' }),
    scheduledAt: writableActivityFields.scheduledAt.default(null),
    fixedTime: writableActivityFields.fixedTime.default(false),
    durationMinutes: writableActivityFields.durationMinutes.default(null),
    completedAt: writableActivityFields.completedAt.default(null),
    outcome: writableActivityFields.outcome.default(null),
    nextSteps: writableActivityFields.nextSteps.default(null),
    location: writableActivityFields.location.default(null),
    ownerId: idSchema.nullable().optional().meta({ description: 'Defaults to the caller' }),
    ...createLinkFields,
  })
  .meta({ description: 'At least one of accountId, contactId, leadId, opportunityId' });
export type CreateActivityInput = z.infer<typeof createActivitySchema>;

export const updateActivitySchema = z.strictObject(writableActivityFields).partial().meta({
  description:
    'Status may move between planned and cancelled, or from completed back to planned; completing goes through POST /activities/{id}/complete.',
});
export type UpdateActivityInput = z.infer<typeof updateActivitySchema>;

export const completeActivitySchema = z.strictObject({
  outcome: z.string().trim().min(1).max(10_000),
  nextSteps: optionalText(10_000).optional(),
  location: writableLocationSchema.nullable().optional(),
  followUpTask: z
    .strictObject({
      title: z.string().trim().min(1).max(300),
      dueAt: timestampSchema,
      priority: taskPrioritySchema.default('medium'),
      type: taskTypeSchema.default('follow_up'),
      assigneeId: idSchema.optional().meta({ description: "Defaults to the activity's owner" }),
    })
    .optional()
    .meta({ description: 'Created in the same transaction, with the same links as the activity' }),
});
export type CompleteActivityInput = z.infer<typeof completeActivitySchema>;

/** The completed activity itself, as every action answers its record, with the follow-up task it created. */
export const completedActivitySchema = activitySchema
  .extend({
    followUpTask: taskSchema
      .nullable()
      .meta({ description: 'The task the completion created, if one was asked for; not part of the activity' }),
  })
  .meta({ id: 'CompletedActivity' });
export type CompletedActivity = z.infer<typeof completedActivitySchema>;

export const visitPositionSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(1_000_000).meta({ description: 'Metres' }),
});
export type VisitPosition = z.infer<typeof visitPositionSchema>;

export const activitySorts = ['scheduledAt', 'createdAt', 'updatedAt'] as const;
export const listActivitiesQuerySchema = listQuerySchema({
  sorts: activitySorts,
  filters: {
    type: anyOf(activityTypeSchema).optional(),
    status: anyOf(activityStatusSchema).optional(),
    fixedTime: filters.boolean().optional().meta({ description: 'Appointments at an agreed time (true), or not' }),
    ownerId: filters.person().optional(),
    ...linkFilters,
    territoryId: anyOf(idSchema).optional().meta({ description: 'The territory of the linked account' }),
    scheduledAtFrom: filters.instant().optional(),
    scheduledAtTo: filters.instantUntil().optional(),
    completedAtFrom: filters.instant().optional(),
    completedAtTo: filters.instantUntil().optional(),
    // When an activity stands, as the dashboard and the timelines place it: done, else planned, else logged.
    atFrom: filters
      .instant()
      .optional()
      .meta({ description: 'When it stands (completed, else scheduled, else logged) is at or after this' }),
    atTo: filters.instantUntil().optional().meta({ description: 'When it stands is at or before this' }),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    durationMinutesMin: filters.wholeNumber().optional(),
    durationMinutesMax: filters.wholeNumber().optional(),
    ...updatedAtFilters,
  },
});
export type ListActivitiesQuery = z.infer<typeof listActivitiesQuerySchema>;

export const activityPageSchema = pageSchema(activitySchema);
