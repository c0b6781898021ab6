import { MAX_MAIL_ATTACHMENT_MB, MAX_MAIL_ATTACHMENTS } from '../../../shared/contracts/communications.js';
import type { TimelineEntry } from '../../../shared/contracts/timeline.js';
import { fileSize } from '../../../shared/file-size.js';
import type { Links } from '../activities/ActivityForm.js';
import type { AttachmentLink } from '../attachments/files.js';

/*
 * What an e-mail may carry, decided before anything is sent: the server refuses more than
 * MAX_MAIL_ATTACHMENTS files or MAX_MAIL_ATTACHMENT_MB in all, and the rep is told why at the click.
 */

export const MAX_MAIL_BYTES = MAX_MAIL_ATTACHMENT_MB * 1024 * 1024;

/** A record whose files an e-mail may carry, named as the picker's heading says it. */
export type FileSource = { link: AttachmentLink; label: string };

const recordWords = { contactId: 'contact', leadId: 'lead', opportunityId: 'deal' } as const;

/**
 * The records an e-mail's files come from: the record it is written from first (the person, lead or
 * deal; where "Upload from computer" puts a new file), then its account, whose price lists and
 * agreements are what a rep most often sends. The list filters are ANDed, so each is its own list:
 * at most two.
 */
export function fileSources(links: Links): FileSource[] {
  const sources: FileSource[] = [];
  const key = (['contactId', 'leadId', 'opportunityId'] as const).find((candidate) => links[candidate]);
  if (key) sources.push({ link: { [key]: links[key] as string }, label: `Files on this ${recordWords[key]}` });
  if (links.accountId) {
    sources.push({
      link: { accountId: links.accountId },
      label: sources.length === 0 ? 'Files on this account' : 'Files on the account',
    });
  }
  return sources;
}

type Sized = { size: number };

export const totalBytes = (files: readonly Sized[]) => files.reduce((sum, file) => sum + file.size, 0);

/**
 * Why `adding` may not join the files already `chosen` (in words, with what to do), or undefined when
 * the e-mail can carry them all. Files still going up count as chosen: they are selected once they arrive.
 */
export function attachProblem(chosen: readonly Sized[], adding: readonly Sized[]): string | undefined {
  const count = chosen.length + adding.length;
  if (count > MAX_MAIL_ATTACHMENTS) {
    return `An e-mail carries at most ${MAX_MAIL_ATTACHMENTS} files. Remove one first, or share a link instead.`;
  }
  const bytes = totalBytes(chosen) + totalBytes(adding);
  if (bytes > MAX_MAIL_BYTES) {
    return `That would be ${fileSize(bytes)}: an e-mail carries at most ${MAX_MAIL_ATTACHMENT_MB} MB of files. Remove a large one, or share a link instead.`;
  }
  return undefined;
}

/** "2 files · 1.4 MB of 20 MB": what the e-mail carries so far, against the limit. */
export function attachedSummary(files: readonly Sized[]): string {
  const count = files.length === 1 ? '1 file' : `${files.length} files`;
  return `${count} · ${fileSize(totalBytes(files))} of ${MAX_MAIL_ATTACHMENT_MB} MB`;
}

/** Each list without the files an earlier one shows (a contact's file is its account's too). */
export function withoutRepeats<File extends { id: string }>(lists: readonly (readonly File[])[]): File[][] {
  const seen = new Set<string>();
  return lists.map((list) =>
    list.filter((file) => {
      if (seen.has(file.id)) return false;
      seen.add(file.id);
      return true;
    }),
  );
}

/** Timeline entries that may carry files: e-mails that went, or go, out (a received one has none kept). */
export function outboundEmailIds(entries: readonly TimelineEntry[]): string[] {
  return entries.flatMap((entry) =>
    entry.kind === 'communication' && entry.subtype === 'email' && entry.status !== 'received' ? [entry.id] : [],
  );
}

/** Files read for several e-mails at once, each e-mail's own, in the order listed. */
export function filesByEmail<File extends { communicationId: string | null }>(files: readonly File[]) {
  const byEmail = new Map<string, File[]>();
  for (const file of files) {
    if (!file.communicationId) continue;
    byEmail.set(file.communicationId, [...(byEmail.get(file.communicationId) ?? []), file]);
  }
  return byEmail;
}
