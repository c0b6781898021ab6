import { z } from 'zod';
import { filters, idSchema, queryBoolean, queryInteger, timestampSchema } from './common.js';

/** What raised a notification. */
export const notificationKinds = [
  'task_reminder',
  'approval_requested',
  'approval_decided',
  'email_failed',
  'sms_failed',
  'quote_expiring',
  'records_handed_over',
  'lead_assigned',
] as const;

export const notificationSchema = z
  .object({
    id: idSchema,
    userId: idSchema,
    kind: z.string().meta({ description: `What raised it: ${notificationKinds.join(', ')}, …` }),
    title: z.string(),
    body: z.string().nullable(),
    entity: z.string().nullable().meta({ description: 'The resource it is about, as in the API path (tasks, …)' }),
    entityId: idSchema.nullable(),
    readAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

/** The caller's notifications, newest first unless `sort=createdAt`; no search, titles are generated. */
export const listNotificationsQuerySchema = z.strictObject({
  limit: queryInteger({ min: 1, max: 200, default: 50 }),
  cursor: z.string().min(1).max(1000).optional(),
  sort: z.enum(['createdAt', '-createdAt']).optional().meta({ description: 'createdAt or -createdAt (the default)' }),
  includeTotal: queryBoolean.optional(),
  unread: filters.boolean().optional().meta({ description: 'true: only unread ones; false: only read ones' }),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const notificationPageSchema = z.object({
  data: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  total: z
    .number()
    .int()
    .optional()
    .meta({ description: 'Every notification matching the filter, with includeTotal=true' }),
  unreadCount: z.number().int().meta({ description: 'All unread notifications of the caller, whatever the filter' }),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const readAllNotificationsResultSchema = z.object({
  updated: z.number().int().meta({ description: 'How many notifications were marked read' }),
});
