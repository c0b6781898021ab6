import { z } from 'zod';
import { anyOf, filters, idSchema, listQuerySchema, pageSchema, recordFields, updatedAtFilters } from './common.js';
import { createLinkFields, linkFilters, recordLinkFields } from './links.js';

/** Long enough for any real file name, short enough to show in a list. */
export const ATTACHMENT_NAME_MAX = 255;

/**
 * Media types a browser may show in the page (a photo, a PDF): every other file is always served as a
 * download, so an uploaded HTML or SVG file can never run script in Meridian's origin.
 */
export const INLINE_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
] as const;

export function showsInline(contentType: string): boolean {
  return (INLINE_CONTENT_TYPES as readonly string[]).includes(contentType);
}

export function isImage(contentType: string): boolean {
  return showsInline(contentType) && contentType.startsWith('image/');
}

/**
 * A file name as kept: no path (a browser may send `C:\fakepath\x.pdf`), no control characters, no
 * surrounding spaces, at most ATTACHMENT_NAME_MAX characters with the extension kept. Empty when nothing
 * is left.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned.length <= ATTACHMENT_NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, ATTACHMENT_NAME_MAX - extension.length) + extension;
}

const fileNameSchema = z
  .string()
  .transform(cleanFileName)
  .pipe(z.string().min(1, 'must name the file').max(ATTACHMENT_NAME_MAX));

export const attachmentSchema = z
  .object({
    ...recordFields,
    fileName: z.string().meta({ description: 'The name it is downloaded under' }),
    contentType: z.string().meta({ description: 'Media type, as the uploading client gave it' }),
    size: z.number().int().meta({ description: 'Bytes' }),
    sha256: z.string().meta({ description: 'Hex SHA-256 of the content' }),
    uploadedById: idSchema.nullable().meta({ description: 'Who uploaded it (read-only)' }),
    ...recordLinkFields,
    activityId: idSchema.nullable().meta({
      description: 'The activity it belongs to (a photo taken at a visit); it carries that activity’s links',
    }),
    communicationId: idSchema.nullable().meta({
      description: 'The e-mail it went out with (a sent quote’s PDF), read-only',
    }),
    contentUrl: z.string().meta({ description: 'Where its bytes are: GET with the same bearer token' }),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * The form fields of an upload (multipart/form-data, beside the `file` part). Links as on notes, or an
 * activity; at least one.
 */
export const createAttachmentFieldsSchema = z
  .strictObject({
    ...createLinkFields,
    activityId: idSchema.nullable().default(null),
    fileName: fileNameSchema.optional().meta({ description: 'Overrides the name the file part carries' }),
  })
  .meta({ description: 'At least one of accountId, contactId, leadId, opportunityId, activityId' });
export type CreateAttachmentFields = z.infer<typeof createAttachmentFieldsSchema>;

/** Renaming, or moving to other records (the bytes never change: upload a new file instead). */
export const updateAttachmentSchema = z
  .strictObject({ fileName: fileNameSchema, ...recordLinkFields, activityId: idSchema.nullable() })
  .partial();
export type UpdateAttachmentInput = z.infer<typeof updateAttachmentSchema>;

export const listAttachmentsQuerySchema = listQuerySchema({
  sorts: ['createdAt', 'updatedAt', 'fileName', 'size'],
  filters: {
    ...linkFilters,
    activityId: anyOf(idSchema).optional(),
    communicationId: anyOf(idSchema).optional(),
    sentWithEmail: filters
      .boolean()
      .optional()
      .meta({ description: 'false: only the files kept on records, not the copies that went out with e-mails' }),
    uploadedById: anyOf(idSchema).optional(),
    contentType: anyOf(z.string().min(1).max(255)).optional(),
    sizeMin: filters.wholeNumber().optional(),
    sizeMax: filters.wholeNumber().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListAttachmentsQuery = z.infer<typeof listAttachmentsQuerySchema>;

export const attachmentPageSchema = pageSchema(attachmentSchema);

export const attachmentContentQuerySchema = z.strictObject({
  disposition: z.enum(['attachment', 'inline']).default('attachment').meta({
    description: 'inline shows a photo or PDF in the browser; other files are always downloaded',
  }),
});
