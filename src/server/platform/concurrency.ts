import { AppError, notFound } from '../../shared/errors.js';

/** The answer to a write whose If-Match names a version that is no longer current. */
export function staleVersion(currentVersion: number): AppError {
  return new AppError(
    'precondition_failed',
    `the record has changed since you read it (now at version ${currentVersion}); read it again and retry`,
    { details: { currentVersion } },
  );
}

/**
 * The answer to a write that matched no row after the record was read: under If-Match the record moved
 * on (412); without one nothing was promised about versions, so the record can only have been deleted
 * meanwhile (404). A 412 to a request without a precondition would name a check it never asked for.
 */
export function lostWrite(label: string, expectedVersion: number | undefined, currentVersion: number): AppError {
  return expectedVersion === undefined ? notFound(label) : staleVersion(currentVersion);
}
