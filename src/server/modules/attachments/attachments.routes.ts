import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachmentContentQuerySchema,
  attachmentPageSchema,
  attachmentSchema,
  listAttachmentsQuerySchema,
  showsInline,
  updateAttachmentSchema,
} from '../../../shared/contracts/attachments.js';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import { fileSize } from '../../../shared/file-size.js';
import type { Deps } from '../../deps.js';
import { idempotencyKey, operationOf, setEtag } from '../../http/conditional.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { readUpload, uploadBodyDocumentation } from './attachment-upload.js';
import {
  createAttachment,
  deleteAttachment,
  getAttachment,
  getAttachmentContent,
  listAttachments,
  restoreAttachment,
  updateAttachment,
} from './attachments.service.js';

const tags = ['attachments'];

export const attachmentsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const maxBytes = deps.config.attachmentMaxBytes;
  // Registered in this plugin only: every other route still takes JSON alone (415 for a form).
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 20 },
  });
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/attachments',
    {
      config: {
        auth: routeAuth.signedIn,
        headers: ['Idempotency-Key'],
        replies: ['Location', 'ETag'],
        multipartBody: uploadBodyDocumentation,
      },
      schema: {
        tags,
        summary: 'Upload a file to an account, contact, lead, deal or activity',
        description: `multipart/form-data with the file in a part named "file" (up to ${fileSize(maxBytes)}) and the records it belongs to as fields. Whoever sees one of those records sees the file. Send an Idempotency-Key header to make retries safe.`,
        response: withProblems({ 201: attachmentSchema }),
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const idempotency = { key: idempotencyKey(request), operation: operationOf(request) };
      const { fields, file } = await readUpload(request, maxBytes);
      const attachment = await createAttachment(deps, viewer, fields, file, idempotency);
      setEtag(reply, attachment.version);
      return reply.status(201).header('location', `/api/v1/attachments/${attachment.id}`).send(attachment);
    },
  );

  registerResourceRoutes(app, {
    path: '/attachments',
    tag: 'attachments',
    noun: 'attachment',
    deleteDescription: 'The file stays kept, with its bytes, for restore and audit.',
    schemas: {
      record: attachmentSchema,
      page: attachmentPageSchema,
      listQuery: listAttachmentsQuerySchema,
      update: updateAttachmentSchema,
    },
    service: {
      list: (viewer, query) => listAttachments(deps, viewer, query),
      get: (viewer, id) => getAttachment(deps, viewer, id),
      update: (viewer, id, input, version) => updateAttachment(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteAttachment(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreAttachment(deps, viewer, id, expectedVersion),
    },
  });

  api.get(
    '/attachments/:id/content',
    {
      config: { auth: routeAuth.signedIn, produces: 'application/octet-stream' },
      schema: {
        tags,
        summary: 'Download a file',
        description:
          'The bytes as uploaded, with ETag "<sha256>" (If-None-Match answers 304). Photos and PDFs may be shown in the browser with disposition=inline; every other file is a download, served so that no browser runs it.',
        params: idParamsSchema,
        querystring: attachmentContentQuerySchema,
        response: withProblems({ 200: z.string().meta({ format: 'binary', description: 'The file' }) }),
      },
    },
    async (request, reply) => {
      const { attachment, content } = await getAttachmentContent(deps, viewerOf(request), request.params.id);
      const inline = request.query.disposition === 'inline' && showsInline(attachment.contentType);
      reply
        .header('content-type', attachment.contentType)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.fileName))
        .header('etag', `"${attachment.sha256}"`)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff');
      // A file that is not a photo or a PDF never renders in Meridian's origin, whatever a browser makes of it.
      if (!showsInline(attachment.contentType)) reply.header('content-security-policy', "default-src 'none'; sandbox");
      // Bytes go out as they are: Fastify serialises objects only, never a Buffer.
      return reply.send(content as unknown as string);
    },
  );
};
