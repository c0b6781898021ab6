import { Alert, Button, Checkbox, Group, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconId } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  CreateImportInput,
  Import,
  ImportMode,
  ImportPreview,
  ImportResource,
} from '../../../shared/contracts/imports.js';
import { api } from '../../api/client.js';
import { ApiProblem } from './ApiProblem.js';
import { ColumnMapping } from './ColumnMapping.js';
import { fieldLabel, listedRows, recordNouns, rowsOf } from './import-labels.js';
import { previewOutcome } from './import-modes.js';
import { RowProblems } from './RowProblems.js';
import type { ChosenFile } from './read-import-file.js';

type Mapping = NonNullable<CreateImportInput['mapping']>;

/**
 * The dry run of the chosen file in the chosen mode (nothing is written): how many rows are ready and
 * what they will do (update a record, add one), the columns and what they fill, the problems by row;
 * changing what a column fills, or the mode, asks again. A file with Meridian IDs about to be added as
 * new records (an export imported back) says so, with the switch to an update one click away. Then the
 * import itself, with the same text, mapping and mode.
 */
export function ImportPreviewStep({
  resource,
  mode,
  onModeChange,
  file,
  onStarted,
  onCancel,
}: {
  resource: ImportResource;
  mode: ImportMode;
  onModeChange: (mode: ImportMode) => void;
  file: ChosenFile;
  onStarted: (started: Import) => void;
  onCancel: () => void;
}) {
  // Undefined until the user changes a column: the server's own mapping by heading stands until then.
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [allowDuplicates, setAllowDuplicates] = useState(false);
  const preview = useQuery({
    // The file's id, not its text, in the key: hashing megabytes on every render would be felt.
    queryKey: ['imports', 'preview', resource, file.id, mode, mapping ?? null],
    queryFn: ({ signal }) =>
      api.post<ImportPreview>(
        '/imports?dryRun=true',
        { resource, mode, csv: file.text, mapping } satisfies Omit<CreateImportInput, 'allowDuplicates'>,
        { signal },
      ),
    // The previous answer stays while the next is asked, so the table does not jump at each change.
    placeholderData: keepPreviousData,
  });
  const start = useMutation({
    mutationFn: () =>
      api.post<Import>('/imports', {
        resource,
        mode,
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
  // Meridian IDs in a file about to be added as new records: an export imported back, most likely.
  const idColumn = mode === 'create' ? result?.columns.find((column) => column.field === 'id') : undefined;
  // Such a row is refused for its ID, whatever else it lacks (an update fills only some cells).
  const refusedForId = new Set(
    idColumn ? (result?.errors ?? []).filter((error) => error.field === 'id').map((error) => error.row) : [],
  );
  // A required field no column fills fails every row, and so does an ID in a plain import: the alerts
  // say so once, not row by row.
  const problems = (result?.errors ?? []).filter(
    (error) => !result?.missingFields.includes(fieldLabel(resource, error.field) ?? '') && !refusedForId.has(error.row),
  );
  const noun = recordNouns[resource];
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
          <ReadyLine preview={result} mode={mode} problemsListed={problems.length > 0} />
          {idColumn && (
            <IdColumnHint
              resource={resource}
              heading={idColumn.heading}
              onUpdate={() => onModeChange('update')}
              onLeaveOut={() => remap(idColumn.heading, null)}
            />
          )}
          {result.missingFields.length > 0 && <MissingFields resource={resource} labels={result.missingFields} />}
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
          {resource === 'contacts' && mode !== 'update' && (
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
          {result
            ? mode === 'update'
              ? `Update ${rowsOf(result.validRows, noun)}`
              : `Import ${rowsOf(result.validRows)}`
            : 'Import'}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * "15 of 17 rows ready: 12 will update accounts, 3 will add new ones, 2 have problems", with an icon and
 * words for what is not, never the colour alone.
 */
function ReadyLine({
  preview,
  mode,
  problemsListed,
}: {
  preview: ImportPreview;
  mode: ImportMode;
  problemsListed: boolean;
}) {
  const failing = preview.rows - preview.validRows;
  const outcome = previewOutcome(preview, mode);
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
        </Text>
        {outcome ? `: ${outcome}` : ''}
        {failing > 0 && problemsListed ? ' (below).' : '.'}
      </Text>
    </Group>
  );
}

function MissingFields({ resource, labels }: { resource: ImportResource; labels: string[] }) {
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  const noun = recordNouns[resource];
  const idOnly = labels.length === 1 && labels[0] === fieldLabel(resource, 'id');
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={`No column fills ${list}`}>
      {idOnly
        ? `An update finds each ${noun.one} by its Meridian ID, the id column of the ${noun.many} list’s Export CSV. Choose it in the field list of the column that holds it, or export the ${noun.many}, edit that file and choose it here.`
        : `${labels.length === 1 ? 'It is required: choose it' : 'They are required: choose each'} in the field list of the column that holds it, or add such a column to the file and choose the file again.`}
    </Alert>
  );
}

/**
 * The file names records by their Meridian ID, yet the import would add new ones: each such row would be
 * refused. Said once, with the switch to an update, or (IDs of another system) leaving the column out.
 */
function IdColumnHint({
  resource,
  heading,
  onUpdate,
  onLeaveOut,
}: {
  resource: ImportResource;
  heading: string;
  onUpdate: () => void;
  onLeaveOut: () => void;
}) {
  const noun = recordNouns[resource];
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconId aria-hidden />}
      title={`This file has Meridian IDs (column “${heading}”)`}
      data-testid="id-column-hint"
    >
      <Text size="sm">
        It looks like an export from Meridian. Added as new {noun.many}, every row with an ID would be refused, so
        nothing is duplicated. To change the {noun.many} the rows name, update them instead.
      </Text>
      <Group gap="xs" mt="xs">
        <Button size="compact-sm" onClick={onUpdate}>
          Update existing records instead
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={onLeaveOut}>
          Not Meridian IDs: leave the column out
        </Button>
      </Group>
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
