import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api/client.js';

/** A failed load, said in words with what to do next. */
export function QueryError({ error, onRetry, what = 'this' }: { error: unknown; onRetry?: () => void; what?: string }) {
  const status = error instanceof ApiError ? error.status : undefined;
  const message =
    status === 404
      ? `We couldn't find ${what}. It may have been deleted, or you may not have access to it.`
      : status === 403
        ? `You don't have access to ${what}. Ask your manager or an admin.`
        : error instanceof Error
          ? error.message
          : 'Something went wrong.';
  return (
    <Alert
      color={status === 404 ? 'gray' : 'red'}
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={`Couldn't load ${what}`}
    >
      {message}
      {onRetry && status !== 404 && (
        <Button size="compact-sm" variant="light" ml="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
