import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import { captureMail } from './mail-capture.service.js';
import { parseEml } from './mail-capture-eml.js';

/** Files read per run: a large drop is worked off over several runs rather than in one long one. */
const FILES_PER_RUN = 200;

export type DirectoryOutcome = { logged: number; skipped: number; unmatched: number; failed: number };

/**
 * The offline way in for mail: every `*.eml` file in the inbox directory is captured (mail-capture.service)
 * and then moved, so each is read once: to `processed/` when it was logged or was already in the log (or
 * Meridian sent it), to `processed/unmatched/` when it involves no contact or lead, and to `failed/` when it
 * is not an e-mail. Only names ending in `.eml` are read, so a writer that writes under another name and
 * renames (as a mail server's delivery does) is never read half-way. A missing directory is nothing to do.
 *
 * Two workers reading the directory at once do no harm: a message is logged once per Message-ID, and the
 * second move of a file finds it gone. A database failure stops the run and leaves the file for the next.
 */
export async function captureInboxDirectory(deps: Deps): Promise<DirectoryOutcome> {
  const directory = deps.config.mail.inboxDirectory;
  const outcome: DirectoryOutcome = { logged: 0, skipped: 0, unmatched: 0, failed: 0 };
  for (const name of await pendingFiles(directory)) {
    const file = path.join(directory, name);
    let source: Buffer;
    try {
      source = await fs.readFile(file);
    } catch (error) {
      if (isMissing(error)) continue; // another worker took it
      throw error;
    }
    const mail = await parseEml(source).catch((error: unknown) => ({ unreadable: (error as Error).message }));
    if ('unreadable' in mail) {
      deps.logger?.warn({ file: name, reason: mail.unreadable }, 'inbox: not an e-mail, moved to failed/');
      await moveTo(directory, name, 'failed');
      outcome.failed += 1;
      continue;
    }
    const captured = await captureMail(deps, mail);
    if (captured === 'unmatched') {
      await moveTo(directory, name, path.join('processed', 'unmatched'));
      outcome.unmatched += 1;
    } else {
      await moveTo(directory, name, 'processed');
      outcome[captured === 'logged' ? 'logged' : 'skipped'] += 1;
    }
  }
  return outcome;
}

/** The .eml files waiting, oldest name first (mail servers name deliveries by time). */
async function pendingFiles(directory: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && entry.name.toLowerCase().endsWith('.eml'))
    .map((entry) => entry.name)
    .sort()
    .slice(0, FILES_PER_RUN);
}

/**
 * Moves a read file aside under its own name, with a number added when a file of that name was moved
 * there before. Names in the inbox are unique, so only an earlier file can hold the name.
 */
async function moveTo(directory: string, name: string, folder: string): Promise<void> {
  const target = path.join(directory, folder);
  await fs.mkdir(target, { recursive: true });
  const { name: stem, ext } = path.parse(name);
  for (let copy = 0; ; copy += 1) {
    const destination = path.join(target, copy === 0 ? name : `${stem}-${copy}${ext}`);
    if (await exists(destination)) continue;
    try {
      await fs.rename(path.join(directory, name), destination);
    } catch (error) {
      if (!isMissing(error)) throw error; // another worker moved it
    }
    return;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
