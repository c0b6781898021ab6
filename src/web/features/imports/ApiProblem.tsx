import { Alert, Button, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../../api/client.js';
import { sentence } from '../../lib/forms.js';

/**
 * A refused or failed request, said in words in the dialog: the server's detail, then its field errors
 * where they add something (for a file of too many rows, how to split it). "Try again" only where asking
 * again can help: a 4xx answer will be the same.
 */
export function ApiProblem({ error, title, onRetry }: { error: unknown; title: string; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const hints =
    error instanceof ApiError
      ? error.errors.map((item) => item.message).filter((hint) => !message.toLowerCase().includes(hint.toLowerCase()))
      : [];
  const retryable = !(error instanceof ApiError && error.status < 500);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={title}>
      {sentence(message)}
      {hints.length > 0 && (
        <List size="sm" mt={4}>
          {hints.map((hint) => (
            <List.Item key={hint}>{sentence(hint)}</List.Item>
          ))}
        </List>
      )}
      {onRetry && retryable && (
        <Button size="compact-sm" variant="light" mt="xs" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
