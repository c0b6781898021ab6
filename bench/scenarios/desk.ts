import { bearer } from '../fetch-json.js';
import type { HttpEnvironment, HttpScenario, LatencyLimit, ScenarioRequest } from './http.js';

/*
 * A sales desk's daily reads (issue "Activities, visits, tasks…"): the dashboard, a record's timeline and
 * "my overdue tasks", as the admin and as reps of different territories.
 */

// Issue 5 names no load for these: they are the request's own latency (see LatencyLimit).
const dashboardLimit: LatencyLimit = { target: 'dashboard: p95 < 50 ms', percentile: 95, ms: 50, load: 'request' };
const timelineLimit: LatencyLimit = { target: 'timeline page: p99 < 20 ms', percentile: 99, ms: 20, load: 'request' };
const overdueLimit: LatencyLimit = { target: 'my overdue tasks: p99 < 10 ms', percentile: 99, ms: 10, load: 'request' };

const TIMELINE_PAGE = 50;

const dashboard = (body: unknown): string | undefined => {
  const { accounts, pipeline, tasks } = body as { accounts?: { total?: number }; pipeline?: object; tasks?: object };
  return typeof accounts?.total === 'number' && pipeline && tasks ? undefined : 'the answer is not a dashboard';
};

const timelinePage = (body: unknown): string | undefined => {
  const { data } = body as { data?: { occurredAt?: string }[] };
  if (!Array.isArray(data)) return 'the answer has no data array';
  for (let index = 1; index < data.length; index += 1) {
    if ((data[index - 1]?.occurredAt ?? '') < (data[index]?.occurredAt ?? '')) return 'entries not newest first';
  }
  return undefined;
};

const overdueTasks = (body: unknown): string | undefined => {
  const { data } = body as { data?: { dueAt?: string; status?: string }[] };
  if (!Array.isArray(data)) return 'the answer has no data array';
  const now = new Date().toISOString();
  return data.every((task) => (task.dueAt ?? '') < now && (task.status === 'open' || task.status === 'in_progress'))
    ? undefined
    : 'a task that is not overdue in the list';
};

const timelineUrl = (environment: HttpEnvironment, accountId: string) =>
  `${environment.meridianUrl}/api/v1/accounts/${accountId}/timeline?limit=${TIMELINE_PAGE}`;

const asEveryRep = (environment: HttpEnvironment, url: string, check: ScenarioRequest['check']) =>
  environment.accounts.reps.map((rep) => ({ url, headers: bearer(rep.token), check }));

export const deskScenarios: readonly HttpScenario[] = [
  {
    name: 'dashboard',
    description: 'GET /api/v1/dashboard as admin',
    limit: dashboardLimit,
    requests: (environment) => [
      {
        url: `${environment.meridianUrl}/api/v1/dashboard`,
        headers: bearer(environment.accounts.admin.token),
        check: dashboard,
      },
    ],
  },
  {
    name: 'dashboard-rep',
    description: 'the same as reps',
    limit: dashboardLimit,
    requests: (environment) => asEveryRep(environment, `${environment.meridianUrl}/api/v1/dashboard`, dashboard),
  },
  {
    name: 'timeline',
    description: `GET /api/v1/accounts/{id}/timeline?limit=${TIMELINE_PAGE} as admin, over sampled accounts`,
    limit: timelineLimit,
    requests: (environment) =>
      environment.accounts.contactSamples.map((sample) => ({
        url: timelineUrl(environment, sample.accountId),
        headers: bearer(environment.accounts.admin.token),
        check: timelinePage,
      })),
  },
  {
    name: 'timeline-rep',
    description: 'the same as reps, over accounts of their territory',
    limit: timelineLimit,
    requests: (environment) =>
      environment.accounts.repContactSamples.map((sample) => ({
        url: timelineUrl(environment, sample.accountId),
        headers: bearer(sample.session.token),
        check: timelinePage,
      })),
  },
  {
    name: 'my-overdue-tasks',
    description: 'GET /api/v1/tasks?assigneeId=me&overdue=true&sort=dueAt as reps',
    limit: overdueLimit,
    requests: (environment) =>
      asEveryRep(
        environment,
        `${environment.meridianUrl}/api/v1/tasks?assigneeId=me&overdue=true&sort=dueAt&limit=50`,
        overdueTasks,
      ),
  },
];
