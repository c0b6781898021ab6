import type { LeadsOutput } from '../../src/server/seed/datasets/leads.js';
import type { UsersOutput } from '../../src/server/seed/datasets/users.js';
import { createRng } from '../../src/server/seed/random.js';
import { bearer } from '../fetch-json.js';
import type { Session } from './accounts.js';
import type { HttpEnvironment, HttpScenario, LatencyLimit, ScenarioRequest } from './http.js';

/** Open leads to convert, one request each: as admin (any lead) and as reps (their own leads). */
export type PipelineFixtures = {
  adminPool: string[];
  repPool: { session: Session; leadId: string }[];
};

/** Leads converted by the admin scenario; the rep scenario takes every open lead of the reps it signs in. */
const ADMIN_POOL = 2_400;
const REP_POOL = 800;
/** The most reps signed in to gather the rep pool (each log-in is one argon2 verification). */
const MAX_REP_SESSIONS = 60;

/**
 * Chooses the leads the conversion scenarios convert: the reps (active) with the most open leads until
 * their own open leads reach REP_POOL, and for the admin a seeded sample of the other open leads of
 * active owners.
 */
export async function preparePipelineFixtures(input: {
  seed: number;
  users: UsersOutput;
  leads: LeadsOutput;
  logIn(email: string): Promise<string>;
}): Promise<PipelineFixtures> {
  const rng = createRng(input.seed).fork('pipeline-scenarios');
  const { leads } = input;
  const openByOwner = new Map<string, number[]>();
  for (let index = 0; index < leads.count; index += 1) {
    if (!leads.open[index]) continue;
    const owner = leads.ownerIds[index] as string;
    const list = openByOwner.get(owner);
    if (list) list.push(index);
    else openByOwner.set(owner, [index]);
  }
  const reps = input.users.reps
    .filter((rep) => rep.active && openByOwner.has(rep.id))
    .sort(
      (a, b) => (openByOwner.get(b.id)?.length ?? 0) - (openByOwner.get(a.id)?.length ?? 0) || a.id.localeCompare(b.id),
    );
  const repPool: PipelineFixtures['repPool'] = [];
  const taken = new Set<string>();
  for (const rep of reps.slice(0, MAX_REP_SESSIONS)) {
    if (repPool.length >= REP_POOL) break;
    const session: Session = { userId: rep.id, email: rep.email, token: await input.logIn(rep.email) };
    taken.add(rep.id);
    for (const index of openByOwner.get(rep.id) ?? []) repPool.push({ session, leadId: leads.ids[index] as string });
  }
  // The deal goes to the lead's owner: one who has left (inactive) is refused (400), so skip their leads.
  const active = new Set(input.users.reps.filter((rep) => rep.active).map((rep) => rep.id));
  const others: number[] = [];
  for (let index = 0; index < leads.count; index += 1) {
    const owner = leads.ownerIds[index] as string;
    if (leads.open[index] && active.has(owner) && !taken.has(owner)) others.push(index);
  }
  const adminPool = rng.sample(others, ADMIN_POOL).map((index) => leads.ids[index] as string);
  // Interleaved: consecutive conversions are not all the same rep's.
  return { adminPool, repPool: rng.shuffle(repPool) };
}

// Issue 4 names no load for these: they are the request's own latency (see LatencyLimit).
const opportunitiesLimit: LatencyLimit = {
  target: 'opportunities by stage, by close date: p99 < 20 ms',
  percentile: 99,
  ms: 20,
  load: 'request',
};
const reportLimit: LatencyLimit = {
  target: 'pipeline / forecast report: p99 < 50 ms',
  percentile: 99,
  ms: 50,
  load: 'request',
};
const conversionLimit: LatencyLimit = {
  target: 'lead conversion: p95 < 30 ms',
  percentile: 95,
  ms: 30,
  load: 'request',
};

const STAGES = ['proposal', 'negotiation'];
const PAGE = 50;

const opportunitiesByStageUrl = (environment: HttpEnvironment) =>
  `${environment.meridianUrl}/api/v1/opportunities?stage=${STAGES.join(',')}&sort=closeDate&limit=${PAGE}`;

const opportunitiesPage =
  (mustHaveRows: boolean) =>
  (body: unknown): string | undefined => {
    const { data } = body as { data?: { stage?: string; closeDate?: string }[] };
    if (!Array.isArray(data)) return 'the answer has no data array';
    if (mustHaveRows && data.length !== PAGE) return `expected a full page of ${PAGE} deals, got ${data.length}`;
    if (data.some((deal) => !STAGES.includes(deal.stage ?? ''))) return 'a deal of another stage in the list';
    for (let index = 1; index < data.length; index += 1) {
      if ((data[index - 1]?.closeDate ?? '') > (data[index]?.closeDate ?? '')) return 'deals not sorted by closeDate';
    }
    return undefined;
  };

const report =
  (expectRows: number | null) =>
  (body: unknown): string | undefined => {
    const { data, totals } = body as { data?: unknown[]; totals?: object };
    if (!Array.isArray(data) || !totals) return 'the answer has no data and totals';
    return expectRows !== null && data.length !== expectRows
      ? `expected ${expectRows} rows, got ${data.length}`
      : undefined;
  };

/** The day conversions give their deal as close date: a month from today. */
const conversionCloseDate = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

const convertRequest = (environment: HttpEnvironment, token: string, leadId: string): ScenarioRequest => ({
  url: `${environment.meridianUrl}/api/v1/leads/${leadId}/convert`,
  method: 'POST',
  headers: bearer(token),
  body: { opportunity: { name: 'Bench deal', amount: 10_000, closeDate: conversionCloseDate() } },
  check: (body) => {
    const { lead, opportunity } = body as { lead?: { status?: string }; opportunity?: { id?: string } | null };
    if (lead?.status !== 'converted') return `expected the lead converted, got ${lead?.status}`;
    return opportunity?.id ? undefined : 'no opportunity was opened';
  },
});

const asEveryRep = (environment: HttpEnvironment, url: string, check: ScenarioRequest['check']) =>
  environment.accounts.reps.map((rep) => ({ url, headers: bearer(rep.token), check }));

export const pipelineScenarios: readonly HttpScenario[] = [
  {
    name: 'opportunities-by-stage',
    description: `GET /api/v1/opportunities?stage=${STAGES.join(',')}&sort=closeDate&limit=${PAGE} as admin`,
    limit: opportunitiesLimit,
    requests: (environment) => [
      {
        url: opportunitiesByStageUrl(environment),
        headers: bearer(environment.accounts.admin.token),
        check: opportunitiesPage(true),
      },
    ],
  },
  {
    name: 'opportunities-by-stage-rep',
    description: 'the same as reps (deals they may see)',
    limit: opportunitiesLimit,
    requests: (environment) => asEveryRep(environment, opportunitiesByStageUrl(environment), opportunitiesPage(false)),
  },
  {
    name: 'report-pipeline',
    description: 'GET /api/v1/reports/pipeline?groupBy=stage as admin',
    limit: reportLimit,
    requests: (environment) => [
      {
        url: `${environment.meridianUrl}/api/v1/reports/pipeline?groupBy=stage`,
        headers: bearer(environment.accounts.admin.token),
        check: report(4),
      },
    ],
  },
  {
    name: 'report-pipeline-rep',
    description: 'the same as reps',
    limit: reportLimit,
    requests: (environment) =>
      asEveryRep(environment, `${environment.meridianUrl}/api/v1/reports/pipeline?groupBy=stage`, report(4)),
  },
  {
    name: 'report-forecast',
    description: 'GET /api/v1/reports/forecast?months=6 as admin',
    limit: reportLimit,
    requests: (environment) => [
      {
        url: `${environment.meridianUrl}/api/v1/reports/forecast?months=6`,
        headers: bearer(environment.accounts.admin.token),
        check: report(6),
      },
    ],
  },
  {
    name: 'report-forecast-rep',
    description: 'the same as reps',
    limit: reportLimit,
    requests: (environment) =>
      asEveryRep(environment, `${environment.meridianUrl}/api/v1/reports/forecast?months=6`, report(6)),
  },
  {
    name: 'lead-conversion',
    description: `POST /api/v1/leads/{id}/convert with a deal, as admin, ${ADMIN_POOL} distinct open leads once each`,
    limit: conversionLimit,
    pool: true,
    requests: (environment) =>
      environment.pipeline.adminPool.map((leadId) =>
        convertRequest(environment, environment.accounts.admin.token, leadId),
      ),
  },
  {
    name: 'lead-conversion-rep',
    description: 'the same as reps, each converting their own open leads',
    limit: conversionLimit,
    pool: true,
    requests: (environment) =>
      environment.pipeline.repPool.map((entry) => convertRequest(environment, entry.session.token, entry.leadId)),
  },
];
