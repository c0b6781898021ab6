import type { AccountsOutput, FamilyMember } from '../../src/server/seed/datasets/accounts.js';
import type { ContactsOutput } from '../../src/server/seed/datasets/contacts.js';
import type { TerritoriesOutput } from '../../src/server/seed/datasets/territories.js';
import type { GeneratedUser, UsersOutput } from '../../src/server/seed/datasets/users.js';
import { createRng } from '../../src/server/seed/random.js';
import { bearer, getJson } from '../fetch-json.js';
import type { HttpEnvironment, HttpScenario, LatencyLimit, ScenarioRequest } from './http.js';

export type Session = { userId: string; email: string; token: string };
export type RepSession = Session & { territoryId: string; territoryName: string };

/** What the account, contact and search scenarios send: chosen from the generated data, deterministically. */
export type AccountFixtures = {
  admin: Session;
  /** One active rep in each of the first few territories that have one. */
  reps: RepSession[];
  territories: { id: string; name: string }[];
  bigFamily: {
    rootId: string;
    size: number;
    /** A spread of its members: the hierarchy is asked for from different places in the tree. */
    sample: FamilyMember[];
    /** A rep of the territory that holds a branch of the family (not its home territory). */
    viewer: RepSession;
    /** Members that rep may see (the branch in their territory), to ask for the hierarchy from. */
    visibleSample: FamilyMember[];
    /** Every member the viewer may see. */
    visibleIds: ReadonlySet<string>;
  };
  /** Accounts with contacts, and how many each has. */
  contactSamples: { accountId: string; contacts: number }[];
  /** Per rep session: accounts of their territory with contacts. */
  repContactSamples: { session: RepSession; accountId: string; contacts: number }[];
  searchTerms: readonly string[];
};

/**
 * Search terms as people type them: a prefix, a typo, a contact's surname, a city, a brand, two trade
 * words, a common surname that is also in company names.
 */
export const SEARCH_TERMS = [
  'acme dist',
  'Acme Distrbution',
  'Nakamura',
  'Rotterdam',
  'northwind',
  'summit agri',
  'hydraulic supply',
  'garcia',
] as const;

const REP_SESSIONS = 8;
const SAMPLE = 24;

/** Picks the sessions and ids the scenarios rotate over, and signs the chosen users in. */
export async function prepareAccountFixtures(input: {
  seed: number;
  users: UsersOutput;
  territories: TerritoriesOutput;
  accounts: AccountsOutput;
  contacts: ContactsOutput;
  logIn(email: string): Promise<string>;
}): Promise<AccountFixtures> {
  const rng = createRng(input.seed).fork('scenarios');
  const { territories } = input.territories;
  const { accounts, contacts } = input;
  const sessions = new Map<string, RepSession>();
  const repSessionOf = async (territoryIndex: number): Promise<RepSession> => {
    const territory = territories[territoryIndex];
    const rep = territory?.reps.find((candidate) => candidate.active);
    if (!territory || !rep) throw new Error(`territory ${territoryIndex} has no active rep to sign in as`);
    const known = sessions.get(rep.id);
    if (known) return known;
    const session = {
      ...(await sessionOf(rep, input.logIn)),
      territoryId: territory.id,
      territoryName: territory.name,
    };
    sessions.set(rep.id, session);
    return session;
  };

  const admin = await sessionOf(input.users.admin, input.logIn);
  const reps: RepSession[] = [];
  for (const territory of territories) {
    if (reps.length === REP_SESSIONS) break;
    if (territory.reps.some((rep) => rep.active)) reps.push(await repSessionOf(territory.index));
  }
  if (reps.length === 0) throw new Error('no territory has an active rep to sign in as: raise --users');

  const { members, rootId } = accounts.bigFamily;
  const homeTerritoryId = members[0]?.territoryId;
  const awayTerritoryId = members.find((member) => member.territoryId !== homeTerritoryId)?.territoryId;
  const awayIndex = territories.findIndex((territory) => territory.id === (awayTerritoryId ?? homeTerritoryId));
  const viewer = await repSessionOf(awayIndex);
  const visible = members.filter(
    (member) => member.territoryId === viewer.territoryId || member.ownerId === viewer.userId,
  );

  const territoryOf = (accountIndex: number) => territories[accounts.territoryIndexes[accountIndex] ?? 0]?.id;
  const withContacts: number[] = [];
  for (let index = 0; index < accounts.count; index += 1) {
    if ((contacts.perAccount[index] ?? 0) > 0) withContacts.push(index);
  }
  const sampleOf = (indexes: readonly number[], count: number) =>
    rng.sample(indexes, count).map((index) => ({
      accountId: accounts.ids[index] as string,
      contacts: contacts.perAccount[index] ?? 0,
    }));
  const repContactSamples = reps.flatMap((session) =>
    sampleOf(
      withContacts.filter((index) => territoryOf(index) === session.territoryId),
      SAMPLE / 4,
    ).map((sample) => ({ session, ...sample })),
  );

  return {
    admin,
    reps,
    territories: territories.map((territory) => ({ id: territory.id, name: territory.name })),
    bigFamily: {
      rootId,
      size: members.length,
      sample: [members[0] as FamilyMember, ...rng.sample(members.slice(1), SAMPLE - 1)],
      viewer,
      visibleSample: rng.sample(visible, SAMPLE),
      visibleIds: new Set(visible.map((member) => member.id)),
    },
    contactSamples: sampleOf(withContacts, SAMPLE * 4),
    repContactSamples,
    searchTerms: SEARCH_TERMS,
  };
}

async function sessionOf(user: GeneratedUser, logIn: (email: string) => Promise<string>): Promise<Session> {
  return { userId: user.id, email: user.email, token: await logIn(user.email) };
}

const listLimit: LatencyLimit = {
  target: 'account list by territory, by name: p99 < 20 ms',
  percentile: 99,
  ms: 20,
  load: 'connections',
};
const searchLimit: LatencyLimit = { target: 'search: p95 < 30 ms', percentile: 95, ms: 30, load: 'connections' };
const hierarchyLimit: LatencyLimit = {
  target: 'hierarchy of a 1,000-account family: p99 < 20 ms',
  percentile: 99,
  ms: 20,
  load: 'connections',
};

const PAGE = 50;
/** Pages 2 to this one, by following nextCursor. */
const LAST_PAGE = 5;

type Page = { data?: { territoryId?: string | null; accountId?: string }[]; nextCursor?: string | null };

const territoryPage =
  (territoryId: string) =>
  (body: unknown): string | undefined => {
    const { data } = body as Page;
    if (!Array.isArray(data) || data.length === 0) return 'expected accounts, got none';
    if (data.length > PAGE) return `expected at most ${PAGE} accounts, got ${data.length}`;
    const stranger = data.find((account) => account.territoryId !== territoryId);
    return stranger ? `an account of territory ${stranger.territoryId} in the list of ${territoryId}` : undefined;
  };

const accountsByTerritoryUrl = (environment: HttpEnvironment, territoryId: string, cursor?: string) =>
  `${environment.meridianUrl}/api/v1/accounts?territoryId=${territoryId}&sort=name&limit=${PAGE}` +
  (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');

const searchUrl = (environment: HttpEnvironment, term: string) =>
  `${environment.meridianUrl}/api/v1/search?q=${encodeURIComponent(term)}`;

const searchHits =
  (mustFind: string | null) =>
  (body: unknown): string | undefined => {
    const { data } = body as { data?: { title?: string }[] };
    if (!Array.isArray(data)) return 'the answer has no data array';
    if (mustFind && !data.some((hit) => hit.title?.startsWith(mustFind))) {
      return `expected "${mustFind}" among the hits, got ${data.map((hit) => hit.title).join(', ') || 'none'}`;
    }
    return undefined;
  };

const familyTree =
  (rootId: string, size: number) =>
  (body: unknown): string | undefined => {
    const tree = body as { rootId?: string; nodes?: unknown[] };
    if (tree.rootId !== rootId) return `expected the tree of ${rootId}, got ${tree.rootId}`;
    if (tree.nodes?.length !== size) return `expected ${size} nodes, got ${tree.nodes?.length}`;
    return undefined;
  };

/** The rep's tree: the asked member and nothing the rep may not see. */
const visibleBranch =
  (memberId: string, visibleIds: ReadonlySet<string>) =>
  (body: unknown): string | undefined => {
    const tree = body as { nodes?: { id: string }[] };
    if (!tree.nodes?.some((node) => node.id === memberId)) return `the tree lacks the asked account ${memberId}`;
    const hidden = tree.nodes.find((node) => !visibleIds.has(node.id));
    return hidden ? `the tree shows ${hidden.id}, which the rep may not see` : undefined;
  };

const contactsOf =
  (accountId: string, count: number) =>
  (body: unknown): string | undefined => {
    const { data } = body as Page;
    if (!Array.isArray(data)) return 'the answer has no data array';
    if (data.length !== count) return `expected the ${count} contacts of ${accountId}, got ${data.length}`;
    return data.every((contact) => contact.accountId === accountId) ? undefined : 'a contact of another account';
  };

/** Search scenarios as admin: a well-known name must be found for the prefix and the typo. */
const mustFindAsAdmin = (term: string) => (/^acme dist/i.test(term) ? 'Acme Distribution' : null);

export const accountScenarios: readonly HttpScenario[] = [
  {
    name: 'accounts-by-territory',
    description: 'GET /api/v1/accounts?territoryId=…&sort=name&limit=50 as admin, every territory in turn',
    limit: listLimit,
    requests: (environment) =>
      environment.accounts.territories.map((territory) => ({
        url: accountsByTerritoryUrl(environment, territory.id),
        headers: bearer(environment.accounts.admin.token),
        check: territoryPage(territory.id),
      })),
  },
  {
    name: 'accounts-by-territory-rep',
    description: 'the same as reps (own + territory accounts), each rep in their own territory',
    limit: listLimit,
    requests: (environment) =>
      environment.accounts.reps.map((rep) => ({
        url: accountsByTerritoryUrl(environment, rep.territoryId),
        headers: bearer(rep.token),
        check: territoryPage(rep.territoryId),
      })),
  },
  {
    name: 'accounts-by-territory-pages',
    description: `the same as admin, pages 2 to ${LAST_PAGE} (following nextCursor)`,
    limit: listLimit,
    requests: async (environment) => {
      const headers = bearer(environment.accounts.admin.token);
      const requests: ScenarioRequest[] = [];
      for (const territory of environment.accounts.territories.slice(0, 10)) {
        let cursor = ((await getJson({ url: accountsByTerritoryUrl(environment, territory.id), headers })) as Page)
          .nextCursor;
        for (let page = 2; page <= LAST_PAGE && cursor; page += 1) {
          const url = accountsByTerritoryUrl(environment, territory.id, cursor);
          requests.push({ url, headers, check: territoryPage(territory.id) });
          cursor = ((await getJson({ url, headers })) as Page).nextCursor;
        }
      }
      return requests;
    },
  },
  {
    name: 'search',
    description: `GET /api/v1/search?q=… as admin over ${SEARCH_TERMS.length} terms (prefix, typo, surname, city…)`,
    limit: searchLimit,
    requests: (environment) =>
      environment.accounts.searchTerms.map((term) => ({
        url: searchUrl(environment, term),
        headers: bearer(environment.accounts.admin.token),
        check: searchHits(mustFindAsAdmin(term)),
      })),
  },
  {
    name: 'search-rep',
    description: 'the same terms as reps (hits limited to what each may see)',
    limit: searchLimit,
    requests: (environment) =>
      environment.accounts.reps.flatMap((rep) =>
        environment.accounts.searchTerms.map((term) => ({
          url: searchUrl(environment, term),
          headers: bearer(rep.token),
          check: searchHits(null),
        })),
      ),
  },
  {
    name: 'account-hierarchy',
    description: 'GET /api/v1/accounts/{id}/hierarchy as admin, members of the 1,000-account family',
    limit: hierarchyLimit,
    requests: (environment) => {
      const { bigFamily, admin } = environment.accounts;
      return bigFamily.sample.map((member) => ({
        url: `${environment.meridianUrl}/api/v1/accounts/${member.id}/hierarchy`,
        headers: bearer(admin.token),
        check: familyTree(bigFamily.rootId, bigFamily.size),
      }));
    },
  },
  {
    name: 'account-hierarchy-rep',
    description: 'the same as a rep who sees part of the family: their tree holds only what they may see',
    limit: hierarchyLimit,
    requests: (environment) => {
      const { bigFamily } = environment.accounts;
      return bigFamily.visibleSample.map((member) => ({
        url: `${environment.meridianUrl}/api/v1/accounts/${member.id}/hierarchy`,
        headers: bearer(bigFamily.viewer.token),
        check: visibleBranch(member.id, bigFamily.visibleIds),
      }));
    },
  },
  {
    name: 'contacts-by-account',
    description: 'GET /api/v1/contacts?accountId=… as admin, accounts in turn',
    requests: (environment) =>
      environment.accounts.contactSamples.map((sample) => ({
        url: `${environment.meridianUrl}/api/v1/contacts?accountId=${sample.accountId}`,
        headers: bearer(environment.accounts.admin.token),
        check: contactsOf(sample.accountId, sample.contacts),
      })),
  },
  {
    name: 'contacts-by-account-rep',
    description: 'the same as reps, accounts of their territory',
    requests: (environment) =>
      environment.accounts.repContactSamples.map((sample) => ({
        url: `${environment.meridianUrl}/api/v1/contacts?accountId=${sample.accountId}`,
        headers: bearer(sample.session.token),
        check: contactsOf(sample.accountId, sample.contacts),
      })),
  },
];
