import { ActionIcon, Button, Group, Progress, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconRefresh, IconUpload, IconX } from '@tabler/icons-react';
import { THUMBNAIL_SIZE } from './FileThumbnail.js';
import { fileSize } from './files.js';
import type { Upload } from './useUploads.js';

/**
 * A file on its way up (its progress, Cancel) or refused (why, in words and with a warning sign, and
 * Try again when sending it again may work). Laid out as a file's row, so nothing moves when it arrives.
 */
export function UploadRow({
  upload,
  onRetry,
  onCancel,
}: {
  upload: Upload;
  onRetry: () => void;
  onCancel: () => void;
}) {
  const failed = upload.error !== undefined;
  return (
    <Group gap="sm" wrap="nowrap" align="center" data-testid="upload-row">
      <ThemeIcon
        variant="light"
        color={failed ? 'red' : 'blue'}
        size={THUMBNAIL_SIZE}
        radius="sm"
        aria-hidden
        style={{ flexShrink: 0 }}
      >
        {failed ? <IconAlertTriangle size={22} stroke={1.5} /> : <IconUpload size={22} stroke={1.5} />}
      </ThemeIcon>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" fw={600} lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
          {upload.name}
        </Text>
        {failed ? (
          <Text size="xs" c="red.9" role="alert">
            {upload.error}
          </Text>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Progress
              value={upload.percent}
              size="sm"
              style={{ flex: 1 }}
              aria-label={`Uploading ${upload.name}`}
              animated={upload.percent >= 100}
              striped={upload.percent >= 100}
            />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {upload.percent >= 100 ? 'Saving…' : `${upload.percent}% of ${fileSize(upload.size)}`}
            </Text>
          </Group>
        )}
      </div>
      {failed && upload.retryable && (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconRefresh size={12} aria-hidden />}
          onClick={onRetry}
          aria-label={`Try again: upload ${upload.name}`}
        >
          Try again
        </Button>
      )}
      <ActionIcon
        variant="subtle"
        color="gray"
        onClick={onCancel}
        aria-label={failed ? `Dismiss ${upload.name}` : `Cancel the upload of ${upload.name}`}
      >
        <IconX size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
