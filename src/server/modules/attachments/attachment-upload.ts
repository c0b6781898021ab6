import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type CreateAttachmentFields,
  cleanFileName,
  createAttachmentFieldsSchema,
} from '../../../shared/contracts/attachments.js';
import { AppError } from '../../../shared/errors.js';
import { fileSize } from '../../../shared/file-size.js';
import type { UploadedFile } from './attachments.service.js';

/** The form field that carries the file, as in Stripe's and GitHub's upload APIs. */
export const FILE_FIELD = 'file';

const GENERIC_TYPE = 'application/octet-stream';
const mediaType = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * What a file's extension says when the client said nothing useful (curl -F and many scripts send
 * application/octet-stream): the types a sales team attaches most.
 */
const typeOfExtension: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  csv: 'text/csv',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  eml: 'message/rfc822',
};

/** The media type kept for a file: the client's, bare and lower-case, else one its extension names. */
export function contentTypeOf(given: string | undefined, fileName: string): string {
  const bare = (given ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType.test(bare) && bare !== GENERIC_TYPE) return bare;
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (extension && typeOfExtension[extension]) || GENERIC_TYPE;
}

/**
 * Reads a multipart/form-data upload: the link fields and exactly one `file` part, read whole (busboy
 * stops at the size limit, which is `413`). Anything else is a `4xx` that says what to send.
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ fields: CreateAttachmentFields; file: UploadedFile }> {
  if (!request.isMultipart()) {
    throw new AppError(
      'unsupported_media_type',
      `send the file as multipart/form-data, in a part named "${FILE_FIELD}"`,
    );
  }
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') throw fieldError(part.fieldname, 'must be text');
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== FILE_FIELD) throw fieldError(part.fieldname, `the file goes in the "${FILE_FIELD}" part`);
      // Browsers send a quote in a file name as %22 (the HTML form encoding): the name the user sees has a quote.
      const fileName = cleanFileName((part.filename ?? '').replaceAll('%22', '"'));
      const content = await part.toBuffer();
      file = { fileName, contentType: contentTypeOf(part.mimetype, fileName), content };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'payload_too_large',
        `the file is larger than ${fileSize(maxBytes)}, the most this server keeps`,
      );
    }
    throw error;
  }
  if (!file) throw fieldError(FILE_FIELD, 'attach the file in a part named "file"');
  // Empty form fields mean "no link", as a browser sends an unset input.
  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
  const parsed = createAttachmentFieldsSchema.safeParse(given);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'the form fields are not valid', {
      errors: parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ path: key, message: 'is not a field of an upload' }))
          : [{ path: issue.path.join('.') || 'form', message: issue.message }],
      ),
    });
  }
  return { fields: parsed.data, file };
}

function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', `the upload is not valid: ${path} ${message}`, {
    errors: [{ path, message }],
  });
}

/** The multipart body as OpenAPI says it (the route itself reads the parts: see readUpload). */
export const uploadBodyDocumentation = {
  type: 'object',
  required: [FILE_FIELD],
  properties: {
    [FILE_FIELD]: { type: 'string', format: 'binary', description: 'The file; its part’s filename names it' },
    ...(z.toJSONSchema(createAttachmentFieldsSchema, { io: 'input' }) as { properties: Record<string, unknown> })
      .properties,
  },
  description:
    'multipart/form-data: the file, and at least one of accountId, contactId, leadId, opportunityId, activityId',
};
