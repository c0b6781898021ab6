import type { AccountType } from '../../../shared/contracts/accounts.js';
import { accounts } from '../../db/schema/index.js';
import { companyDomain, normalizeCompanyName } from '../../modules/accounts/account-identity.js';
import { defineDataset, type RowOf } from '../dataset.js';
import { instantBetween, logUniform, phoneIn, postalCodeIn, slugOf, streetAddress } from '../fake.js';
import {
  type City,
  companyPrefixes,
  companyTrades,
  customerSuffixes,
  dealerSuffixes,
  distributorSuffixes,
  firstNames,
  industries,
  lastNames,
  wellKnownCompanies,
} from '../vocabulary.js';
import type { GeneratedTerritory, territoriesDataset } from './territories.js';

/** The size of the family the hierarchy scenario reads: 1 distributor, 10 sub-distributors, 90 dealers, 899 customers. */
export const BIG_FAMILY_SIZE = 1_000;

export type FamilyMember = { id: string; depth: number; territoryId: string; ownerId: string };

/** Per account, in insertion order, what the contacts dataset and the scenarios need: columns, not objects. */
export type AccountsOutput = {
  count: number;
  ids: string[];
  ownerIds: string[];
  types: AccountType[];
  /** Index into the territories dataset's list. */
  territoryIndexes: Uint16Array;
  createdAtMs: Float64Array;
  /** The e-mail/web domain, for contacts' addresses; null when the account has neither. */
  domains: (string | null)[];
  countries: string[];
  /** Where each account is (degrees): visits are checked in near it. */
  latitudes: Float64Array;
  longitudes: Float64Array;
  /** "Acme Distribution" and its exactly 1,000 accounts, most in one territory, two branches in another. */
  bigFamily: { rootId: string; name: string; members: FamilyMember[] };
};

export type AccountsOptions = { count: number; territories: ReturnType<typeof territoriesDataset> };

const DAY_MS = 86_400_000;
const typeByDepth: readonly AccountType[] = ['distributor', 'distributor', 'dealer', 'customer'];
/** Revenue ranges by depth, in major units. */
const revenueByDepth: readonly (readonly [number, number])[] = [
  [20e6, 2e9],
  [5e6, 400e6],
  [1e6, 60e6],
  [100e3, 50e6],
];
/** Name patterns of end customers, by weight: see nameFor. */
const customerNameShapes: readonly (readonly [number, number])[] = [
  [0, 40],
  [1, 20],
  [2, 15],
  [3, 10],
  [4, 10],
  [5, 5],
];
/** Share of accounts outside any family: direct customers, suppliers and partners. */
const STANDALONE_SHARE = 0.06;
/** Share of a family's branches (level-1 subtrees) that lie in a neighbouring territory. */
const AWAY_BRANCH_SHARE = 0.15;

type Node = {
  id: string;
  /** The family's root: what the hierarchy reads by (triggers keep it; the bulk load runs without them). */
  familyId: string;
  depth: number;
  type: AccountType;
  name: string;
  territory: GeneratedTerritory;
  ownerId: string;
  city: City;
  industry: string;
  createdAt: Date;
};

/**
 * Companies in a four-level distribution network: distributors (level 0), their sub-distributors
 * (level 1, also type distributor), dealers (level 2) and end customers (level 3), in families of varied
 * size, plus a few standalone customers, suppliers and partners. The first family is "Acme Distribution"
 * with exactly 1,000 accounts, for the hierarchy scenario. A family lives in its distributor's territory,
 * except a branch now and then that lies in a neighbouring one; each account is owned by a rep of its
 * territory (often the one who owns its parent) or by the territory's manager.
 *
 * Rows stream out family by family, parents before children (they reference each other), in batches.
 */
export function accountsDataset(options: AccountsOptions) {
  if (options.count < BIG_FAMILY_SIZE) throw new Error(`at least ${BIG_FAMILY_SIZE} accounts are needed`);
  return defineDataset({
    name: 'accounts',
    table: accounts,
    dependsOn: [options.territories],
    expectedRows: options.count,
    // A batch holds whole families: parent ids never point into another batch.
    independentBatches: true,
    async *generate(rng, context) {
      const { territories } = context.output(options.territories);
      const shapes = rng.fork('shapes');
      const places = rng.fork('places');
      const owners = rng.fork('owners');
      const names = rng.fork('names');
      const details = rng.fork('details');
      const times = rng.fork('times');
      const ids = rng.fork('ids');
      const founded = new Date(context.anchor.getTime() - 3 * 365 * DAY_MS);
      const latestFamily = new Date(context.anchor.getTime() - 30 * DAY_MS);

      const output: AccountsOutput = {
        count: options.count,
        ids: [],
        ownerIds: [],
        types: [],
        territoryIndexes: new Uint16Array(options.count),
        createdAtMs: new Float64Array(options.count),
        domains: [],
        countries: [],
        latitudes: new Float64Array(options.count),
        longitudes: new Float64Array(options.count),
        bigFamily: { rootId: '', name: wellKnownCompanies[0] as string, members: [] },
      };
      /** Domains already given out, with how many times: "acme-supply.example", "acme-supply-2.example". */
      const domainUses = new Map<string, number>();
      let batch: RowOf<typeof accounts>[] = [];

      const neighbourOf = (territory: GeneratedTerritory): GeneratedTerritory => {
        const sameArea = territories.filter((other) => other.area === territory.area && other !== territory);
        if (sameArea.length > 0) return places.pick(sameArea);
        return territories[(territory.index + 1) % territories.length] as GeneratedTerritory;
      };
      const ownerIn = (territory: GeneratedTerritory, parent: Node | null): string => {
        if (parent && parent.territory === territory && owners.chance(0.5)) return parent.ownerId;
        if (territory.reps.length === 0 || owners.chance(parent ? 0.1 : 0.3)) return territory.managerId;
        return owners.pick(territory.reps).id;
      };

      const nameFor = (depth: number, city: City, parent: Node | null): string => {
        if (depth === 0) {
          const brand = names.chance(0.5)
            ? `${names.pick(companyPrefixes)} ${names.pick(companyTrades)}`
            : names.pick(names.chance(0.5) ? companyPrefixes : lastNames);
          return `${brand} ${names.pick(distributorSuffixes)}`;
        }
        if (depth === 1 && parent) return `${parent.name} - ${city.name}`;
        if (depth === 2) {
          const lead = names.weighted<number>([
            [0, 5],
            [1, 3],
            [2, 2],
          ]);
          const start =
            lead === 0
              ? names.pick(lastNames)
              : `${lead === 1 ? names.pick(companyPrefixes) : city.name} ${names.pick(companyTrades)}`;
          return `${start} ${names.pick(dealerSuffixes)}`;
        }
        // Customers, suppliers and partners.
        switch (names.weighted<number>(customerNameShapes)) {
          case 0:
            return `${names.pick(companyPrefixes)} ${names.pick(companyTrades)} ${names.pick(customerSuffixes)}`;
          case 1:
            return `${names.pick(lastNames)} ${names.pick(customerSuffixes)}`;
          case 2:
            return `${names.pick(lastNames)} & ${names.pick(lastNames)} ${names.pick(customerSuffixes)}`;
          case 3:
            return `${city.name} ${names.pick(companyTrades)} ${names.pick(customerSuffixes)}`;
          case 4:
            return `${names.pick(firstNames)} ${names.pick(lastNames)} ${names.pick(companyTrades)}`;
          default:
            return `${names.pick(companyPrefixes)} ${names.pick(industries)}`;
        }
      };

      const domainFor = (name: string): string => {
        const slug = slugOf(name.replace(/ - /g, ' '));
        const uses = (domainUses.get(slug) ?? 0) + 1;
        domainUses.set(slug, uses);
        return uses === 1 ? `${slug}.example` : `${slug}-${uses}.example`;
      };

      /** Builds one account, records it in the output and queues its row. */
      const add = (node: Omit<Node, 'id' | 'familyId' | 'createdAt'>, parent: Node | null): Node => {
        const createdAt = parent
          ? instantBetween(times, parent.createdAt, context.anchor)
          : instantBetween(times, founded, latestFamily);
        const id = ids.uuidV7(createdAt);
        const full: Node = { ...node, id, familyId: parent?.familyId ?? id, createdAt };
        const index = output.ids.length;
        const domain = domainFor(node.name);
        const website = details.chance(0.85) ? `https://www.${domain}` : null;
        const email = details.chance(0.8)
          ? `${details.pick(['info', 'sales', 'orders', 'office', 'contact'])}@${domain}`
          : null;
        const [low, high] = revenueByDepth[node.depth] ?? [100e3, 50e6];
        const revenue = details.chance(0.1) ? null : Math.round(logUniform(details, low, high) / 1000) * 1000;
        const employees = details.chance(0.1)
          ? null
          : Math.max(1, Math.round((revenue ?? logUniform(details, low, high)) / logUniform(details, 150e3, 450e3)));
        const { city } = node;
        const row: RowOf<typeof accounts> = {
          id,
          name: node.name,
          type: node.type,
          parentId: parent?.id ?? null,
          familyId: full.familyId,
          territoryId: node.territory.id,
          ownerId: node.ownerId,
          industry: node.industry,
          website,
          email,
          phone: details.chance(0.9) ? phoneIn(details, city.country) : null,
          annualRevenue: revenue,
          employees,
          street: streetAddress(details),
          city: city.name,
          state: city.region,
          postalCode: postalCodeIn(details, city.country),
          country: city.country,
          latitude: Math.round((city.latitude + details.float(-0.2, 0.2)) * 1e5) / 1e5,
          longitude: Math.round((city.longitude + details.float(-0.25, 0.25)) * 1e5) / 1e5,
          description: null,
          normalizedName: normalizeCompanyName(node.name),
          domain: companyDomain(website ?? email),
          mergedIntoId: null,
          createdAt,
          updatedAt: createdAt,
          version: 1,
          deletedAt: null,
        };
        batch.push(row);
        output.ids.push(id);
        output.ownerIds.push(node.ownerId);
        output.types.push(node.type);
        output.territoryIndexes[index] = node.territory.index;
        output.createdAtMs[index] = createdAt.getTime();
        output.domains.push(row.domain ?? null);
        output.countries.push(city.country);
        output.latitudes[index] = row.latitude ?? city.latitude;
        output.longitudes[index] = row.longitude ?? city.longitude;
        return full;
      };

      /**
       * One family, breadth first so every prefix holds its parents: `fanout(depth, parentIndex)` says how
       * many children a node at `depth - 1` gets; `budget` caps the size.
       */
      const family = (
        rootName: string | null,
        budget: number,
        fanout: (depth: number, siblingIndex: number) => number,
        awayBranch: (branchIndex: number) => boolean,
      ): Node[] => {
        const home = places.pick(territories);
        const away = neighbourOf(home);
        const rootCity = places.pick(home.cities);
        const root = add(
          {
            depth: 0,
            type: 'distributor',
            name: rootName ?? nameFor(0, rootCity, null),
            territory: home,
            ownerId: ownerIn(home, null),
            city: rootCity,
            industry: details.pick(industries),
          },
          null,
        );
        const members = [root];
        let frontier = [root];
        for (let depth = 1; depth <= 3 && members.length < budget; depth += 1) {
          const next: Node[] = [];
          for (let parentIndex = 0; parentIndex < frontier.length && members.length < budget; parentIndex += 1) {
            const parent = frontier[parentIndex] as Node;
            const children = fanout(depth, parentIndex);
            for (let child = 0; child < children && members.length < budget; child += 1) {
              const territory = depth === 1 ? (awayBranch(child) ? away : home) : parent.territory;
              const city =
                territory === parent.territory && places.chance(0.6) ? parent.city : places.pick(territory.cities);
              const node = add(
                {
                  depth,
                  type: typeByDepth[depth] as AccountType,
                  name: nameFor(depth, city, parent),
                  territory,
                  ownerId: ownerIn(territory, parent),
                  city,
                  industry: details.chance(0.7) ? parent.industry : details.pick(industries),
                },
                parent,
              );
              members.push(node);
              next.push(node);
            }
          }
          frontier = next;
        }
        return members;
      };

      const standalone = () => {
        const territory = places.pick(territories);
        const city = places.pick(territory.cities);
        const type = shapes.weighted<AccountType>([
          ['customer', 70],
          ['supplier', 15],
          ['partner', 15],
        ]);
        add(
          {
            depth: 3,
            type,
            name: nameFor(3, city, null),
            territory,
            ownerId: ownerIn(territory, null),
            city,
            industry: details.pick(industries),
          },
          null,
        );
      };

      const randomFanout = (depth: number) => {
        if (depth === 1)
          return shapes.weighted<number>([
            [1, 25],
            [2, 30],
            [3, 20],
            [4, 10],
            [6, 8],
            [10, 5],
            [15, 2],
          ]);
        if (depth === 2) return shapes.chance(0.1) ? 0 : shapes.int(1, 6);
        return shapes.int(0, 14);
      };
      const randomAway = () => shapes.chance(AWAY_BRANCH_SHARE);

      // Acme Distribution: 1 + 10 + 90 + 899, its last two branches in a neighbouring territory.
      const big = family(
        output.bigFamily.name,
        BIG_FAMILY_SIZE,
        (depth, parentIndex) => (depth === 1 ? 10 : depth === 2 ? 9 : parentIndex === 89 ? 9 : 10),
        (branch) => branch >= 8,
      );
      output.bigFamily.rootId = big[0]?.id ?? '';
      output.bigFamily.members = big.map((node) => ({
        id: node.id,
        depth: node.depth,
        territoryId: node.territory.id,
        ownerId: node.ownerId,
      }));

      let wellKnownIndex = 1;
      let standaloneCount = 0;
      while (output.ids.length < options.count) {
        const budget = options.count - output.ids.length;
        // Standalone accounts interleave with families so that they stay at their share of the total; the
        // well-known names go to the first families.
        if (standaloneCount < STANDALONE_SHARE * output.ids.length) {
          standalone();
          standaloneCount += 1;
        } else {
          const name = wellKnownCompanies[wellKnownIndex] ?? null;
          wellKnownIndex += 1;
          family(name, budget, randomFanout, randomAway);
        }
        if (batch.length >= context.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return output;
    },
  });
}
