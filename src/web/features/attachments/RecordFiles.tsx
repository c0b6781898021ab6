import { Anchor, Button, FileButton, Group, Paper, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCamera, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import type { Attachment } from '../../../shared/contracts/attachments.js';
import { useMayChange, useUserNames } from '../../api/hooks.js';
import { Section } from '../../components/Section.js';
import { useDeleteFile, useRecordFiles } from './attachmentQueries.js';
import { FileRow } from './FileRow.js';
import { THUMBNAIL_SIZE } from './FileThumbnail.js';
import { type AttachmentLink, linkQuery } from './files.js';
import { RenameFileDialog } from './RenameFileDialog.js';
import { UploadRow } from './UploadRow.js';
import { useFileDrop } from './useFileDrop.js';
import { useUploads } from './useUploads.js';

/** A phone or a tablet: no files to drag, a camera at hand. */
const TOUCH_DEVICE = '(max-width: 48em), (hover: none) and (pointer: coarse)';

/**
 * A record's files (price lists, signed agreements, photos of a visit), newest first, for the related
 * column of a record page. Files are added with "Upload file" (several at once), by dropping them on the
 * section, or on a phone with "Take photo"; each goes up as its own request with its progress. Whoever
 * sees the record sees, downloads and adds files; whoever uploaded one (their managers, admins) renames
 * and deletes it.
 */
export function RecordFiles({ link, about }: { link: AttachmentLink; about?: string }) {
  // Another record on the same page (a link from one account to another) starts with no uploads of its own.
  return <FilesSection key={linkQuery(link)} link={link} about={about} />;
}

function FilesSection({ link, about }: { link: AttachmentLink; about: string | undefined }) {
  const files = useRecordFiles(link);
  const { uploads, add, retry, cancel, announcement } = useUploads(link);
  const { dragging, dropProps } = useFileDrop(add);
  const touch = useMediaQuery(TOUCH_DEVICE) ?? false;
  const userName = useUserNames();
  const mayChange = useMayChange();
  const remove = useDeleteFile();
  const [renaming, setRenaming] = useState<Attachment | null>(null);
  const items = files.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <div {...dropProps} style={{ position: 'relative' }} data-testid="record-files">
      <Section
        title="Files"
        action={
          <Group gap={4}>
            {touch && (
              <PickFiles onPick={add} camera>
                Take photo
              </PickFiles>
            )}
            <PickFiles onPick={add}>Upload file</PickFiles>
          </Group>
        }
      >
        <Stack gap="xs">
          {uploads.map((upload) => (
            <UploadRow
              key={upload.key}
              upload={upload}
              onRetry={() => retry(upload.key)}
              onCancel={() => cancel(upload.key)}
            />
          ))}
          {files.isPending ? (
            <Stack gap="xs" aria-busy="true" aria-label="Loading the files">
              <Skeleton height={THUMBNAIL_SIZE} />
              <Skeleton height={THUMBNAIL_SIZE} />
            </Stack>
          ) : files.isError ? (
            <Text size="sm">
              The files did not load.{' '}
              <Anchor component="button" type="button" size="sm" onClick={() => files.refetch()}>
                Try again
              </Anchor>
            </Text>
          ) : items.length === 0 ? (
            uploads.length === 0 && <NoFiles touch={touch} />
          ) : (
            items.map((file) => {
              const changeable = mayChange(file.uploadedById);
              return (
                <FileRow
                  key={file.id}
                  file={file}
                  uploader={file.uploadedById ? userName(file.uploadedById) : 'someone'}
                  onRename={changeable ? () => setRenaming(file) : undefined}
                  onDelete={changeable ? () => remove.mutate(file) : undefined}
                />
              );
            })
          )}
          {files.hasNextPage && (
            <Button variant="subtle" size="xs" onClick={() => files.fetchNextPage()} loading={files.isFetchingNextPage}>
              Show more files
            </Button>
          )}
        </Stack>
        <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
      </Section>
      {dragging && <DropHint about={about} />}
      {renaming && <RenameFileDialog key={renaming.id} file={renaming} onClose={() => setRenaming(null)} />}
    </div>
  );
}

/**
 * A button that opens the file picker: several files at once, of any type (a phone offers its camera
 * among the sources); with `camera`, straight to the back camera.
 */
function PickFiles({
  onPick,
  camera,
  children,
}: {
  onPick: (files: File[]) => void;
  camera?: boolean;
  children: ReactNode;
}) {
  const reset = useRef<() => void>(null);
  return (
    <FileButton
      multiple
      resetRef={reset}
      {...(camera ? { accept: 'image/*', capture: 'environment' as const } : {})}
      onChange={(picked) => {
        onPick(picked);
        // The same file may be picked again (after a failed upload, or to keep a second copy).
        reset.current?.();
      }}
    >
      {(props) => (
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={camera ? <IconCamera size={14} aria-hidden /> : <IconUpload size={14} aria-hidden />}
          {...props}
        >
          {children}
        </Button>
      )}
    </FileButton>
  );
}

/** The empty state teaches what belongs here, and how to add it on this device. */
function NoFiles({ touch }: { touch: boolean }) {
  return (
    <Paper withBorder radius="md" p="md" style={{ borderStyle: 'dashed' }}>
      <Group gap="sm" wrap="nowrap">
        <IconPaperclip size={20} aria-hidden color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
        <Text size="sm" c="dimmed">
          {touch
            ? 'No files yet. Add a price list, a signed agreement or a photo of the shelf.'
            : 'No files yet. Drop a price list, a signed agreement or a photo here.'}
        </Text>
      </Group>
    </Paper>
  );
}

/** Over the section while files are dragged onto it: where they will go. */
function DropHint({ about }: { about: string | undefined }) {
  return (
    <Paper
      radius="md"
      aria-hidden
      style={{
        position: 'absolute',
        inset: 0,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        border: '2px dashed var(--mantine-primary-color-filled)',
        background: 'color-mix(in srgb, var(--mantine-color-body), transparent 8%)',
        pointerEvents: 'none',
        zIndex: 1,
      }}
    >
      <Group gap="xs" wrap="nowrap" px="md">
        <IconUpload size={20} aria-hidden color="var(--mantine-primary-color-filled)" />
        <Text fw={600} c="var(--mantine-primary-color-filled)" ta="center">
          {about ? `Drop to add to ${about}` : 'Drop to add the files here'}
        </Text>
      </Group>
    </Paper>
  );
}
