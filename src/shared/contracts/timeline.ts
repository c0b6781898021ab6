import { z } from 'zod';
import { anyOf, idSchema, queryInteger, timestampSchema } from './common.js';
import { recordLinkFields } from './links.js';

/*
 * A record's timeline (`GET /{accounts|contacts|leads|opportunities}/{id}/timeline`): what happened around
 * it, newest first, merged from activities, communications, notes, tasks, files, opportunity stage changes
 * and quotes.
 * An account's timeline includes what hangs off its contacts and opportunities; a lead's, what was moved
 * to its converted records stays with them.
 */

export const timelineKinds = ['activity', 'communication', 'note', 'task', 'file', 'stage_change', 'quote'] as const;
export const timelineKindSchema = z.enum(timelineKinds);
export type TimelineKind = z.infer<typeof timelineKindSchema>;

export const timelineEntrySchema = z
  .object({
    kind: timelineKindSchema,
    id: idSchema.meta({
      description: 'Id of the activity, communication, note, task, attachment, stage change or quote',
    }),
    occurredAt: timestampSchema.meta({
      description:
        'Activities: scheduled (or completed) time; communications: occurredAt; notes and files: createdAt; tasks: dueAt, else createdAt; stage changes: changedAt; quotes: their latest step (accepted, rejected, sent, else created)',
    }),
    title: z.string().meta({
      description:
        'Subject, title, the first line of a note, a file’s name, "Stage: from → to", or "Quote Q-00042: title"',
    }),
    summary: z.string().nullable().meta({
      description: 'Description, outcome, body or reason, shortened to 280 characters; a file’s size; a quote’s total',
    }),
    subtype: z.string().nullable().meta({
      description:
        "Activity type, communication channel, task type, the new stage of a stage change, a file's media type, a quote's currency; null for notes",
    }),
    status: z.string().nullable().meta({ description: 'Status of an activity, communication, task or quote' }),
    actorId: idSchema
      .nullable()
      .meta({ description: "Owner, author, assignee, uploader, who changed the stage, or the quote's preparer" }),
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
