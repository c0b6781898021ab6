import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  coverageAccountPageSchema,
  coverageAccountsQuerySchema,
  coverageQuerySchema,
  coverageReportSchema,
} from '../../../shared/contracts/coverage.js';
import {
  activitySummaryQuerySchema,
  activitySummaryReportSchema,
  forecastHistoryQuerySchema,
  forecastHistorySchema,
  forecastQuerySchema,
  forecastReportSchema,
  leadFunnelQuerySchema,
  leadFunnelReportSchema,
  pipelineQuerySchema,
  pipelineReportSchema,
  winLossQuerySchema,
  winLossReportSchema,
} from '../../../shared/contracts/reports.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { getCoverageReport, listCoverageAccountsPage } from './coverage.service.js';
import {
  getActivitySummary,
  getForecastHistory,
  getForecastReport,
  getLeadFunnelReport,
  getPipelineReport,
  getWinLossReport,
} from './reports.service.js';

const tags = ['reports'];
const scoped = 'Computed over the records you may see.';
const oneCurrency =
  'Amounts are in one currency (currency=…, default the configured one); other currencies are left out.';

export const reportsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/reports/pipeline',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Open pipeline by stage, owner, territory or close month',
        description: `Count, amount and weighted amount of open deals, or of the stages named in stage=… (closed ones too). ${scoped} ${oneCurrency}`,
        querystring: pipelineQuerySchema,
        response: withProblems({ 200: pipelineReportSchema }),
      },
    },
    async (request) => getPipelineReport(deps, viewerOf(request), request.query),
  );

  api.get(
    '/reports/forecast',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Forecast per close month',
        description: `Closed won, commit, best case and weighted per close month from the current month (UTC). Open deals whose close date fell in an earlier month (slipped, past due) are still expected, at the earliest now: they are counted in the current month and in the totals, so the forecast holds every open deal the pipeline report holds up to its last month. ${scoped} ${oneCurrency}`,
        querystring: forecastQuerySchema,
        response: withProblems({ 200: forecastReportSchema }),
      },
    },
    async (request) => getForecastReport(deps, viewerOf(request), request.query),
  );

  api.get(
    '/reports/forecast/history',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'How the forecast moved, week by week',
        description: `Totals of each weekly snapshot over its first months close months. A snapshot row is yours to see when its owner is you or below you, or its territory is one of yours. ${oneCurrency}`,
        querystring: forecastHistoryQuerySchema,
        response: withProblems({ 200: forecastHistorySchema }),
      },
    },
    async (request) => getForecastHistory(deps, viewerOf(request), request.query),
  );

  api.get(
    '/reports/win-loss',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Won and lost deals, win rate, cycle length and loss reasons',
        description: `Deals closed in the window: 12 months, the last 12 unless from or to is given; with only to, the 12 months up to it; with only from, the 12 months from it. ${scoped} Won and lost counts, the win rate, loss reason counts and the sales cycle count deals in every currency; amounts and the average deal size are in one currency (currency=…, default the configured one).`,
        querystring: winLossQuerySchema,
        response: withProblems({ 200: winLossReportSchema }),
      },
    },
    async (request) => getWinLossReport(deps, viewerOf(request), request.query),
  );

  api.get(
    '/reports/lead-funnel',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Lead funnel and conversion by source',
        description: `Leads created in the window (default all): open leads per stage, converted, disqualified, conversion per source. ${scoped}`,
        querystring: leadFunnelQuerySchema,
        response: withProblems({ 200: leadFunnelReportSchema }),
      },
    },
    async (request) => getLeadFunnelReport(deps, viewerOf(request), request.query),
  );

  api.get(
    '/reports/activity-summary',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Activities by type or owner',
        description: `Activities in the window by type or owner (30 days: the last 30 unless from or to is given; with only to, the 30 days up to it; with only from, the 30 days from it): planned, completed, cancelled, visits and time spent. An activity counts at its completion time, else its scheduled time, else when it was logged. ${scoped}`,
        querystring: activitySummaryQuerySchema,
        response: withProblems({ 200: activitySummaryReportSchema }),
      },
    },
    async (request) => getActivitySummary(deps, viewerOf(request), request.query),
  );

  api.get(
    '/reports/coverage',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Visit coverage of accounts by territory or owner',
        description: `Per territory or account owner: live accounts, those with a visit completed in the last days days (planned and cancelled visits do not count), the coverage rate, those with a visit planned after now, and the latest completed visit. Accounts without a territory or owner form a group with a null key. ${scoped}`,
        querystring: coverageQuerySchema,
        response: withProblems({ 200: coverageReportSchema }),
      },
    },
    async (request) => getCoverageReport(deps, viewerOf(request), request.query),
  );

  api.get(
    '/reports/coverage/accounts',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'The accounts behind the coverage figures',
        description: `The accounts the coverage report counts, with their latest completed visit and next planned one, a page at a time (limit, cursor, nextCursor). By default the neglected ones (status=unvisited), the most valuable first. ${scoped}`,
        querystring: coverageAccountsQuerySchema,
        response: withProblems({ 200: coverageAccountPageSchema }),
      },
    },
    async (request) => listCoverageAccountsPage(deps, viewerOf(request), request.query),
  );
};
