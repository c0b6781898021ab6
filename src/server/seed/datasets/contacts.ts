import type { contactRoles } from '../../../shared/contracts/contacts.js';
import { contacts } from '../../db/schema/index.js';
import { defineDataset, type RowOf } from '../dataset.js';
import { instantBetween, normalizedPhoneIn, personName } from '../fake.js';
import type { Rng } from '../random.js';
import { contactTitles } from '../vocabulary.js';
import type { accountsDataset } from './accounts.js';
import type { territoriesDataset } from './territories.js';

export type ContactsOutput = {
  count: number;
  /** Contacts of each account, by the accounts dataset's index. */
  perAccount: Uint8Array;
  /** Contact ids in insertion order: account by account, so an account's contacts are consecutive. */
  ids: string[];
  /** Index in `ids` of each account's first contact. */
  firstOfAccount: Uint32Array;
};

export type ContactsOptions = {
  accounts: ReturnType<typeof accountsDataset>;
  territories: ReturnType<typeof territoriesDataset>;
  /** Defaults to three per account. */
  count?: number;
};

type ContactRole = (typeof contactRoles)[number];

const MAX_PER_ACCOUNT = 12;

/**
 * The people at each account: a few per customer, more at distributors and dealers, three per account on
 * average and exactly `count` in all. The first contact of an account is usually its primary one (at most
 * one per account: a unique partial index says so) and the one others report to; all are owned by the
 * account's owner. E-mail addresses are first.last at the account's domain, lower case.
 */
export function contactsDataset(options: ContactsOptions) {
  return defineDataset({
    name: 'contacts',
    table: contacts,
    dependsOn: [options.accounts, options.territories],
    expectedRows: options.count,
    // A batch holds all contacts of its accounts: reports-to ids never point into another batch.
    independentBatches: true,
    async *generate(rng, context) {
      const accounts = context.output(options.accounts);
      // The load runs with triggers off, so the contact's copy of its account's territory is written here.
      const territoryIds = new Map(context.output(options.territories).territories.map((t) => [t.index, t.id]));
      const total = options.count ?? accounts.count * 3;
      const perAccount = planContactCounts(rng.fork('counts'), accounts.types, total);
      const names = rng.fork('names');
      const details = rng.fork('details');
      const times = rng.fork('times');
      const ids = rng.fork('ids');
      const anchorMs = context.anchor.getTime();

      let batch: RowOf<typeof contacts>[] = [];
      const contactIds: string[] = [];
      const firstOfAccount = new Uint32Array(accounts.count);
      const usedAddresses = new Set<string>();
      for (let accountIndex = 0; accountIndex < accounts.count; accountIndex += 1) {
        const count = perAccount[accountIndex] ?? 0;
        firstOfAccount[accountIndex] = contactIds.length;
        if (count === 0) continue;
        const accountId = accounts.ids[accountIndex] as string;
        const ownerId = accounts.ownerIds[accountIndex] as string;
        const territoryId = territoryIds.get(accounts.territoryIndexes[accountIndex] ?? -1) ?? null;
        const type = accounts.types[accountIndex];
        const domain = accounts.domains[accountIndex] ?? null;
        const country = accounts.countries[accountIndex] as string;
        const accountCreatedAt = new Date(accounts.createdAtMs[accountIndex] ?? anchorMs);
        let firstId: string | null = null;
        usedAddresses.clear();
        for (let position = 0; position < count; position += 1) {
          const name = personName(names);
          const role: ContactRole =
            position === 0
              ? details.chance(0.7)
                ? 'decision_maker'
                : 'influencer'
              : details.weighted<ContactRole>([
                  ['decision_maker', 10],
                  ['influencer', 25],
                  ['contact', 45],
                  ['distributor', type === 'distributor' ? 20 : 0],
                  ['dealer', type === 'dealer' ? 20 : 0],
                ]);
          let email: string | null = null;
          if (details.chance(0.9)) {
            const local = `${name.first}.${name.last}`.toLowerCase();
            const address = domain ? `${local}@${domain}` : `${local}${details.int(1, 9999)}@mail.example`;
            email = usedAddresses.has(address) ? address.replace('@', `.${position}@`) : address;
            usedAddresses.add(email);
          }
          const createdAt = instantBetween(times, accountCreatedAt, context.anchor);
          const id = ids.uuidV7(createdAt);
          contactIds.push(id);
          batch.push({
            id,
            accountId,
            firstName: name.first,
            lastName: name.last,
            title: details.chance(0.9) ? details.pick(contactTitles[role]) : null,
            role,
            reportsToId: firstId !== null && details.chance(0.4) ? firstId : null,
            email,
            phone: details.chance(0.8) ? normalizedPhoneIn(details, country) : null,
            mobile: details.chance(0.6) ? normalizedPhoneIn(details, country) : null,
            isPrimary: position === 0 && details.chance(0.85),
            ownerId,
            territoryId,
            createdAt,
            updatedAt: createdAt,
            version: 1,
            deletedAt: null,
          });
          firstId ??= id;
        }
        if (batch.length >= context.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return { count: total, perAccount, ids: contactIds, firstOfAccount } satisfies ContactsOutput;
    },
  });
}

/**
 * How many contacts each account gets: drawn by account type, then nudged at random accounts until the
 * total is exactly `total` (so `--accounts N` gives exactly 3N contacts).
 */
function planContactCounts(rng: Rng, types: readonly string[], total: number): Uint8Array {
  const counts = new Uint8Array(types.length);
  let sum = 0;
  for (let index = 0; index < types.length; index += 1) {
    const type = types[index];
    const count =
      type === 'distributor'
        ? rng.int(3, 8)
        : type === 'dealer'
          ? rng.int(2, 6)
          : type === 'customer'
            ? rng.weighted<number>([
                [0, 4],
                [1, 15],
                [2, 28],
                [3, 27],
                [4, 15],
                [5, 11],
              ])
            : rng.int(1, 3);
    counts[index] = count;
    sum += count;
  }
  if (total > types.length * MAX_PER_ACCOUNT) throw new Error(`${total} contacts do not fit ${types.length} accounts`);
  while (sum !== total) {
    const index = rng.int(0, types.length - 1);
    const count = counts[index] ?? 0;
    if (sum < total && count < MAX_PER_ACCOUNT) {
      counts[index] = count + 1;
      sum += 1;
    } else if (sum > total && count > 0) {
      counts[index] = count - 1;
      sum -= 1;
    }
  }
  return counts;
}
