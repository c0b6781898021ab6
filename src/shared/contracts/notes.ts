import { z } from 'zod';
import { anyOf, filters, idSchema, listQuerySchema, pageSchema, recordFields, updatedAtFilters } from './common.js';
import { createLinkFields, linkFilters, recordLinkFields } from './links.js';

/** Long enough for meeting minutes; a note is not a document store. */
export const NOTE_BODY_MAX = 20_000;

export const noteSchema = z
  .object({
    ...recordFields,
    body: z.string().meta({
      description:
        'Markdown as written, sanitised: raw HTML and script or data URLs are removed when it is stored (code is kept as written)',
    }),
    bodyHtml: z.string().meta({ description: 'The Markdown rendered to HTML and sanitised: safe to put in a page' }),
    pinned: z.boolean(),
    authorId: idSchema.nullable().meta({ description: 'Who wrote it (read-only)' }),
    ...recordLinkFields,
  })
  .meta({ id: 'Note' });
export type Note = z.infer<typeof noteSchema>;

const writableNoteFields = {
  // Not trimmed: the Markdown is kept as written, less raw HTML (leading spaces can mean code).
  body: z
    .string()
    .max(NOTE_BODY_MAX)
    .refine((body) => body.trim().length > 0, 'must not be blank'),
  pinned: z.boolean(),
  ...recordLinkFields,
};

export const createNoteSchema = z
  .strictObject({ ...writableNoteFields, pinned: z.boolean().default(false), ...createLinkFields })
  .meta({ description: 'At least one of accountId, contactId, leadId, opportunityId' });
export type CreateNoteInput = z.infer<typeof createNoteSchema>;

export const updateNoteSchema = z.strictObject(writableNoteFields).partial();
export type UpdateNoteInput = z.infer<typeof updateNoteSchema>;

export const listNotesQuerySchema = listQuerySchema({
  sorts: ['createdAt', 'updatedAt'],
  filters: {
    authorId: anyOf(idSchema).optional(),
    pinned: filters.boolean().optional(),
    ...linkFilters,
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListNotesQuery = z.infer<typeof listNotesQuerySchema>;

export const notePageSchema = pageSchema(noteSchema);
