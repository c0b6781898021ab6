import { communications, notes } from '../../db/schema/index.js';
import { defineDataset, type RowOf } from '../dataset.js';
import { communicationSubjects, noteBodies } from '../work-vocabulary.js';
import type { accountsDataset } from './accounts.js';
import type { contactsDataset } from './contacts.js';
import type { opportunitiesDataset } from './opportunities.js';
import { accountOfRow, createLinkPicker } from './record-links.js';

type LinkedOptions = {
  accounts: ReturnType<typeof accountsDataset>;
  contacts: ReturnType<typeof contactsDataset>;
  opportunities: ReturnType<typeof opportunitiesDataset>;
  /** Defaults to one per account. */
  count?: number;
  /** Entries lie in the 180 days before this moment; the real "now" by default. */
  now?: Date;
};

const DAY_MS = 86_400_000;

/**
 * The e-mail and call log: one entry per account by default over the last six months, mostly e-mails
 * (sent or received at the account's domain), some calls with a duration, the odd text message.
 */
export function communicationsDataset(options: LinkedOptions) {
  return defineDataset({
    name: 'communications',
    table: communications,
    dependsOn: [options.accounts, options.contacts, options.opportunities],
    expectedRows: options.count,
    independentBatches: true,
    async *generate(rng, context) {
      const accounts = context.output(options.accounts);
      const count = options.count ?? accounts.count;
      const pickLinks = createLinkPicker(
        accounts,
        context.output(options.contacts),
        context.output(options.opportunities),
        {
          contact: 0.7,
          opportunity: 0.2,
        },
      );
      const nowMs = (options.now ?? new Date()).getTime();
      const links = rng.fork('links');
      const details = rng.fork('details');
      const ids = rng.fork('ids');
      // Always-empty columns (body, cc, lead, deleted_at) are left out: they take their defaults.
      let batch: RowOf<typeof communications>[] = [];
      for (let index = 0; index < count; index += 1) {
        const accountIndex = accountOfRow(index, count, accounts.count);
        const occurredMs = Math.max(
          accounts.createdAtMs[accountIndex] ?? nowMs,
          nowMs - Math.floor(details.float(0, 180) * DAY_MS),
        );
        const channel = details.weighted([
          ['email', 70],
          ['call', 25],
          ['sms', 5],
        ] as const);
        const inbound = details.chance(0.4);
        const domain = accounts.domains[accountIndex] ?? 'mail.example';
        const theirs = `${details.pick(['orders', 'sales', 'office', 'service'])}@${domain}`;
        const ours = 'sales@meridian-demo.example';
        const occurredAt = new Date(occurredMs);
        batch.push({
          id: ids.uuidV7(occurredAt),
          channel,
          direction: inbound ? 'inbound' : 'outbound',
          subject: channel === 'email' ? details.pick(communicationSubjects) : null,
          fromAddress: channel === 'email' ? (inbound ? theirs : ours) : null,
          toAddresses: channel === 'email' ? [inbound ? ours : theirs] : [],
          occurredAt,
          durationSeconds: channel === 'call' ? details.int(40, 1_800) : null,
          status: inbound ? 'received' : 'sent',
          ownerId: accounts.ownerIds[accountIndex] as string,
          ...pickLinks(links, accountIndex),
          createdAt: occurredAt,
          updatedAt: occurredAt,
          version: 1,
        });
        if (batch.length >= context.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return { count };
    },
  });
}

/** Notes in Markdown: one per account by default, by the account's owner, a few pinned. */
export function notesDataset(options: LinkedOptions) {
  return defineDataset({
    name: 'notes',
    table: notes,
    dependsOn: [options.accounts, options.contacts, options.opportunities],
    expectedRows: options.count,
    independentBatches: true,
    async *generate(rng, context) {
      const accounts = context.output(options.accounts);
      const count = options.count ?? accounts.count;
      const pickLinks = createLinkPicker(
        accounts,
        context.output(options.contacts),
        context.output(options.opportunities),
        {
          contact: 0.3,
          opportunity: 0.3,
        },
      );
      const nowMs = (options.now ?? new Date()).getTime();
      const links = rng.fork('links');
      const details = rng.fork('details');
      const ids = rng.fork('ids');
      // Always-null columns (lead, deleted_at) are left out: they take their defaults.
      let batch: RowOf<typeof notes>[] = [];
      for (let index = 0; index < count; index += 1) {
        const accountIndex = accountOfRow(index, count, accounts.count);
        const createdAt = new Date(
          Math.max(accounts.createdAtMs[accountIndex] ?? nowMs, nowMs - Math.floor(details.float(0, 365) * DAY_MS)),
        );
        batch.push({
          id: ids.uuidV7(createdAt),
          body: details.pick(noteBodies),
          pinned: details.chance(0.1),
          authorId: accounts.ownerIds[accountIndex] as string,
          ...pickLinks(links, accountIndex),
          createdAt,
          updatedAt: createdAt,
          version: 1,
        });
        if (batch.length >= context.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return { count };
    },
  });
}
