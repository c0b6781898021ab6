import { z } from 'zod';
import { idSchema, timestampSchema } from './common.js';

export const syncProblemSchema = z
  .object({
    userId: idSchema,
    name: z.string(),
    email: z.string(),
    sync: z.enum(['mailbox', 'calendar']).meta({ description: 'mailbox: mail into the log; calendar: Outlook events' }),
    failures: z.number().int().meta({ description: 'Failed attempts in a row' }),
    lastError: z.string().nullable().meta({ description: 'Why the last attempt failed, as Microsoft Graph said' }),
    lastSyncedAt: timestampSchema.nullable().meta({ description: 'The last time it worked for this user' }),
  })
  .meta({ id: 'SyncProblem' });

export const microsoft365StatusSchema = z
  .object({
    configured: z.boolean().meta({ description: 'Microsoft 365 credentials are set' }),
    mailboxSync: z.boolean(),
    calendarSync: z.boolean(),
    mailboxes: z.object({
      ok: z.number().int().meta({ description: 'Users whose mail folders are read without trouble' }),
      failing: z.number().int().meta({ description: 'Users with a folder whose last rounds failed' }),
    }),
    calendars: z.object({
      synced: z.number().int().meta({ description: 'Events written as their activity stands' }),
      due: z.number().int().meta({ description: 'Events still to write' }),
      failing: z.number().int().meta({ description: 'Events whose last attempts failed' }),
    }),
    problems: z.array(syncProblemSchema).meta({
      description: 'Each user something fails for, most failures first (at most 100)',
    }),
  })
  .meta({ id: 'Microsoft365Status' });
export type Microsoft365Status = z.infer<typeof microsoft365StatusSchema>;
export type SyncProblem = z.infer<typeof syncProblemSchema>;
