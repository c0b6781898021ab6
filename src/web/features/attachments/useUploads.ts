import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { Attachment } from '../../../shared/contracts/attachments.js';
import { uploadToApi } from '../../api/client.js';
import { refreshFiles, showUploaded } from './attachmentQueries.js';
import { type AttachmentLink, newIdempotencyKey, uploadFailure, worthRetrying } from './files.js';

/** One file on its way up, or refused: shown above the record's files until it is one of them. */
export type Upload = {
  key: string;
  name: string;
  size: number;
  /** 0..100 */
  percent: number;
  /** Why it failed, in words; undefined while it is going up. */
  error?: string;
  /** Whether sending it again may work (the network failed, not a refusal). */
  retryable: boolean;
};

type Running = { file: File; idempotencyKey: string; controller: AbortController };

/** Sends one file to the API with the record's links, reporting how much has gone up. */
export function uploadFile(
  file: File,
  link: AttachmentLink,
  options: { idempotencyKey: string; signal?: AbortSignal; onProgress?: (percent: number) => void },
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(link)) if (value) form.append(key, value);
  form.append('file', file, file.name);
  return uploadToApi<Attachment>('/attachments', form, {
    headers: { 'idempotency-key': options.idempotencyKey },
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (loaded, total) => options.onProgress?.(total > 0 ? Math.round((loaded / total) * 100) : 0),
  });
}

/**
 * Files being uploaded to a record, each its own request (one refused file leaves the others be), with
 * its progress and, when it fails, why. A file that arrives goes to the top of the record's list. The
 * caller mounts it anew for another record (a `key`), so uploads never show on the wrong one.
 * `onUploaded` hears of each file kept (an e-mail being written selects it).
 */
export function useUploads(link: AttachmentLink, options: { onUploaded?: (file: Attachment) => void } = {}) {
  const queryClient = useQueryClient();
  // The latest callback, without sending again every file whenever the caller renders.
  const onUploaded = useRef(options.onUploaded);
  onUploaded.current = options.onUploaded;
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const running = useRef(new Map<string, Running>());

  const change = useCallback((key: string, changes: Partial<Upload>) => {
    setUploads((all) => all.map((upload) => (upload.key === key ? { ...upload, ...changes } : upload)));
  }, []);
  const forget = useCallback((key: string) => {
    running.current.delete(key);
    setUploads((all) => all.filter((upload) => upload.key !== key));
  }, []);

  const send = useCallback(
    async (key: string) => {
      const entry = running.current.get(key);
      if (!entry) return;
      try {
        const saved = await uploadFile(entry.file, link, {
          idempotencyKey: entry.idempotencyKey,
          signal: entry.controller.signal,
          onProgress: (percent) => change(key, { percent }),
        });
        showUploaded(queryClient, link, saved);
        forget(key);
        onUploaded.current?.(saved);
        setAnnouncement(`${saved.fileName} uploaded`);
        refreshFiles(queryClient);
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        // Shown, and read out, in the file's row (role=alert).
        change(key, { error: uploadFailure(entry.file.name, error), retryable: worthRetrying(error) });
      }
    },
    [change, forget, queryClient, link],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => {
        const key = newIdempotencyKey();
        running.current.set(key, { file, idempotencyKey: key, controller: new AbortController() });
        return { key, name: file.name, size: file.size, percent: 0, retryable: false } satisfies Upload;
      });
      setUploads((all) => [...added, ...all]);
      for (const upload of added) void send(upload.key);
    },
    [send],
  );

  /** Sends a failed file again, under the same Idempotency-Key: if the first got through, it is not kept twice. */
  const retry = useCallback(
    (key: string) => {
      const entry = running.current.get(key);
      if (!entry) return;
      entry.controller = new AbortController();
      change(key, { error: undefined, percent: 0, retryable: false });
      void send(key);
    },
    [change, send],
  );

  /** Stops a file on its way up, or takes a failed one off the screen. */
  const cancel = useCallback(
    (key: string) => {
      running.current.get(key)?.controller.abort();
      forget(key);
    },
    [forget],
  );

  return { uploads, add, retry, cancel, announcement };
}
