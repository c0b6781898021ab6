import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef } from 'react';
import { ATTACHMENT_NAME_MAX, type Attachment, cleanFileName } from '../../../shared/contracts/attachments.js';
import { ApiError } from '../../api/client.js';
import { focusFirstError } from '../../lib/forms.js';
import { reportSaveError } from '../../lib/mutations.js';
import { useRenameFile } from './attachmentQueries.js';

/**
 * Renames a file. The name is selected up to its extension, so typing replaces the name and keeps the
 * type. Someone else's change meanwhile (412) closes the dialog on the reloaded list, and says so.
 */
export function RenameFileDialog({ file, onClose }: { file: Attachment; onClose: () => void }) {
  const rename = useRenameFile();
  const input = useRef<HTMLInputElement>(null);
  const form = useForm({
    initialValues: { fileName: file.fileName },
    validate: {
      fileName: (value) => {
        const cleaned = cleanFileName(value);
        if (!cleaned) return 'Required';
        return value.trim().length > ATTACHMENT_NAME_MAX ? `At most ${ATTACHMENT_NAME_MAX} characters` : null;
      },
    },
  });
  useEffect(() => {
    // After the modal's own focus: select the name, not the extension.
    const timer = setTimeout(() => {
      const dot = file.fileName.lastIndexOf('.');
      input.current?.setSelectionRange(0, dot > 0 ? dot : file.fileName.length);
    }, 50);
    return () => clearTimeout(timer);
  }, [file.fileName]);

  const save = (fileName: string) => {
    if (cleanFileName(fileName) === file.fileName) return onClose();
    rename.mutate(
      { file, fileName },
      {
        onSuccess: onClose,
        onError: (error) => {
          reportSaveError(form, error, { title: `${file.fileName} was not renamed` });
          if (error instanceof ApiError && (error.status === 412 || error.status === 403)) onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Rename ${file.fileName}`}>
      <form onSubmit={form.onSubmit((values) => save(values.fileName), focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput
            ref={input}
            label="File name"
            required
            data-autofocus
            maxLength={ATTACHMENT_NAME_MAX}
            {...form.getInputProps('fileName')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.isPending}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
