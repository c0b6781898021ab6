import type { Role } from '../../../shared/contracts/users.js';
import { users } from '../../db/schema/index.js';
import { hashPassword } from '../../modules/auth/auth.service.js';
import { batchesOf, defineDataset, type RowOf } from '../dataset.js';
import { companyName, domainOf, email, instantBetween, personName } from '../fake.js';

/** Every generated user has this password, so the harness (and a person) can log in as any of them. */
export const BENCH_PASSWORD = 'meridian-bench-password';

export type GeneratedUser = {
  id: string;
  email: string;
  role: Role;
  managerId: string | null;
  active: boolean;
  territoryIds: string[];
};

/**
 * A territory as the organisation sees it: who manages it and who works in it. The territories dataset
 * stores it under this id with a name and region.
 */
export type TerritoryStaff = {
  id: string;
  index: number;
  createdAt: Date;
  manager: GeneratedUser;
  reps: GeneratedUser[];
};

export type UsersOutput = {
  password: string;
  admin: GeneratedUser;
  managers: GeneratedUser[];
  reps: GeneratedUser[];
  territories: TerritoryStaff[];
};

export type UsersOptions = {
  /** All users, admin and managers included. */
  count: number;
  /** Territories, each with its own manager: as many managers as territories. */
  territories: number;
  /** Share of reps who have left (inactive: they cannot log in). */
  inactiveRepShare?: number;
};

const DAY_MS = 86_400_000;

/**
 * The sales organisation: one admin; one manager per territory; reps who each work in exactly one
 * territory and report to the manager of that territory. The territory ids are drawn here, where the
 * org chart is decided (users.territory_ids has no foreign key); the territories dataset, which needs
 * the managers, stores the territories under those ids right after.
 */
export function usersDataset(options: UsersOptions) {
  const territoryCount = options.territories;
  const managerCount = territoryCount;
  const repCount = options.count - 1 - managerCount;
  if (territoryCount < 1) throw new Error('at least one territory is needed');
  if (repCount < 1)
    throw new Error(`${options.count} users leave no room for reps beside 1 admin and ${managerCount} managers`);
  const inactiveRepShare = options.inactiveRepShare ?? 0.03;

  return defineDataset({
    name: 'users',
    table: users,
    dependsOn: [],
    expectedRows: options.count,
    async *generate(rng, context) {
      // argon2id is slow on purpose (~50 ms): hash once and give every user the same hash.
      const passwordHash = await context.untimed(() => hashPassword(BENCH_PASSWORD));
      const names = rng.fork('names');
      const times = rng.fork('times');
      const ids = rng.fork('ids');
      const flags = rng.fork('flags');
      const territoryIds = rng.fork('territory-ids');
      const domain = domainOf(companyName(rng.fork('company')));
      const founded = new Date(context.anchor.getTime() - 3 * 365 * DAY_MS);
      const hiringStopsAt = new Date(context.anchor.getTime() - 30 * DAY_MS);

      const row = (
        role: Role,
        index: number,
        createdAt: Date,
        managerId: string | null,
        active: boolean,
        territories: string[],
      ): RowOf<typeof users> => {
        const name = personName(names);
        const edited = times.chance(0.2);
        return {
          id: ids.uuidV7(createdAt),
          email: role === 'admin' ? `admin@${domain}` : email(name, domain, index),
          name: name.full,
          role,
          territoryIds: territories,
          managerId,
          active,
          passwordHash,
          createdAt,
          updatedAt: edited ? instantBetween(times, createdAt, context.anchor) : createdAt,
          version: edited ? times.int(2, 5) : 1,
          deletedAt: null,
        };
      };
      const toGenerated = (user: RowOf<typeof users>): GeneratedUser => ({
        id: user.id,
        email: user.email,
        role: user.role as Role,
        managerId: user.managerId ?? null,
        active: user.active ?? true,
        territoryIds: user.territoryIds ?? [],
      });

      // Leaders first: reps reference their manager, and batches commit in the order they are yielded.
      const adminRow = row('admin', 0, founded, null, true, []);
      const managerRows = Array.from({ length: managerCount }, (_, index) =>
        row('manager', index + 1, instantBetween(times, founded, hiringStopsAt), null, true, []),
      );
      const territories: TerritoryStaff[] = managerRows.map((manager, index) => {
        const createdAt = new Date(founded.getTime() + index);
        return { id: territoryIds.uuidV7(createdAt), index, createdAt, manager: toGenerated(manager), reps: [] };
      });
      const leaders = [adminRow, ...managerRows];
      for (let start = 0; start < leaders.length; start += context.batchSize) {
        yield leaders.slice(start, start + context.batchSize);
      }

      const reps: GeneratedUser[] = [];
      const repRows = batchesOf(repCount, context.batchSize, (index) => {
        const territory = flags.pick(territories);
        const joined = instantBetween(times, managerRows[territory.index]?.createdAt ?? founded, context.anchor);
        const user = row(
          'rep',
          1 + managerCount + index,
          joined,
          territory.manager.id,
          !flags.chance(inactiveRepShare),
          [territory.id],
        );
        const generated = toGenerated(user);
        reps.push(generated);
        territory.reps.push(generated);
        return user;
      });
      yield* repRows;

      return {
        password: BENCH_PASSWORD,
        admin: toGenerated(adminRow),
        managers: managerRows.map(toGenerated),
        reps,
        territories,
      } satisfies UsersOutput;
    },
  });
}
