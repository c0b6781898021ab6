import { ApiError } from '../../api/client.js';
import { sentence } from '../../lib/forms.js';

/** The records a file can belong to, as the upload's form fields and the list's filters name them. */
export const attachmentLinkKeys = ['accountId', 'contactId', 'leadId', 'opportunityId', 'activityId'] as const;
export type AttachmentLink = Partial<Record<(typeof attachmentLinkKeys)[number], string>>;

/** `accountId=…&contactId=…`: the link as list filters, in a fixed order so it makes a stable query key. */
export function linkQuery(link: AttachmentLink): string {
  return attachmentLinkKeys.flatMap((key) => (link[key] ? [`${key}=${encodeURIComponent(link[key])}`] : [])).join('&');
}

export { fileSize } from '../../../shared/file-size.js';

/** What a file is, for its icon: from its media type, else its extension. */
export type FileKind = 'image' | 'pdf' | 'sheet' | 'document' | 'slides' | 'archive' | 'text' | 'email' | 'other';

const kindOfExtension: Record<string, FileKind> = {
  pdf: 'pdf',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  avif: 'image',
  heic: 'image',
  csv: 'sheet',
  xls: 'sheet',
  xlsx: 'sheet',
  ods: 'sheet',
  doc: 'document',
  docx: 'document',
  odt: 'document',
  rtf: 'document',
  ppt: 'slides',
  pptx: 'slides',
  odp: 'slides',
  key: 'slides',
  zip: 'archive',
  '7z': 'archive',
  rar: 'archive',
  gz: 'archive',
  txt: 'text',
  md: 'text',
  eml: 'email',
  msg: 'email',
};

export function fileKind(contentType: string, fileName: string): FileKind {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/csv' || type.includes('spreadsheet') || type.includes('ms-excel')) return 'sheet';
  if (type.includes('presentation') || type.includes('powerpoint')) return 'slides';
  if (type.includes('wordprocessing') || type === 'application/msword') return 'document';
  if (type === 'message/rfc822') return 'email';
  if (type.includes('zip') || type.includes('compressed')) return 'archive';
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const byExtension = extension ? kindOfExtension[extension] : undefined;
  if (byExtension) return byExtension;
  return type.startsWith('text/') ? 'text' : 'other';
}

/** The server's limit as its 413 states it ("the file is larger than 25 MB, the most this server keeps"). */
export function limitOf(detail: string): string | undefined {
  return /larger than (\d+(?:\.\d+)? (?:bytes|KB|MB|GB))/.exec(detail)?.[1];
}

/** Why the upload of `name` failed, in a sentence that says what to do next where there is something to do. */
export function uploadFailure(name: string, error: unknown): string {
  if (error instanceof ApiError && error.status === 413) {
    const limit = limitOf(error.detail);
    return limit
      ? `${name} is larger than the ${limit} limit. Make it smaller (a PDF or a photo at a lower size) or share a link instead.`
      : `${name} is larger than this server keeps. Make it smaller or share a link instead.`;
  }
  if (error instanceof ApiError && error.status === 403) {
    return `You may not add files to this record. ${sentence(error.detail)}`;
  }
  return sentence(error instanceof Error ? error.message : 'The upload failed');
}

/**
 * Whether sending the same file again may work: the network or the server failed. A refusal (too large,
 * not allowed, not valid) would only be refused again.
 */
export function worthRetrying(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status >= 500 || error.status === 408 || error.status === 429;
}

/**
 * A fresh Idempotency-Key: a retry of the same upload (a dropped connection) then keeps one file, not two.
 * getRandomValues works outside secure contexts too, where crypto.randomUUID is missing.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
