import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { OPTIONAL_BODY } from './request-bodies.js';

/**
 * The generated OpenAPI document, made to say what the server does beyond the zod schemas:
 * - the request headers a route reads (`config.headers`) are documented as header parameters;
 * - errors are `application/problem+json` (RFC 9457), as sent;
 * - each operation lists only the error statuses it can answer: 412 where it reads If-Match, 413 and 415
 *   where it takes a body (a body of another media type is 415);
 * - a read that answers an ETag documents If-None-Match and its 304.
 */

/** Request headers a route reads and documents. */
export type DocumentedHeader = 'If-Match' | 'If-None-Match' | 'Idempotency-Key';
/** Response headers a route sets on success and documents. */
export type ReplyHeader = 'ETag' | 'Location';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Request headers the route reads; documented in OpenAPI (see http/openapi.ts). */
    headers?: readonly DocumentedHeader[];
    /** Headers of the route's success answers (ETag of the record, Location of a created one). */
    replies?: readonly ReplyHeader[];
    /** The media type of a success answer that is not JSON (Prometheus text), as documented. */
    produces?: string;
    /** The JSON Schema of a multipart/form-data body the handler reads itself (an upload), for the docs only. */
    multipartBody?: Record<string, unknown>;
  }
}

const replyHeaderDocs: Record<ReplyHeader, { type: 'string'; description: string }> = {
  ETag: { type: 'string', description: 'The version of the record, quoted ("3"): send it back in If-Match' },
  Location: { type: 'string', description: 'The path of the created record' },
};

const headerDocs: Record<DocumentedHeader, { description: string; pattern: string }> = {
  'If-Match': {
    description: 'The ETag of the record as read ("3"). A newer version answers 412 and changes nothing.',
    pattern: '^\\s*(W/)?"?\\d{1,9}"?\\s*$|^\\*$',
  },
  'If-None-Match': {
    description:
      'The ETag of the record as last read ("3"). While the record is still at that version the answer is 304 with no body.',
    pattern: '^\\s*\\*\\s*$|^\\s*(W/)?"[^"]*"\\s*(,\\s*(W/)?"[^"]*"\\s*)*$',
  },
  'Idempotency-Key': {
    description:
      'Any unique string (1–255 visible characters). A retry with the same key answers the first result; the same key with another body is 409.',
    pattern: '^[\\x21-\\x7e]{1,255}$',
  },
};

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/**
 * jsonSchemaTransform, plus what the zod schemas cannot say: the request headers the route reads, the
 * headers of its success answers, and no bearer security on the routes that take none (login, and the
 * refresh-token routes whose credential is in the body).
 */
export function transformRoute(input: TransformInput) {
  const transformed = jsonSchemaTransform(input);
  const schema = transformed.schema as Record<string, unknown>;
  const config = input.route.config;
  const auth = config?.auth;
  if (auth && auth.kind !== 'bearer') schema.security = [];
  if (config?.multipartBody) {
    schema.body = config.multipartBody;
    schema.consumes = ['multipart/form-data'];
  }
  const replies = config?.replies ?? [];
  // Every read that answers an ETag honours If-None-Match (http/conditional.ts registerConditionalReads).
  const conditionalRead = [input.route.method].flat().includes('GET') && replies.includes('ETag');
  const headers: readonly DocumentedHeader[] = [
    ...(config?.headers ?? []),
    ...(conditionalRead ? (['If-None-Match'] as const) : []),
  ];
  if (headers.length > 0) {
    const existing = (schema.headers ?? { type: 'object', properties: {} }) as {
      type: string;
      properties: Record<string, unknown>;
    };
    schema.headers = {
      ...existing,
      properties: {
        ...existing.properties,
        ...Object.fromEntries(headers.map((header) => [header, { type: 'string', ...headerDocs[header] }] as const)),
      },
    };
  }
  const responses = (schema.response ?? {}) as Record<string, Record<string, unknown>>;
  const produces = config?.produces;
  if (produces) {
    for (const [status, response] of Object.entries(responses)) {
      if (!/^2\d\d$/.test(status)) continue;
      const { description, ...body } = response;
      responses[status] = { description: description ?? 'Default Response', content: { [produces]: { schema: body } } };
    }
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status) || replies.length === 0) continue;
    // Location belongs to the 201 of a create only.
    const set = replies.filter((header) => header !== 'Location' || status === '201');
    response.headers = Object.fromEntries(set.map((header) => [header, replyHeaderDocs[header]]));
  }
  if (conditionalRead) {
    responses['304'] = {
      description: 'Not Modified: the record is still at the version If-None-Match names; no body',
      headers: { ETag: replyHeaderDocs.ETag },
    };
  }
  return transformed;
}

type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
};

const problemMediaType = 'application/problem+json';

/** jsonSchemaTransformObject, then every operation's error responses as described above. */
export function transformDocument(input: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const document = jsonSchemaTransformObject(input) as { paths?: Record<string, Record<string, Operation>> };
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(pathItem)) {
      refineResponses(operation);
      markOptionalBody(operation);
    }
  }
  return document;
}

/** fastify-swagger marks every request body required; one from `optionalBody` may be left out. */
function markOptionalBody(operation: Operation): void {
  const body = operation.requestBody as { required?: boolean; content?: Record<string, { schema?: object }> };
  const schemas = Object.values(body?.content ?? {}).map((media) => media.schema as Record<string, unknown>);
  if (!schemas.some((schema) => schema?.[OPTIONAL_BODY])) return;
  for (const schema of schemas) delete schema[OPTIONAL_BODY];
  body.required = false;
}

function refineResponses(operation: Operation): void {
  const responses = operation.responses;
  if (!responses) return;
  const readsIfMatch = (operation.parameters ?? []).some(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'if-match',
  );
  const takesBody = operation.requestBody !== undefined;
  const problem = Object.entries(responses).find(([status]) => Number(status) >= 400)?.[1];
  if (!readsIfMatch) delete responses['412'];
  // A 304 has no body; the route schema could only give it one (fastify-swagger makes every entry JSON).
  if (responses['304']) delete responses['304'].content;
  if (!takesBody) delete responses['413'];
  if (takesBody && problem && !responses['415']) {
    const multipart = 'multipart/form-data' in ((operation.requestBody as { content?: object }).content ?? {});
    responses['415'] = {
      ...problem,
      description: multipart
        ? 'The body is not multipart/form-data'
        : 'The body is not JSON (Content-Type application/json)',
    };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400 || !response.content) continue;
    const schema = Object.values(response.content)[0];
    response.content = { [problemMediaType]: schema };
  }
}
