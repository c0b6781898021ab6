import { Alert, Button, Checkbox, Group, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CreateImportInput, Import, ImportPreview, ImportResource } from '../../../shared/contracts/imports.js';
import { api } from '../../api/client.js';
import { ApiProblem } from './ApiProblem.js';
import { ColumnMapping } from './ColumnMapping.js';
import { fieldLabel, listedRows, recordNouns, rowsOf } from './import-labels.js';
import { RowProblems } from './RowProblems.js';
import type { ChosenFile } from './read-import-file.js';

type Mapping = NonNullable<CreateImportInput['mapping']>;

/**
 * The dry run of the chosen file (nothing is written): how many rows are ready, the columns and what they
 * fill, the problems by row; changing what a column fills asks again with the whole mapping. Then the
 * import itself, with the same text and mapping.
 */
export function ImportPreviewStep({
  resource,
  file,
  onStarted,
  onCancel,
}: {
  resource: ImportResource;
  file: ChosenFile;
  onStarted: (started: Import) => void;
  onCancel: () => void;
}) {
  // Undefined until the user changes a column: the server's own mapping by heading stands until then.
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [allowDuplicates, setAllowDuplicates] = useState(false);
  const preview = useQuery({
    // The file's id, not its text, in the key: hashing megabytes on every render would be felt.
    queryKey: ['imports', 'preview', resource, file.id, mapping ?? null],
    queryFn: ({ signal }) =>
      api.post<ImportPreview>('/imports?dryRun=true', { resource, csv: file.text, mapping }, { signal }),
    // The previous answer stays while the next is asked, so the table does not jump at each change.
    placeholderData: keepPreviousData,
  });
  const start = useMutation({
    mutationFn: () =>
      api.post<Import>('/imports', {
        resource,
        mode: 'create',
        csv: file.text,
        mapping,
        allowDuplicates,
      } satisfies CreateImportInput),
    onSuccess: onStarted,
  });

  const remap = (heading: string, field: string | null) => {
    const current = preview.data?.columns ?? [];
    // A field comes from one column only: the column that had it gives it up.
    const next: Mapping = Object.fromEntries(
      current.map((column) => [column.heading, field !== null && column.field === field ? null : column.field]),
    );
    next[heading] = field;
    setMapping(next);
  };

  const result = preview.data;
  const ready = result && result.missingFields.length === 0 && result.validRows > 0;
  // A required field no column fills fails every row: the alert says so once, not row by row.
  const problems = (result?.errors ?? []).filter(
    (error) => !result?.missingFields.includes(fieldLabel(resource, error.field) ?? ''),
  );
  return (
    <Stack gap="sm">
      {preview.isPending ? (
        <PreviewSkeleton />
      ) : preview.isError ? (
        <ApiProblem
          error={preview.error}
          title={`${file.name} could not be checked`}
          onRetry={() => void preview.refetch()}
        />
      ) : result ? (
        <Stack gap="sm" aria-busy={preview.isFetching}>
          <ReadyLine preview={result} problemsListed={problems.length > 0} />
          {result.missingFields.length > 0 && <MissingFields labels={result.missingFields} />}
          <ColumnMapping resource={resource} columns={result.columns} onChange={remap} />
          {problems.length > 0 && (
            <RowProblems
              resource={resource}
              errors={problems}
              title="Problems"
              note={`These rows are left out of the import and listed again at the end, to fix and import later.${
                listedRows(result.errors) < result.rows - result.validRows ? ' The first 200 problems are shown.' : ''
              }`}
            />
          )}
          {resource === 'contacts' && (
            <Checkbox
              label="Add contacts whose e-mail another contact already has"
              description="Otherwise those rows are not imported, and are listed at the end."
              checked={allowDuplicates}
              onChange={(event) => setAllowDuplicates(event.currentTarget.checked)}
            />
          )}
        </Stack>
      ) : null}
      {start.isError && <ApiProblem error={start.error} title="The import did not start" />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button disabled={!ready || preview.isFetching} loading={start.isPending} onClick={() => start.mutate()}>
          {result ? `Import ${rowsOf(result.validRows)}` : 'Import'}
        </Button>
      </Group>
    </Stack>
  );
}

/** "2 of 3 rows ready", with an icon and words for what is not, never the colour alone. */
function ReadyLine({ preview, problemsListed }: { preview: ImportPreview; problemsListed: boolean }) {
  const failing = preview.rows - preview.validRows;
  const noun = recordNouns[preview.resource];
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" role="status">
      {failing === 0 ? (
        <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" aria-hidden style={{ flexShrink: 0 }} />
      ) : (
        <IconAlertTriangle size={20} color="var(--mantine-color-orange-7)" aria-hidden style={{ flexShrink: 0 }} />
      )}
      <Text size="sm">
        <Text span fw={600} size="sm">
          {preview.validRows.toLocaleString('en-US')} of {rowsOf(preview.rows)} ready
        </Text>{' '}
        to become {noun.many}
        {failing > 0 ? `; ${rowsOf(failing)} ${failing === 1 ? 'has' : 'have'} problems` : ''}
        {failing > 0 && problemsListed ? ' (below).' : '.'}
      </Text>
    </Group>
  );
}

function MissingFields({ labels }: { labels: string[] }) {
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={`No column fills ${list}`}>
      {labels.length === 1 ? 'It is required: choose it' : 'They are required: choose each'} in the field list of the
      column that holds it, or add such a column to the file and choose the file again.
    </Alert>
  );
}

/** The shape of the preview while the first dry run runs: the line, then a few rows of the table. */
function PreviewSkeleton() {
  return (
    <Stack gap="xs">
      <VisuallyHidden role="status">Checking the file</VisuallyHidden>
      <Skeleton height={20} width="60%" />
      {[0, 1, 2, 3].map((row) => (
        <Skeleton key={row} height={36} />
      ))}
    </Stack>
  );
}
