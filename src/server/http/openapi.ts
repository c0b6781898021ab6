import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The generated OpenAPI document, made to say what the server does beyond the zod schemas:
 * - the request headers a route reads (`config.headers`) are documented as header parameters;
 * - errors are `application/problem+json` (RFC 9457), as sent;
 * - each operation lists only the error statuses it can answer: 412 where it reads If-Match, 413 and 415
 *   where it takes a body (a body of another media type is 415).
 */

/** Request headers a route reads and documents. */
export type DocumentedHeader = 'If-Match' | 'Idempotency-Key';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Request headers the route reads; documented in OpenAPI (see http/openapi.ts). */
    headers?: readonly DocumentedHeader[];
  }
}

const headerDocs: Record<DocumentedHeader, { description: string; pattern: string }> = {
  'If-Match': {
    description: 'The ETag of the record as read ("3"). A newer version answers 412 and changes nothing.',
    pattern: '^\\s*(W/)?"?\\d{1,9}"?\\s*$|^\\*$',
  },
  'Idempotency-Key': {
    description:
      'Any unique string (1–255 visible characters). A retry with the same key answers the first result; the same key with another body is 409.',
    pattern: '^[\\x21-\\x7e]{1,255}$',
  },
};

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** jsonSchemaTransform, plus the route's documented request headers. */
export function transformRoute(input: TransformInput) {
  const transformed = jsonSchemaTransform(input);
  const headers = input.route.config?.headers ?? [];
  if (headers.length === 0) return transformed;
  const schema = transformed.schema as Record<string, unknown>;
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
    for (const operation of Object.values(pathItem)) refineResponses(operation);
  }
  return document;
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
  if (!takesBody) delete responses['413'];
  if (takesBody && problem && !responses['415']) {
    responses['415'] = { ...problem, description: 'The body is not JSON (Content-Type application/json)' };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400 || !response.content) continue;
    const schema = Object.values(response.content)[0];
    response.content = { [problemMediaType]: schema };
  }
}
