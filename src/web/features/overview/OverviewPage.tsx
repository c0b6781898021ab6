import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import type { Dashboard } from '../../../shared/contracts/dashboard.js';
import { useMe } from '../../api/hooks.js';
import { FigureCard } from '../../components/FigureCard.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { ScopeFilters, useScope } from '../../components/ScopeFilters.js';
import { count, moneyCompact, percent } from '../../lib/format.js';
import { openStageOrder } from '../../lib/labels.js';
import { dashboardQuery } from './queries.js';
import { dealCurrencyFilter, withScope } from './scope.js';

const OverviewCharts = lazy(() => import('./OverviewCharts.js').then((module) => ({ default: module.OverviewCharts })));

/** The sales desk at a glance: every figure and bar opens the records behind it. */
export function OverviewPage() {
  const me = useMe();
  const { scope } = useScope();
  const dashboard = useQuery(dashboardQuery(scope));
  const data = dashboard.data;
  const currency = data?.currency ?? 'USD';
  const dealCurrency = dealCurrencyFilter(data);
  const firstName = me.data?.name.split(/\s+/)[0];
  const openStageParam = openStageOrder.join(',');

  return (
    <Stack gap="md">
      <PageHeader
        title={firstName ? `Good to see you, ${firstName}` : 'Overview'}
        documentTitle="Overview"
        description="Your pipeline, leads and work at a glance. Click any figure to see the records behind it."
        // The period drives only the activity chart, so it sits on that chart; every tile names its own
        // window (today, all time, this quarter) rather than seem to follow a selector it does not read.
        actions={<ScopeFilters withPeriod={false} />}
      />
      {dashboard.isError && (
        <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} what="the overview figures" />
      )}
      <SimpleGrid cols={{ base: 2, sm: 3, md: 4, lg: 7 }} spacing="sm">
        <FigureCard
          id="accounts"
          label="Accounts"
          value={data?.accounts.total}
          shown={count(data?.accounts.total)}
          to={withScope('/accounts', scope)}
          loading={dashboard.isPending}
        />
        <FigureCard
          id="open-leads"
          label="Open leads"
          value={data?.leads.open}
          shown={count(data?.leads.open)}
          to={withScope('/leads', scope, { status: 'open' })}
          loading={dashboard.isPending}
        />
        <FigureCard
          id="conversion-rate"
          label="Lead conversion"
          value={data?.leads.conversionRate}
          shown={percent(data?.leads.conversionRate)}
          hint={data ? `${count(data.leads.converted)} converted, all time` : undefined}
          to={withScope('/leads', scope, { status: 'converted' })}
          loading={dashboard.isPending}
        />
        <FigureCard
          id="pipeline-value"
          label="Pipeline value"
          value={data?.pipeline.value}
          shown={moneyCompact(data?.pipeline.value, currency)}
          hint={data ? `${count(data.pipeline.count)} open deals${otherOpenDeals(data)}` : undefined}
          to={withScope('/opportunities', scope, { stage: openStageParam, ...dealCurrency })}
          loading={dashboard.isPending}
        />
        <FigureCard
          id="weighted-pipeline"
          label="Weighted pipeline"
          value={data?.pipeline.weightedValue}
          shown={moneyCompact(data?.pipeline.weightedValue, currency)}
          hint="amount × probability"
          to={withScope('/opportunities', scope, { stage: openStageParam, ...dealCurrency, sort: '-probability' })}
          loading={dashboard.isPending}
        />
        <FigureCard
          id="win-rate"
          label="Win rate, this quarter"
          value={data?.quarter.winRate}
          shown={percent(data?.quarter.winRate)}
          hint={
            data
              ? `${count(data.quarter.won.count)} won · ${count(data.quarter.lost.count)} lost since ${dayjs(data.quarter.from).format('D MMM')}`
              : undefined
          }
          to={
            data
              ? withScope('/opportunities', scope, {
                  // Won and lost in the quarter: by when they were closed, as the figure counts them.
                  stage: 'closed_won,closed_lost',
                  ...dealCurrency,
                  closedAtFrom: data.quarter.from,
                  closedAtTo: data.quarter.to,
                })
              : '/opportunities'
          }
          loading={dashboard.isPending}
        />
        <FigureCard
          id="overdue-tasks"
          label="Overdue tasks"
          value={data?.tasks.overdue}
          shown={count(data?.tasks.overdue)}
          hint={data ? `${count(data.tasks.dueToday)} due today` : undefined}
          hintTo={dueTodayLink(scope.get('ownerId') ?? 'all')}
          tone={data && data.tasks.overdue > 0 ? 'red' : undefined}
          to={`/tasks?assigneeId=${scope.get('ownerId') ?? 'all'}&overdue=true`}
          loading={dashboard.isPending}
        />
      </SimpleGrid>

      <Suspense fallback={<ChartsSkeleton />}>
        <OverviewCharts dashboard={dashboard.data} dashboardPending={dashboard.isPending} />
      </Suspense>
    </Stack>
  );
}

/**
 * The open tasks due later today (the figure leaves the overdue ones out): due within the browser's day,
 * and not overdue when the list is asked, so one that falls due between the page and the click moves out.
 */
function dueTodayLink(assigneeId: string): string {
  const params = new URLSearchParams({
    assigneeId,
    dueAtFrom: dayjs().startOf('day').toISOString(),
    dueAtTo: dayjs().endOf('day').toISOString(),
    overdue: 'false',
  });
  return `/tasks?${params}`;
}

/** The deal figures are of one currency: say how many open deals in others they leave out. */
function otherOpenDeals(data: Dashboard): string {
  const others = data.otherCurrencies.filter((other) => other.openDeals > 0);
  if (others.length === 0) return '';
  const deals = others.reduce((sum, other) => sum + other.openDeals, 0);
  return ` · ${count(deals)} more in ${others.map((other) => other.currency).join(', ')}`;
}

function ChartsSkeleton() {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {[1, 2, 3, 4].map((key) => (
        <Skeleton key={key} height={330} radius="md" />
      ))}
    </SimpleGrid>
  );
}

export const Component = OverviewPage;
