import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload } from '@tabler/icons-react';
import type { Import, ImportResource } from '../../../shared/contracts/imports.js';
import { downloadCsv } from '../../lib/csv.js';
import { fieldLabel, listedRows, recordNouns, rowsOf } from './import-labels.js';
import { RowProblems } from './RowProblems.js';

/** What a finished import created, the rows it could not and why, to download, fix and import again. */
export function ImportSummary({
  resource,
  result,
  onDone,
}: {
  resource: ImportResource;
  result: Import;
  onDone: () => void;
}) {
  const noun = recordNouns[resource];
  const stopped = result.status === 'failed';
  const allCreated = !stopped && result.failedRows === 0;
  const download = () =>
    downloadCsv(
      `${resource}-import-failed-rows.csv`,
      ['row', 'field', 'message'],
      result.errors.map((error) => [error.row, fieldLabel(resource, error.field), error.message]),
    );
  return (
    <Stack gap="sm">
      <Alert
        color={allCreated ? 'teal' : stopped ? 'red' : 'orange'}
        variant="light"
        icon={allCreated ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
        title={stopped ? 'The import stopped' : 'Import finished'}
        role="status"
      >
        <Text size="sm" data-testid="import-counts">
          Created: {rowsOf(result.createdRows, noun)}. Not imported: {rowsOf(result.failedRows)}.
        </Text>
      </Alert>
      {result.errors.length > 0 && (
        <>
          <RowProblems
            resource={resource}
            errors={result.errors}
            title="Rows not imported"
            note={listedRows(result.errors) < result.failedRows ? 'The first 1,000 problems are listed.' : undefined}
          />
          <Group>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
              Download the failed rows
            </Button>
          </Group>
        </>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
