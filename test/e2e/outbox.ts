import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { e2eOutboxDir } from './constants.js';
import { expect } from './helpers.js';

/**
 * The link (path and fragment) in the e-mail from the server's offline outbox that mentions `about`, as
 * `pattern` finds it: what the person would click.
 */
export async function mailedLink(about: string, pattern: RegExp): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(e2eOutboxDir) ? fs.readdirSync(e2eOutboxDir) : [];
        const mail = files
          .map((file) => decodeQuotedPrintable(fs.readFileSync(path.join(e2eOutboxDir, file), 'utf8')))
          .find((text) => text.includes(about));
        link = pattern.exec(mail ?? '')?.[0];
        return link;
      },
      { message: `an e-mail about ${about} in the outbox`, timeout: 20_000 },
    )
    .toBeDefined();
  const { pathname, hash } = new URL(link as string);
  return `${pathname}${hash}`;
}

/** The outbox keeps messages as mail does: long lines are wrapped, "=" is written "=3D". */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** A text as the server's offline SMS outbox keeps it, one JSON file each. */
export type OutboxText = { id: string; from: string | null; to: string; body: string; queuedAt: string };

/**
 * The text in the e2e server's offline SMS outbox whose body mentions `about`. The server writes them
 * into `sms-outbox` of its data directory, which serve.ts makes fresh for every run as
 * `<tmp>/meridian-e2e-*`; the tag in `about` tells this run's text from any other server's.
 */
export async function textedMessage(about: string): Promise<OutboxText> {
  let text: OutboxText | undefined;
  await expect
    .poll(
      () => {
        text = outboxTexts().find((candidate) => candidate.body.includes(about));
        return text;
      },
      { message: `a text about ${about} in the SMS outbox`, timeout: 20_000 },
    )
    .toBeDefined();
  return text as OutboxText;
}

function outboxTexts(): OutboxText[] {
  return fs
    .readdirSync(os.tmpdir())
    .filter((name) => name.startsWith('meridian-e2e-'))
    .map((name) => path.join(os.tmpdir(), name, 'sms-outbox'))
    .filter((directory) => fs.existsSync(directory))
    .flatMap((directory) =>
      fs
        .readdirSync(directory)
        // A text is written aside (`.tmp`) and renamed: only whole ones end in `.json`.
        .filter((file) => file.endsWith('.json'))
        .map((file) => JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as OutboxText),
    );
}
