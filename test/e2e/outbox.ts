import fs from 'node:fs';
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
