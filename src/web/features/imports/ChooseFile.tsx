import { Alert, Button, FileButton, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { type ImportResource, importFields, MAX_IMPORT_ROWS } from '../../../shared/contracts/imports.js';
import { recordNouns } from './import-labels.js';
import { type ChosenFile, fileSize, MAX_FILE_BYTES, readImportFile } from './read-import-file.js';

/**
 * Picks the CSV file and reads it in the browser; a file the API would refuse for its size or kind is
 * refused here in words before anything is sent. Once chosen: its name and size, and another can be picked.
 */
export function ChooseFile({
  resource,
  file,
  onChoose,
}: {
  resource: ImportResource;
  file: ChosenFile | null;
  onChoose: (file: ChosenFile | null) => void;
}) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const choose = async (picked: File | null) => {
    if (!picked) return;
    setReading(true);
    const read = await readImportFile(picked).finally(() => setReading(false));
    setRefusal('refusal' in read ? read.refusal : null);
    onChoose('file' in read ? read.file : null);
  };
  const required = importFields[resource].filter((field) => field.required).map((field) => field.label);
  const picker = (label: string, variant: 'filled' | 'default') => (
    <FileButton onChange={(picked) => void choose(picked)} accept=".csv,text/csv,text/plain">
      {(props) => (
        <Button {...props} variant={variant} loading={reading} leftSection={<IconUpload size={16} aria-hidden />}>
          {label}
        </Button>
      )}
    </FileButton>
  );
  return (
    <>
      {file ? (
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="nowrap" miw={0}>
            <IconFileTypeCsv size={22} aria-hidden style={{ flexShrink: 0 }} />
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Text span fw={600} size="sm">
                {file.name}
              </Text>{' '}
              · {fileSize(file.size)}
            </Text>
          </Group>
          {picker('Choose another file', 'default')}
        </Group>
      ) : (
        <>
          <Text size="sm">
            A CSV file with a heading row, then one {recordNouns[resource].one} per row: up to{' '}
            {MAX_IMPORT_ROWS.toLocaleString('en-US')} rows and {fileSize(MAX_FILE_BYTES)}. Columns are matched to fields
            by their headings; you check the matching before anything is imported.
          </Text>
          <Text size="sm">Each row needs: {required.join(', ')}.</Text>
          <Group>{picker('Choose a CSV file', 'filled')}</Group>
        </>
      )}
      {refusal && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="This file cannot be imported"
        >
          {refusal}
        </Alert>
      )}
    </>
  );
}
