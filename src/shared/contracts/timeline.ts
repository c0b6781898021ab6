import { z } from 'zod';
import { anyOf, idSchema, queryInteger, timestampSchema } from './common.js';
import { recordLinkFields } from './links.js';

/*
 * A record's timeline (`GET /{accounts|contacts|leads|opportunities}/{id}/timeline`): what happened around
 * it, newest first, merged from activities, communications, notes, tasks, files and opportunity stage changes.
 * An account's timeline includes what hangs off its contacts and opportunities; a lead's, what was moved
 * to its converted records stays with them.
 */

export const timelineKinds = ['activity', 'communication', 'note', 'task', 'file', 'stage_change'] as const;
export const timelineKindSchema = z.enum(timelineKinds);
export type TimelineKind = z.infer<typeof timelineKindSchema>;

export const timelineEntrySchema = z
  .object({
    kind: timelineKindSchema,
    id: idSchema.meta({ description: 'Id of the activity, communication, note, task, attachment or stage change' }),
    occurredAt: timestampSchema.meta({
      description:
        'Activities: scheduled (or completed) time; communications: occurredAt; notes and files: createdAt; tasks: dueAt, else createdAt; stage changes: changedAt',
    }),
    title: z
      .string()
      .meta({ description: 'Subject, title, the first line of a note, a file’s name, or "Stage: from → to"' }),
    summary: z
      .string()
      .nullable()
      .meta({ description: 'Description, outcome, body or reason, shortened to 280 characters; a file’s size' }),
    subtype: z.string().nullable().meta({
      description:
        "Activity type, communication channel, task type, the new stage of a stage change, a file's media type; null for notes",
    }),
    status: z.string().nullable().meta({ description: 'Status of an activity, communication or task' }),
    actorId: idSchema.nullable().meta({ description: 'Owner, author, assignee, uploader or who changed the stage' }),
    ...recordLinkFields,
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelineQuerySchema = z.strictObject({
  limit: queryInteger({ min: 1, max: 200, default: 50 }),
  cursor: z.string().min(1).max(1000).optional(),
  kind: anyOf(timelineKindSchema).optional().meta({ description: 'Only these kinds (comma-separated)' }),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const timelinePageSchema = z
  .object({ data: z.array(timelineEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'TimelinePage' });
export type TimelinePage = z.infer<typeof timelinePageSchema>;
