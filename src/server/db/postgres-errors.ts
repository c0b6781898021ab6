/** A PostgreSQL error found in a thrown value: drizzle wraps the driver's error in `cause`. */
export type PostgresError = { code: string; message: string; constraint?: string };

/** PostgreSQL's five-character SQLSTATE (23505 unique violation, …) anywhere in the cause chain. */
export function findPostgresError(error: unknown): PostgresError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        message: typeof candidate.message === 'string' ? candidate.message : '',
        ...(typeof candidate.constraint === 'string' ? { constraint: candidate.constraint } : {}),
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

/** Socket errors of a database that cannot be reached, and SQLSTATEs of one that is going away or full. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What node-postgres and its pool say of a connection lost or never made (they set no code). */
const LOST_CONNECTION = /connection terminated|timeout exceeded when trying to connect|connection error/i;

/**
 * The database is down or out of reach (refused, cut off, shutting down, out of connections): a `503`
 * the client may retry, not a bug. Class 08 is PostgreSQL's "connection exception".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (UNREACHABLE_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (typeof candidate.message === 'string' && LOST_CONNECTION.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}
