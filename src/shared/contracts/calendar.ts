import { z } from 'zod';
import { timestampSchema } from './common.js';

export const calendarFeedSchema = z
  .object({
    active: z.boolean(),
    url: z.string().nullable().meta({
      description: 'The subscription address: given once, when the feed is made; only its SHA-256 is kept',
    }),
    webcalUrl: z.string().nullable().meta({ description: 'The same address as webcal://, which opens a calendar app' }),
    createdAt: timestampSchema.nullable(),
    lastReadAt: timestampSchema.nullable().meta({ description: 'When a calendar app last fetched it' }),
  })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

export const calendarFeedTokenParamsSchema = z.strictObject({
  token: z.string().min(20).max(200),
});
