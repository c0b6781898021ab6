import { Anchor, Group, Menu, Text } from '@mantine/core';
import { IconCursorText, IconDownload, IconExternalLink, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type Attachment, showsInline } from '../../../shared/contracts/attachments.js';
import { RowMenu } from '../../components/EntityList.js';
import { dateTime, relative } from '../../lib/format.js';
import { downloadFile, openFile } from './attachmentQueries.js';
import { FileThumbnail } from './FileThumbnail.js';
import { fileSize } from './files.js';

/**
 * One file: its thumbnail or icon, its name (which opens a photo or a PDF, and downloads anything else),
 * size, who uploaded it and when; Open, Download, Rename and Delete in its menu, the last two only for
 * whoever may change it.
 */
export function FileRow({
  file,
  uploader,
  onRename,
  onDelete,
}: {
  file: Attachment;
  uploader: string;
  onRename: (() => void) | undefined;
  onDelete: (() => void) | undefined;
}) {
  const queryClient = useQueryClient();
  const opens = showsInline(file.contentType);
  const open = () => void openFile(queryClient, file);
  const download = () => void downloadFile(queryClient, file);
  return (
    <Group gap="sm" wrap="nowrap" align="center" data-testid="file-row">
      <FileThumbnail file={file} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={600}
          ta="left"
          lineClamp={2}
          style={{ overflowWrap: 'anywhere' }}
          title={`${opens ? 'Open' : 'Download'} ${file.fileName}`}
          onClick={opens ? open : download}
        >
          {file.fileName}
        </Anchor>
        <Text size="xs" c="dimmed">
          {fileSize(file.size)} · {uploader}, <span title={dateTime(file.createdAt)}>{relative(file.createdAt)}</span>
        </Text>
      </div>
      <RowMenu label={`Actions for ${file.fileName}`}>
        {opens && (
          <Menu.Item leftSection={<IconExternalLink size={16} aria-hidden />} onClick={open}>
            Open
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
          Download
        </Menu.Item>
        {onRename && (
          <Menu.Item leftSection={<IconCursorText size={16} aria-hidden />} onClick={onRename}>
            Rename…
          </Menu.Item>
        )}
        {onDelete && (
          <>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}>
              Delete
            </Menu.Item>
          </>
        )}
      </RowMenu>
    </Group>
  );
}
