import { Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Import, ImportMode, ImportResource } from '../../../shared/contracts/imports.js';
import { refreshAfterWrite } from '../../lib/mutations.js';
import { ChooseFile } from './ChooseFile.js';
import { ImportModeChoice } from './ImportModeChoice.js';
import { ImportPreviewStep } from './ImportPreviewStep.js';
import { ImportProgress } from './ImportProgress.js';
import { recordNouns } from './import-labels.js';
import type { ChosenFile } from './read-import-file.js';

/**
 * Imports a CSV file of accounts, contacts or leads: choose what the import does (add new records,
 * update those the file names by Meridian ID, or both) and the file, check the dry run and the mapping
 * of its columns, then follow the import to its summary. The whole screen on a phone.
 */
export function ImportDialog({ resource, onClose }: { resource: ImportResource; onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const [started, setStarted] = useState<Import | null>(null);
  // Once an import has started, rows appear whether the dialog is closed by Done, Close or Escape.
  const close = () => {
    if (started) refreshAfterWrite(queryClient, [resource]);
    onClose();
  };
  return (
    <Modal
      opened
      onClose={close}
      title={`Import ${recordNouns[resource].many} from a CSV file`}
      size="xl"
      fullScreen={isPhone ?? false}
    >
      {started ? (
        <ImportProgress resource={resource} started={started} onDone={close} />
      ) : (
        <Stack gap="sm">
          <ImportModeChoice resource={resource} mode={mode} onChange={setMode} />
          <ChooseFile resource={resource} mode={mode} file={file} onChoose={setFile} />
          {file && (
            // A new file starts over: its own mapping and dry run. A new mode keeps the mapping.
            <ImportPreviewStep
              key={file.id}
              resource={resource}
              mode={mode}
              onModeChange={setMode}
              file={file}
              onStarted={setStarted}
              onCancel={close}
            />
          )}
        </Stack>
      )}
    </Modal>
  );
}
