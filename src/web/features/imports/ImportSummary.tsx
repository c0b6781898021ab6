import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload } from '@tabler/icons-react';
import type { Import, ImportResource } from '../../../shared/contracts/imports.js';
import { downloadCsv } from '../../lib/csv.js';
import { fieldLabel, listedRows } from './import-labels.js';
import { outcomeCounts } from './import-modes.js';
import { RowProblems } from './RowProblems.js';

/**
 * What a finished import updated and created, the rows it could not and why (a Meridian ID that names no
 * record the sender can see among them), to download, fix and import again.
 */
export function ImportSummary({
  resource,
  result,
  onDone,
}: {
  resource: ImportResource;
  result: Import;
  onDone: () => void;
}) {
  const stopped = result.status === 'failed';
  const allDone = !stopped && result.failedRows === 0;
  const download = () =>
    downloadCsv(
      `${resource}-import-failed-rows.csv`,
      ['row', 'field', 'message'],
      result.errors.map((error) => [error.row, fieldLabel(resource, error.field), error.message]),
    );
  return (
    <Stack gap="sm">
      <Alert
        color={allDone ? 'teal' : stopped ? 'red' : 'orange'}
        variant="light"
        icon={allDone ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
        title={stopped ? 'The import stopped' : 'Import finished'}
        role="status"
      >
        <Text size="sm" data-testid="import-counts">
          {outcomeCounts(result)}
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
