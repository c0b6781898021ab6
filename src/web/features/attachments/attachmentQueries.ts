import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Attachment } from '../../../shared/contracts/attachments.js';
import type { Page } from '../../../shared/contracts/common.js';
import { api, fetchBlobFromApi, saveBlob } from '../../api/client.js';
import { invalidateLists, notifyFailure, notifySaved, useDeleteWithUndo } from '../../lib/mutations.js';
import { type AttachmentLink, linkQuery } from './files.js';

type FilePages = InfiniteData<Page<Attachment>, string>;

/** The files of one record (one list per link), newest first. */
export const recordFilesKey = (link: AttachmentLink) => ['attachments', 'list', 'record', linkQuery(link)];

const PAGE_SIZE = 20;

/**
 * A record's files, newest first, a page at a time ("Show more files"). The copies that went out with
 * e-mails are left out: they are shown with their e-mail, and one brochure sent ten times is one file here.
 */
export function useRecordFiles(link: AttachmentLink) {
  const filters = `${linkQuery(link)}&sentWithEmail=false`;
  return useInfiniteQuery({
    queryKey: recordFilesKey(link),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Attachment>>(
        `/attachments?${filters}&sort=-createdAt&limit=${PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * After a file is added, renamed, deleted or restored: the lists of files, and the timelines, which show
 * files among what happened.
 */
export function refreshFiles(queryClient: QueryClient) {
  invalidateLists(queryClient, 'attachments');
  void queryClient.invalidateQueries({ queryKey: ['timeline'] });
}

/** Puts a file just uploaded at the top of its record's list at once, before the list is read again. */
export function showUploaded(queryClient: QueryClient, link: AttachmentLink, file: Attachment) {
  queryClient.setQueryData<FilePages>(recordFilesKey(link), (data) => {
    const [first, ...rest] = data?.pages ?? [];
    if (!data || !first || first.data.some((item) => item.id === file.id)) return data;
    return { ...data, pages: [{ ...first, data: [file, ...first.data] }, ...rest] };
  });
}

function replaceEverywhere(queryClient: QueryClient, file: Attachment) {
  queryClient.setQueriesData<FilePages>({ queryKey: ['attachments', 'list', 'record'] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            data: page.data.map((item) => (item.id === file.id ? file : item)),
          })),
        }
      : data,
  );
}

/**
 * A file's bytes as the signed-in user: cached by its content hash (the bytes of a file never change), so
 * opening it and then downloading it reads them once.
 */
/** What opening or saving a file needs of it: a timeline entry has these too. */
export type FileHandle = Pick<Attachment, 'id' | 'fileName' | 'contentType'>;

/** A file's bytes, read once: an attachment's bytes never change (a new file is a new attachment). */
function contentQuery(file: FileHandle) {
  return {
    queryKey: ['attachments', 'content', file.id],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchBlobFromApi(`/attachments/${file.id}/content?disposition=inline`, { signal }).then(({ blob }) => blob),
    staleTime: Number.POSITIVE_INFINITY,
  };
}

/**
 * A photo's thumbnail as a small `data:` image, made in the browser from its bytes, read once `enabled`
 * (when it scrolls into view). Not a blob URL of the photo itself: the page's Content-Security-Policy
 * lets images come from the server, `data:` and https only, and a few kilobytes are all a thumbnail needs.
 */
export function useFileThumbnail(file: Attachment, size: number, enabled: boolean) {
  return useQuery({
    queryKey: ['attachments', 'thumbnail', file.id, file.sha256, size],
    queryFn: async ({ signal }) => {
      const { blob } = await fetchBlobFromApi(`/attachments/${file.id}/content?disposition=inline`, { signal });
      return squareThumbnail(blob, size);
    },
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}

/** The middle square of an image, `size` pixels a side, as a data URL (WebP where the browser writes it). */
async function squareThumbnail(blob: Blob, size: number): Promise<string> {
  // createImageBitmap turns a phone photo upright as its EXIF says.
  const bitmap = await createImageBitmap(blob);
  try {
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw a thumbnail');
    context.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
    return canvas.toDataURL('image/webp', 0.85);
  } finally {
    bitmap.close();
  }
}

/**
 * Shows a photo or a PDF in a new tab. The tab is opened at once, in the click, so no pop-up blocker
 * stops it; the bytes are fetched with the bearer token and shown there through a blob URL.
 */
export async function openFile(queryClient: QueryClient, file: FileHandle) {
  const tab = window.open('', '_blank');
  if (tab) {
    tab.document.title = file.fileName;
    tab.document.body.textContent = `Opening ${file.fileName}…`;
  }
  try {
    const blob = await queryClient.fetchQuery(contentQuery(file));
    const url = URL.createObjectURL(blob);
    if (tab) tab.location.href = url;
    else saveBlob(blob, file.fileName);
    // The tab has read it by then; the address is only a handle on memory.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    notifyFailure(error, { title: `${file.fileName} did not open` });
  }
}

/** Saves the file under its name as kept (the exact one, whatever characters it has). */
export async function downloadFile(queryClient: QueryClient, file: FileHandle) {
  try {
    saveBlob(await queryClient.fetchQuery(contentQuery(file)), file.fileName);
  } catch (error) {
    notifyFailure(error, { title: `${file.fileName} was not downloaded` });
  }
}

/**
 * Renames a file (PATCH with If-Match). A 412 (someone renamed or moved it meanwhile) reloads the lists, so
 * the name and version on screen are the current ones; the caller says it (see reportSaveError).
 */
export function useRenameFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fileName }: { file: Attachment; fileName: string }) =>
      api.patch<Attachment>(`/attachments/${file.id}`, { fileName }, { headers: { 'if-match': `"${file.version}"` } }),
    onSuccess: (saved) => {
      replaceEverywhere(queryClient, saved);
      notifySaved(`Renamed to ${saved.fileName}`);
    },
    onSettled: () => refreshFiles(queryClient),
  });
}

/** Deletes a file (it is only hidden) and offers Undo, which restores it. */
export function useDeleteFile() {
  return useDeleteWithUndo<Attachment>('attachments', 'file', (file) => file.fileName);
}
