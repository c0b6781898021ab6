import { z } from 'zod';
import {
  anyOf,
  filters,
  idSchema,
  listQuerySchema,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';

/** The records whose changes other systems can follow, by the singular name their events carry. */
export const webhookSubjects = {
  account: ['created', 'updated', 'deleted', 'restored', 'merged'],
  contact: ['created', 'updated', 'deleted', 'restored', 'merged'],
  lead: ['created', 'updated', 'deleted', 'restored', 'converted', 'disqualified', 'reopened'],
  opportunity: ['created', 'updated', 'deleted', 'restored', 'stage_changed'],
  activity: ['created', 'updated', 'deleted', 'restored'],
  task: ['created', 'updated', 'deleted', 'restored', 'completed'],
  note: ['created', 'updated', 'deleted', 'restored'],
  attachment: ['created', 'updated', 'deleted', 'restored'],
  target: ['created', 'updated', 'deleted', 'restored'],
  quote: ['created', 'updated', 'deleted', 'restored', 'sent', 'accepted', 'rejected'],
  communication: ['created', 'updated', 'deleted', 'restored'],
  approval: ['created', 'decided'],
  territory: ['created', 'updated', 'deleted', 'restored'],
  user: ['created', 'updated', 'deleted', 'restored'],
} as const;
export type WebhookSubject = keyof typeof webhookSubjects;

/** Every event type: `account.created`, `opportunity.stage_changed`, …; `ping` tests an endpoint. */
export const webhookEventTypes = Object.entries(webhookSubjects).flatMap(([subject, verbs]) =>
  verbs.map((verb) => `${subject}.${verb}`),
);

/** What a subscription names: an event type, every event of a record (`lead.*`), or everything (`*`). */
const eventPatternSchema = z.string().refine(isEventPattern, {
  message: 'not an event type: use one like account.created, every event of a record like lead.*, or *',
});

function isEventPattern(pattern: string): boolean {
  if (pattern === '*' || webhookEventTypes.includes(pattern)) return true;
  return pattern.endsWith('.*') && Object.hasOwn(webhookSubjects, pattern.slice(0, -2));
}

const urlSchema = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((url) => /^https?:\/\//i.test(url), { message: 'must be an http or https URL' })
  .meta({ description: 'Where events are POSTed' });

export const webhookSchema = z
  .object({
    ...recordFields,
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()).meta({ description: 'Event types, record wildcards (lead.*) or * for all' }),
    active: z.boolean().meta({ description: 'Inactive endpoints get no new events' }),
    disabledReason: z
      .string()
      .nullable()
      .meta({ description: 'Why Meridian turned the endpoint off (it answered 410 Gone), until turned on again' }),
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof webhookSchema>;

export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().meta({
      description: 'Signs every delivery (Meridian-Signature); in this answer and on rotation only, so store it now',
    }),
  })
  .meta({ id: 'CreatedWebhook' });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const createWebhookSchema = z.strictObject({
  url: urlSchema,
  description: z.string().trim().min(1).max(500).nullable().default(null),
  events: z.array(eventPatternSchema).min(1).max(100),
  active: z.boolean().default(true),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    url: urlSchema,
    description: z.string().trim().min(1).max(500).nullable(),
    events: z.array(eventPatternSchema).min(1).max(100),
    active: z.boolean(),
  })
  .partial();
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const listWebhooksQuerySchema = listQuerySchema({
  sorts: ['createdAt', 'updatedAt', 'url'],
  filters: {
    active: filters.boolean().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListWebhooksQuery = z.infer<typeof listWebhooksQuerySchema>;

export const webhookPageSchema = pageSchema(webhookSchema);

export const rotatedWebhookSecretSchema = z.object({ secret: z.string() }).meta({ id: 'WebhookSecret' });

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliverySchema = z
  .object({
    eventId: idSchema.meta({ description: 'The event’s id: the same in every delivery of it, and in its body' }),
    type: z.string(),
    status: z.enum(webhookDeliveryStatuses).meta({
      description: 'pending: not yet accepted (retried with growing pauses); delivered: answered 2xx; failed: gave up',
    }),
    attempts: z.number().int(),
    createdAt: timestampSchema,
    nextAttemptAt: timestampSchema.nullable().meta({ description: 'When a pending delivery is tried next' }),
    lastAttemptAt: timestampSchema.nullable(),
    deliveredAt: timestampSchema.nullable(),
    responseStatus: z.number().int().nullable().meta({ description: 'The HTTP status of the last attempt' }),
    error: z.string().nullable().meta({ description: 'Why the last attempt failed' }),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryDetailSchema = webhookDeliverySchema
  .extend({ payload: z.unknown().meta({ description: 'The event exactly as it is POSTed (see WebhookEvent)' }) })
  .meta({ id: 'WebhookDeliveryDetail' });

export const listWebhookDeliveriesQuerySchema = listQuerySchema({
  sorts: ['createdAt'],
  filters: {
    status: anyOf(z.enum(webhookDeliveryStatuses)).optional(),
  },
});
export type ListWebhookDeliveriesQuery = z.infer<typeof listWebhookDeliveriesQuerySchema>;

export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema);

export const webhookDeliveryParamsSchema = z.strictObject({ id: idSchema, eventId: idSchema });

/** The body of every delivery, in the style of Stripe's events. */
export const webhookEventSchema = z
  .object({
    id: idSchema,
    type: z.string().meta({ description: 'account.created, opportunity.stage_changed, … or ping' }),
    createdAt: timestampSchema,
    actorId: idSchema.nullable().meta({ description: 'Who made the change; null for Meridian itself (jobs, sync)' }),
    data: z.object({
      object: z.record(z.string(), z.unknown()).meta({
        description: 'The record as the API answers it, after the change (a deleted one: as it was)',
      }),
      previousAttributes: z
        .record(z.string(), z.unknown())
        .nullable()
        .meta({ description: 'On updates, the fields that changed, with their values before' }),
    }),
  })
  .meta({ id: 'WebhookEvent' });
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
