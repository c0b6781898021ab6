import { Anchor, Group, Skeleton, Text, VisuallyHidden } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Attachment, showsInline } from '../../../shared/contracts/attachments.js';
import type { Page } from '../../../shared/contracts/common.js';
import type { Communication } from '../../../shared/contracts/communications.js';
import { MAX_MAIL_ATTACHMENTS } from '../../../shared/contracts/communications.js';
import type { TimelineEntry } from '../../../shared/contracts/timeline.js';
import { api } from '../../api/client.js';
import { downloadFile, openFile } from '../attachments/attachmentQueries.js';
import { fileSize } from '../attachments/files.js';
import { filesByEmail, outboundEmailIds } from './mailFiles.js';

/** The files of these e-mails, in one request (the copies the server made as each was written). */
function emailFilesQuery(ids: string[]) {
  const params = `communicationId=${ids.join(',')}&sort=createdAt&limit=${Math.min(200, ids.length * MAX_MAIL_ATTACHMENTS)}`;
  return {
    queryKey: ['attachments', 'list', 'emails', params],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Page<Attachment>>(`/attachments?${params}`, { signal }),
    // What went with an e-mail never changes once it is written.
    staleTime: Number.POSITIVE_INFINITY,
  };
}

/**
 * The files of the outbound e-mails a timeline shows: one request per page of entries (twenty at most),
 * none for a page without such an e-mail.
 */
export function useTimelineEmailFiles(pages: readonly (readonly TimelineEntry[])[]): Map<string, Attachment[]> {
  const results = useQueries({
    queries: pages.map((entries) => {
      const ids = outboundEmailIds(entries);
      return { ...emailFilesQuery(ids), enabled: ids.length > 0 };
    }),
  });
  return filesByEmail(results.flatMap((result) => result.data?.data ?? []));
}

/** An opened e-mail's files: asked only for one Meridian sends (an outbound e-mail). */
export function EmailFiles({ communication }: { communication: Communication }) {
  const sendable = communication.channel === 'email' && communication.direction === 'outbound';
  const files = useQuery({ ...emailFilesQuery([communication.id]), enabled: sendable });
  if (!sendable) return null;
  if (files.isPending) return <Skeleton height={20} width="40%" aria-label="Loading the attachments" />;
  if (files.isError)
    return (
      <Text size="sm" c="dimmed">
        The attachments did not load.{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => files.refetch()}>
          Try again
        </Anchor>
      </Text>
    );
  return <EmailFileLinks files={files.data.data} withSize />;
}

/**
 * What went with an e-mail: a paperclip and each file's name, which opens a photo or a PDF and downloads
 * anything else (with the session's token, as from the record's Files).
 */
export function EmailFileLinks({ files, withSize = false }: { files: readonly Attachment[]; withSize?: boolean }) {
  const queryClient = useQueryClient();
  if (files.length === 0) return null;
  return (
    <Group gap={6} mt={4} wrap="wrap" align="center" data-testid="email-files">
      <IconPaperclip size={14} aria-hidden style={{ flexShrink: 0 }} />
      <VisuallyHidden>Attachments:</VisuallyHidden>
      {files.map((file) => {
        const opens = showsInline(file.contentType);
        return (
          <Anchor
            key={file.id}
            component="button"
            type="button"
            size="sm"
            ta="left"
            style={{ overflowWrap: 'anywhere' }}
            title={`${opens ? 'Open' : 'Download'} ${file.fileName}`}
            onClick={() => void (opens ? openFile(queryClient, file) : downloadFile(queryClient, file))}
          >
            {file.fileName}
            {withSize && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({fileSize(file.size)})
              </Text>
            )}
          </Anchor>
        );
      })}
    </Group>
  );
}
