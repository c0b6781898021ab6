import { ActionIcon, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconFiles, IconPaperclip, IconUpload, IconX } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import { fileSize } from '../attachments/files.js';
import { UploadRow } from '../attachments/UploadRow.js';
import { attachedSummary } from './mailFiles.js';
import { RecordFilePicker } from './RecordFilePicker.js';
import type { useMailAttachments } from './useMailAttachments.js';

/**
 * The "Attachments" part of a new e-mail: the chosen files (each with a remove ×) and their size against
 * the limit, files picked from the record's own, or uploaded from the computer to the record first (with
 * their progress: Send waits for them). Why a file was refused is said here, where it was picked.
 */
export function MailAttachments({
  attachments,
  error,
}: {
  attachments: ReturnType<typeof useMailAttachments>;
  /** The server's or the contract's complaint about the files (`attachmentIds`). */
  error: string | undefined;
}) {
  const { sources, chosen, problem, uploads } = attachments;
  const [picking, setPicking] = useState(false);
  const reset = useRef<() => void>(null);
  const labelId = useId();
  if (sources.length === 0) return null;
  return (
    <Stack gap={6} role="group" aria-labelledby={labelId}>
      <Group justify="space-between" gap="xs">
        <Text id={labelId} size="sm" fw={500}>
          Attachments
        </Text>
        <Group gap={4}>
          <Button
            size="compact-sm"
            variant={picking ? 'light' : 'subtle'}
            leftSection={<IconFiles size={14} aria-hidden />}
            aria-expanded={picking}
            onClick={() => setPicking((open) => !open)}
          >
            Choose from files
          </Button>
          <FileButton
            multiple
            resetRef={reset}
            onChange={(picked) => {
              attachments.upload(picked);
              // The same file may be picked again (after a failed upload).
              reset.current?.();
            }}
          >
            {(props) => (
              <Button size="compact-sm" variant="subtle" leftSection={<IconUpload size={14} aria-hidden />} {...props}>
                Upload from computer
              </Button>
            )}
          </FileButton>
        </Group>
      </Group>
      {picking && <RecordFilePicker sources={sources} chosen={chosen} onToggle={attachments.toggle} />}
      {uploads.uploads.map((upload) => (
        <UploadRow
          key={upload.key}
          upload={upload}
          onRetry={() => uploads.retry(upload.key)}
          onCancel={() => uploads.cancel(upload.key)}
        />
      ))}
      {chosen.length > 0 && (
        <Stack gap={2} data-testid="mail-attachments">
          {chosen.map((file) => (
            <Group key={file.id} gap={6} wrap="nowrap" data-testid="mail-attachment">
              <IconPaperclip size={14} aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" style={{ minWidth: 0, flex: 1, overflowWrap: 'anywhere' }}>
                {file.fileName}{' '}
                <Text span size="xs" c="dimmed">
                  {fileSize(file.size)}
                </Text>
              </Text>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                aria-label={`Remove ${file.fileName}`}
                onClick={() => attachments.remove(file)}
              >
                <IconX size={14} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Text size="xs" c="dimmed">
            {attachedSummary(chosen)}
          </Text>
        </Stack>
      )}
      {(problem ?? error) && (
        <Text size="xs" c="red.8" role="alert">
          {problem ?? `The files were refused: ${error}`}
        </Text>
      )}
    </Stack>
  );
}
