import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Import, ImportResource } from '../../../shared/contracts/imports.js';
import { api } from '../../api/client.js';
import { ApiProblem } from './ApiProblem.js';
import { ImportSummary } from './ImportSummary.js';
import { rowsOf } from './import-labels.js';
import { listShows, progressCounts } from './import-modes.js';

const finished = (status: Import['status']) => status === 'completed' || status === 'failed';

/**
 * A started import, read again every second (the server's worker takes it up within one) until it has
 * finished, with what it has updated and created so far; then what it did and what it could not.
 */
export function ImportProgress({
  resource,
  started,
  onDone,
}: {
  resource: ImportResource;
  started: Import;
  onDone: () => void;
}) {
  const progress = useQuery({
    queryKey: ['imports', 'one', started.id],
    queryFn: ({ signal }) => api.get<Import>(`/imports/${started.id}`, { signal }),
    initialData: started,
    refetchInterval: (query) => (query.state.data && finished(query.state.data.status) ? false : 1000),
  });
  const current = progress.data;
  if (finished(current.status)) return <ImportSummary resource={resource} result={current} onDone={onDone} />;
  const share = current.fileRows > 0 ? Math.round((current.processedRows / current.fileRows) * 100) : 0;
  const sofar = current.processedRows > 0 ? progressCounts(current) : '';
  return (
    <Stack gap="sm">
      <Text size="sm" role="status">
        {current.status === 'queued' ? 'Starting the import…' : 'Importing…'}{' '}
        {current.processedRows.toLocaleString('en-US')} of {rowsOf(current.fileRows)} done{sofar ? `: ${sofar}` : ''}.
      </Text>
      <Progress value={share} aria-label="Import progress" size="lg" animated />
      <Text size="xs" c="dimmed">
        You can close this window: the import carries on without it, and the list shows what it has{' '}
        {listShows(current.mode)}.
      </Text>
      {progress.isError && (
        <ApiProblem
          error={progress.error}
          title="How far the import got could not be read"
          onRetry={progress.refetch}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Close
        </Button>
      </Group>
    </Stack>
  );
}
