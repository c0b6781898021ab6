import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError, type Problem, statusOfErrorCode } from '../../shared/errors.js';
import { findPostgresError, isDatabaseUnavailable } from '../db/postgres-errors.js';

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Invalid request',
  invalid_request: 'Invalid request',
  unauthenticated: 'Unauthenticated',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  precondition_failed: 'Precondition failed',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  service_unavailable: 'Service unavailable',
  internal: 'Internal server error',
};

export const problemTitle = (code: ErrorCode): string => titles[code];

/** The single error handler: every failure leaves as problem+json; a 5xx is logged in full and sent bare. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = isMissingBody(error, request) ? missingBody() : toAppError(error);
  const status = statusOfErrorCode(appError.code);
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
  }
  if (appError.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.retryAfterSeconds));
  // RFC 6750: a 401 names the scheme it wants, so a client knows to send a bearer token (JWT or mk_ key).
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="meridian"');
  sendProblem(reply, request, appError);
}

/**
 * Field errors one answer lists at most. A body of 100,000 unknown keys would otherwise be answered with
 * 100,000 errors: megabytes of JSON built on the event loop for a request that needed no token.
 */
export const MAX_FIELD_ERRORS = 50;

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  const status = statusOfErrorCode(error.code);
  const errors = error.errors ?? [];
  // Extension members first, so none can overwrite a member RFC 9457 defines.
  const problem: Problem & Record<string, unknown> = {
    ...(status < 500 && error.details ? error.details : {}),
    type: `https://meridian.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: titles[error.code],
    status,
    // A 500 is a bug whose message is for the log; a 503 says what is unavailable, and that it will pass.
    detail: status === 500 ? 'Something went wrong on our side; the error has been logged.' : error.message,
    code: error.code,
    // Always present (API.md's problem shape), empty when no single field is at fault.
    errors: errors.slice(0, MAX_FIELD_ERRORS),
    ...(errors.length > MAX_FIELD_ERRORS ? { omittedErrors: errors.length - MAX_FIELD_ERRORS } : {}),
    requestId: request.id,
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

/** Maps whatever was thrown to an AppError: ours as they are, Fastify's and PostgreSQL's by their codes. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.flatMap((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      // An unknown field is named by its own path, as every other field error is, one error per field.
      const unknown = issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : undefined;
      if (Array.isArray(unknown) && unknown.length > 0) {
        return unknown.map((key) => ({
          path: [path, String(key)].filter(Boolean).join('.'),
          message: `"${String(key)}" is not a ${context(error) === 'body' ? 'field' : 'parameter'} of this request`,
        }));
      }
      return [{ path: path || context(error), message: issue.message ?? 'invalid' }];
    });
    return new AppError('validation_failed', `${partNames[context(error)] ?? 'the request'} not valid`, { errors });
  }
  if (isResponseSerializationError(error)) return new AppError('internal', error.message);
  const databaseError = asDatabaseError(error);
  if (databaseError) return databaseError;
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'the request body is larger than this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return missingBody();
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidJson();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation_failed', 'the Content-Length does not match the body');
    default:
      break;
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return invalidJson();
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(
      status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation_failed',
      fastifyError.message ?? 'bad request',
    );
  }
  return new AppError('internal', error instanceof Error ? error.message : String(error));
}

/**
 * A route that needs a body was sent none (or an empty one, which the JSON parser reads as none): said
 * as such, rather than as a schema's "expected object, received null".
 */
function isMissingBody(error: unknown, request: FastifyRequest): boolean {
  return hasZodFastifySchemaValidationErrors(error) && context(error) === 'body' && request.body == null;
}

const missingBody = () => new AppError('validation_failed', 'the body is empty; send a JSON object');

function context(error: { validationContext?: string }): string {
  return error.validationContext ?? 'body';
}

/** The part of a request Fastify validated, as a sentence names it. */
const partNames: Record<string, string> = {
  body: 'the request body is',
  querystring: 'the query string is',
  params: 'the path is',
  headers: 'the request headers are',
};

/** The request field behind each unique rule of the schema that a request can break. */
const uniqueFields: Record<string, string> = {
  users_email_unique: 'email',
  territories_name_unique: 'name',
  contacts_one_primary_per_account: 'isPrimary',
};

/**
 * Constraint violations that reach the handler are conflicts the service could not see coming
 * (two requests racing for the same unique value); the database is the final referee.
 */
function asDatabaseError(error: unknown): AppError | undefined {
  if (isDatabaseUnavailable(error)) {
    return new AppError('service_unavailable', 'the database cannot be reached just now; try again shortly', {
      retryAfterSeconds: 5,
    });
  }
  const cause = findPostgresError(error);
  if (!cause) return undefined;
  switch (cause.code) {
    case '23505': {
      // The field a client can act on, never the database's own name for the rule.
      const field = cause.constraint ? uniqueFields[cause.constraint] : undefined;
      return new AppError('conflict', 'a record with the same unique value already exists', {
        ...(field ? { errors: [{ path: field, message: 'is already in use' }] } : {}),
      });
    }
    case '23503':
      return new AppError('invalid_request', 'a referenced record does not exist');
    case '23514':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new AppError('invalid_request', 'a value is out of range or malformed');
    case '40001':
    case '40P01':
      return new AppError('conflict', 'the record was changed by a concurrent request; retry');
    default:
      return undefined;
  }
}

/**
 * A body that is not JSON, on the body's path. The parser keeps its reason to itself, and it refuses a
 * `__proto__` or `constructor` key as well (it could reach the prototype of what the body becomes), so
 * the message names both.
 */
function invalidJson(): AppError {
  return new AppError('validation_failed', 'the body is not valid JSON', {
    errors: [{ path: 'body', message: 'is not valid JSON, or has a "__proto__" or "constructor" key' }],
  });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over the size limit, a
 * malformed request line, a client too slow to send its headers) are answered as problems as well,
 * written to the socket by hand because there is no request or reply yet.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the URL or the headers are larger than this server accepts']
        : [400, 'the request is not valid HTTP'];
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({
    type: `https://meridian.dev/problems/${title.toLowerCase().replaceAll(' ', '-')}`,
    title,
    status,
    detail,
    errors: [],
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
