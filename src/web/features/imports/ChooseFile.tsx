import { Alert, Button, FileButton, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconBulb, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { type ImportMode, type ImportResource, MAX_IMPORT_ROWS } from '../../../shared/contracts/imports.js';
import { recordNouns } from './import-labels.js';
import { neededLine } from './import-modes.js';
import { type ChosenFile, fileSize, MAX_FILE_BYTES, readImportFile } from './read-import-file.js';

/**
 * Picks the CSV file and reads it in the browser; a file the API would refuse for its size or kind is
 * refused here in words before anything is sent. Once chosen: its name and size, and another can be picked.
 * Before that, what each row needs in the chosen mode, and how to change many records at once: edit an
 * export and import it as an update.
 */
export function ChooseFile({
  resource,
  mode,
  file,
  onChoose,
}: {
  resource: ImportResource;
  mode: ImportMode;
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
  const noun = recordNouns[resource];
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
            A CSV file with a heading row, then one {noun.one} per row: up to {MAX_IMPORT_ROWS.toLocaleString('en-US')}{' '}
            rows and {fileSize(MAX_FILE_BYTES)}. Columns are matched to fields by their headings; you check the matching
            before anything is imported.
          </Text>
          <Text size="sm">{neededLine(resource, mode)}</Text>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconBulb size={18} aria-hidden style={{ flexShrink: 0, marginTop: 1 }} />
            <Text size="sm" c="dimmed">
              To change many {noun.many} at once: Export CSV from the {noun.many} list, edit the file in a spreadsheet
              (keep its id column), then import it here with “Update existing records”.
            </Text>
          </Group>
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
