import { Alert, Anchor, Button, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.js';

/** A failed load, said in words with what to do next. */
export function QueryError({
  error,
  onRetry,
  what = 'this',
  back,
}: {
  error: unknown;
  onRetry?: () => void;
  what?: string;
  /** Where to go instead, for a record page: its list. */
  back?: { to: string; label: string };
}) {
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
      {((onRetry && status !== 404 && status !== 403) || back) && (
        <Group gap="md" mt="xs">
          {onRetry && status !== 404 && status !== 403 && (
            <Button size="compact-sm" variant="light" onClick={onRetry}>
              Try again
            </Button>
          )}
          {back && (
            <Anchor component={Link} to={back.to} size="sm" underline="always">
              {back.label}
            </Anchor>
          )}
        </Group>
      )}
    </Alert>
  );
}
