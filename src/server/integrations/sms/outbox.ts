import fs from 'node:fs/promises';
import path from 'node:path';
import { type OutgoingSms, SmsDeliveryError, type SmsReceipt, type SmsTransport } from './port.js';

/**
 * The offline default: every text is written as a JSON file (`{id, from, to, body, queuedAt}`) into a
 * directory, for an SMS gateway's pickup or a script to send on. Nothing leaves the machine until someone
 * configures a provider.
 */
export function createSmsOutbox(directory: string): SmsTransport {
  return {
    name: `outbox:${directory}`,
    async send(message: OutgoingSms): Promise<SmsReceipt> {
      const file = path.join(directory, `${new Date().toISOString().replace(/[-:.]/g, '')}-${message.id}.json`);
      try {
        await fs.mkdir(directory, { recursive: true });
        // Written aside and renamed, so a pickup never reads half a message.
        await fs.writeFile(
          `${file}.tmp`,
          `${JSON.stringify({ ...message, queuedAt: new Date().toISOString() }, null, 2)}\n`,
        );
        await fs.rename(`${file}.tmp`, file);
      } catch (error) {
        throw new SmsDeliveryError(`outbox: ${(error as Error).message}`, false);
      }
      return { providerId: `outbox:${message.id}` };
    },
  };
}
