import { AppError } from '../../shared/errors.js';

/** The answer to a write whose If-Match names a version that is no longer current. */
export function staleVersion(currentVersion: number): AppError {
  return new AppError(
    'precondition_failed',
    `the record has changed since you read it (now at version ${currentVersion}); read it again and retry`,
    { details: { currentVersion } },
  );
}
