import { DrizzleQueryError } from 'drizzle-orm';
import { ConfigError } from '../../server/config.js';
import { findPostgresError } from '../../server/db/postgres-errors.js';
import { AppError } from '../../shared/errors.js';

/** A failure the person at the terminal can fix: told in one line, without a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

/** PostgreSQL's five-character SQLSTATE (23505 unique violation, …) anywhere in the cause chain. */
export function postgresErrorCode(error: unknown): string | undefined {
  return findPostgresError(error)?.code;
}

/** One line for stderr: what went wrong, in the words of the layer that knows. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    const fields = error.errors?.map((field) => `${field.path}: ${field.message}`) ?? [];
    return [error.message, ...fields].join('; ');
  }
  if (error instanceof CliError) return error.message;
  if (error instanceof ConfigError) return oneLine(error.message);
  const database = findPostgresError(error);
  if (database?.code === '23505') return 'a record with the same unique value already exists';
  if (database) return `database error ${database.code}: ${database.message}`;
  // drizzle's message quotes the whole statement and its parameters (a backup batch, a password hash): use the cause.
  if (error instanceof DrizzleQueryError && error.cause) return describeError(error.cause);
  // Connection failures to "localhost" try every address and report an AggregateError without a message.
  if (error instanceof AggregateError && !error.message && error.errors.length > 0)
    return describeError(error.errors[0]);
  if (error instanceof Error) return oneLine(error.message || error.name);
  return String(error);
}

function oneLine(message: string): string {
  const [first = '', ...rest] = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return rest.length === 0 ? first : `${first.replace(/:$/, '')}: ${rest.join('; ')}`;
}
