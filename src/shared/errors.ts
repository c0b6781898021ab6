import { z } from 'zod';

/**
 * Every error the API can answer with. The code decides the HTTP status (see `statusOfErrorCode`);
 * modules add codes here rather than inventing statuses in handlers.
 */
export const errorCodes = [
  /** The request body, query or parameters do not match the schema. */
  'validation_failed',
  /** The input is well-formed but breaks a business rule (a hierarchy cycle, a bad cursor). */
  'invalid_request',
  /** No credentials, or credentials that are wrong, expired or revoked. */
  'unauthenticated',
  /** The caller is known but their role or key scope may not do this. */
  'forbidden',
  /** The record does not exist or the caller may not see it. */
  'not_found',
  /** The path exists, but not with this method; `Allow` lists the methods it takes. */
  'method_not_allowed',
  /** The change conflicts with the current state (duplicate, already done, idempotency key reuse). */
  'conflict',
  /** `If-Match` names a version that is no longer current. */
  'precondition_failed',
  /** The body is larger than the configured limit. */
  'payload_too_large',
  /** The content type is not JSON. */
  'unsupported_media_type',
  /** Too many requests or too many failed logins; `Retry-After` says when to try again. */
  'rate_limited',
  /** The database or another dependency does not answer. */
  'service_unavailable',
  /** A bug: details are logged, never sent. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export function statusOfErrorCode(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'invalid_request':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'conflict':
      return 409;
    case 'precondition_failed':
      return 412;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'service_unavailable':
      return 503;
    case 'internal':
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`unmapped error code ${String(unhandled)}`);
    }
  }
}

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/**
 * RFC 9457 problem details. Extension members (RFC 9457 §3.2) carry what a client can act on, so the
 * object is open: the known ones are listed, and a client must ignore members it does not know.
 */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(errorCodes),
    errors: z
      .array(fieldErrorSchema)
      .meta({ description: 'The fields at fault, at most 50; empty when the problem is not about one field' }),
    omittedErrors: z
      .number()
      .int()
      .optional()
      .meta({ description: 'How many more fields were at fault than `errors` lists' }),
    requestId: z.string().optional(),
    currentVersion: z.number().int().optional().meta({ description: '412: the version the record is at now' }),
    existingId: z.string().optional().meta({ description: '409 duplicate: the record that already exists' }),
    approvalRequest: z
      .string()
      .optional()
      .meta({ description: '409 approval required: where to ask for the approval' }),
    examples: z.array(z.string()).optional().meta({ description: 'POST /query 400: questions that can be answered' }),
    unread: z
      .array(z.string())
      .optional()
      .meta({ description: 'POST /query 400: the words of the question that could not be placed' }),
    hint: z.string().optional().meta({
      description:
        'POST /query 400: the question asks for what Meridian does not keep (a grouping the records lack), and what can be asked instead',
    }),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

/** The one error type services throw. Extra details are for clients (existing id of a duplicate, etc). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { errors?: FieldError[]; details?: Record<string, unknown>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.errors = options.errors;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = (entity: string) => new AppError('not_found', `${entity} not found`);
