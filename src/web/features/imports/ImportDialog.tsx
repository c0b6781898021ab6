import { Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Import, ImportResource } from '../../../shared/contracts/imports.js';
import { refreshAfterWrite } from '../../lib/mutations.js';
import { ChooseFile } from './ChooseFile.js';
import { ImportPreviewStep } from './ImportPreviewStep.js';
import { ImportProgress } from './ImportProgress.js';
import { recordNouns } from './import-labels.js';
import type { ChosenFile } from './read-import-file.js';

/**
 * Imports a CSV file of accounts, contacts or leads: choose the file, check the dry run and the mapping
 * of its columns, then follow the import to its summary. The whole screen on a phone.
 */
export function ImportDialog({ resource, onClose }: { resource: ImportResource; onClose: () => void }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<ChosenFile | null>(null);
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
          <ChooseFile resource={resource} file={file} onChoose={setFile} />
          {file && (
            // A new file starts over: its own mapping and dry run.
            <ImportPreviewStep key={file.id} resource={resource} file={file} onStarted={setStarted} onCancel={close} />
          )}
        </Stack>
      )}
    </Modal>
  );
}
