import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Card, Group, SimpleGrid, Skeleton, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Dashboard } from '../../../shared/contracts/dashboard.js';
import type { ActivitySummaryReport, ForecastReport } from '../../../shared/contracts/reports.js';
import { api } from '../../api/client.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { useScope } from '../../components/ScopeFilters.js';
import { createPaths } from '../../lib/create-intent.js';
import { count, humanize, moneyCompact } from '../../lib/format.js';
import {
  activityTypeColors,
  openStageOrder,
  type Stage,
  seriesColors,
  sourceColors,
  stageColors,
  stageLabels,
} from '../../lib/labels.js';
import { stageSeries, useEveryAxisLabel, useStageBarProps } from '../../lib/stage-bars.js';
import { dealCurrencyFilter, withScope } from './scope.js';

/** The overview's charts: their own chunk, so the figures show before the charting library arrives. */
export function OverviewCharts({
  dashboard: data,
  dashboardPending,
}: {
  dashboard: Dashboard | undefined;
  dashboardPending: boolean;
}) {
  const { scope, periodDays } = useScope();
  const navigate = useNavigate();
  const dealCurrency = dealCurrencyFilter(data);
  const stageBars = useStageBarProps<{ stage?: Stage }>((row) => {
    if (row.stage) navigate(withScope('/opportunities', scope, { stage: row.stage, ...dealCurrency }));
  });
  const currency = data?.currency ?? 'USD';
  // An empty chart with filters on says they may be why.
  const filtered = scope.size > 0;
  const everyLabel = useEveryAxisLabel();
  const forecast = useQuery({
    queryKey: ['reports', 'forecast', scope.toString()],
    queryFn: ({ signal }) =>
      api.get<ForecastReport>(withScope('/reports/forecast', scope, { months: '6' }), { signal }),
  });
  const weeks = Math.min(12, Math.max(4, Math.round(periodDays / 7)));
  const weekStarts = Array.from({ length: weeks }, (_, index) =>
    dayjs()
      .startOf('day')
      .subtract((weeks - index) * 7 - 1, 'day'),
  );
  const activityWeeks = useQueries({
    queries: weekStarts.map((start) => ({
      queryKey: ['reports', 'activity-summary', scope.toString(), start.format('YYYY-MM-DD')],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<ActivitySummaryReport>(
          withScope('/reports/activity-summary', scope, {
            from: start.toISOString(),
            to: start.add(7, 'day').subtract(1, 'millisecond').toISOString(),
          }),
          { signal },
        ),
    })),
  });

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ChartCard title="Pipeline by stage" loading={dashboardPending}>
        {data && data.pipeline.count === 0 ? (
          <ChartEmpty
            title={data.otherCurrencies.length > 0 ? `No open deals in ${currency}` : 'No open deals yet'}
            action={{ label: 'New deal', to: createPaths.deal }}
            filtered={filtered}
          >
            Create a deal, or convert a qualified lead into one, and its value shows here by stage.
          </ChartEmpty>
        ) : (
          data && (
            <>
              <BarChart
                h={220}
                data={data.pipeline.byStage.map((row) => ({
                  label: stageLabels[row.stage],
                  stage: row.stage,
                  Value: row.value,
                  Weighted: row.weightedValue,
                }))}
                dataKey="label"
                series={stageSeries}
                valueFormatter={(value) => moneyCompact(value, currency)}
                withLegend
                barProps={stageBars}
                xAxisProps={everyLabel}
              />
              <LinkRow
                items={data.pipeline.byStage.map((row) => ({
                  label: `${stageLabels[row.stage]}: ${count(row.count)} · ${moneyCompact(row.value, currency)}`,
                  to: withScope('/opportunities', scope, { stage: row.stage, ...dealCurrency }),
                  color: stageColors[row.stage],
                }))}
              />
            </>
          )
        )}
      </ChartCard>
      <ChartCard title="Forecast by close month" loading={forecast.isPending} error={forecast.error}>
        {/* Nothing won and no open deal closing in the range: every bar would be zero. */}
        {forecast.data && forecast.data.totals.pipeline === 0 && forecast.data.totals.closedWon === 0 ? (
          <ChartEmpty
            title="Nothing expected to close in the next six months"
            action={{
              label: 'Open deals',
              to: withScope('/opportunities', scope, { stage: openStageOrder.join(',') }),
            }}
            filtered={filtered}
          >
            Give open deals an amount and a close date, and each month shows what it should bring in.
          </ChartEmpty>
        ) : (
          forecast.data && (
            <>
              <BarChart
                h={220}
                data={forecast.data.data.map((row) => ({
                  month: dayjs(`${row.month}-01`).format('MMM'),
                  key: row.month,
                  Won: row.closedWon,
                  Commit: row.commit,
                  Weighted: row.weighted,
                }))}
                dataKey="month"
                series={[
                  { name: 'Won', color: seriesColors.Won },
                  { name: 'Commit', color: seriesColors.Commit },
                  { name: 'Weighted', color: seriesColors.Weighted },
                ]}
                valueFormatter={(value) => moneyCompact(value, forecast.data.currency)}
                withLegend
                barProps={{
                  cursor: 'pointer',
                  onClick: (bar: { payload?: { key?: string } }) =>
                    bar.payload?.key && navigate(monthLink(bar.payload.key, forecast.data, scope)),
                }}
              />
              <LinkRow
                items={forecast.data.data.map((row) => ({
                  label: `${dayjs(`${row.month}-01`).format('MMM YYYY')}: ${count(row.pipeline)} open`,
                  to: monthLink(row.month, forecast.data, scope),
                }))}
              />
            </>
          )
        )}
      </ChartCard>
      <ChartCard title="Open leads by source" loading={dashboardPending}>
        {data && data.leads.open === 0 ? (
          <ChartEmpty title="No open leads" action={{ label: 'New lead', to: createPaths.lead }} filtered={filtered}>
            Add the leads from a trade show, a referral or the website, and see which sources bring the most.
          </ChartEmpty>
        ) : (
          data && (
            <>
              <BarChart
                h={220}
                data={Object.entries(data.leads.bySource).map(([source, leads]) => ({
                  source: humanize(source),
                  key: source,
                  Leads: leads,
                }))}
                dataKey="source"
                series={[{ name: 'Leads', color: 'violet.5' }]}
                yAxisProps={{ allowDecimals: false }}
                barProps={{
                  cursor: 'pointer',
                  onClick: (bar: { payload?: { key?: string } }) =>
                    bar.payload?.key &&
                    navigate(withScope('/leads', scope, { status: 'open', source: bar.payload.key })),
                }}
              />
              <LinkRow
                items={Object.entries(data.leads.bySource).map(([source, leads]) => ({
                  label: `${humanize(source)}: ${count(leads)}`,
                  to: withScope('/leads', scope, { status: 'open', source }),
                  color: sourceColors[source],
                }))}
              />
            </>
          )
        )}
      </ChartCard>
      <ChartCard
        title={`Activities by type, week by week`}
        loading={activityWeeks.some((week) => week.isPending)}
        error={activityWeeks.find((week) => week.isError)?.error}
      >
        {activityWeeks.every((week) => week.data?.totals.total === 0) ? (
          <ChartEmpty
            title="No activities in these weeks"
            action={{ label: 'Log a call', to: createPaths.loggedCall }}
            filtered={filtered}
          >
            Log the calls you make and plan your visits and meetings, and the weeks fill in by kind of activity.
          </ChartEmpty>
        ) : (
          activityWeeks.every((week) => week.data) && (
            <>
              <BarChart
                h={220}
                type="stacked"
                yAxisProps={{ allowDecimals: false }}
                data={activityWeeks.map((week, index) => ({
                  week: weekStarts[index]?.format('D MMM') ?? '',
                  start: weekStarts[index]?.toISOString() ?? '',
                  ...Object.fromEntries((week.data?.data ?? []).map((row) => [humanize(row.key), row.total])),
                }))}
                dataKey="week"
                series={Object.keys(activityTypeColors).map((type) => ({
                  name: humanize(type),
                  color: `${activityTypeColors[type]}.5`,
                }))}
                withLegend
                barProps={(series: { name: string }) => ({
                  cursor: 'pointer',
                  // A bar is one kind of activity in one week: its list is those, in that week.
                  onClick: (bar: { payload?: { start?: string } }) => {
                    const type = Object.keys(activityTypeColors).find((key) => humanize(key) === series.name);
                    const start = bar.payload?.start;
                    if (!type || !start) return;
                    const end = dayjs(start).add(7, 'day').subtract(1, 'millisecond');
                    navigate(withScope('/activities', scope, { type, atFrom: start, atTo: end.toISOString() }));
                  },
                })}
              />
              <LinkRow
                items={Object.entries(data?.activities.byType ?? {}).map(([type, total]) => ({
                  label: `${humanize(type)}: ${count(total)} in 30 days`,
                  // The same 30 days the figure counts, up to when it was computed.
                  to: withScope('/activities', scope, {
                    type,
                    atFrom: dayjs(data?.generatedAt).subtract(30, 'day').toISOString(),
                    atTo: dayjs(data?.generatedAt).toISOString(),
                  }),
                  color: activityTypeColors[type],
                }))}
              />
            </>
          )
        )}
      </ChartCard>
    </SimpleGrid>
  );
}

/**
 * The open deals a forecast month counts: of the report's one currency, closing that month, and in the
 * first month also those whose close date has passed (the forecast still expects them, at the earliest now).
 */
function monthLink(month: string, forecast: ForecastReport, scope: URLSearchParams) {
  const start = dayjs(`${month}-01`);
  const first = forecast.data[0]?.month === month;
  return withScope('/opportunities', scope, {
    stage: openStageOrder.join(','),
    ...(first ? {} : { closeDateFrom: start.format('YYYY-MM-DD') }),
    closeDateTo: start.endOf('month').format('YYYY-MM-DD'),
    currency: forecast.currency,
  });
}

function ChartCard({
  title,
  loading,
  error,
  children,
}: {
  title: string;
  loading: boolean;
  error?: unknown;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" radius="md">
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {error ? (
        <Text size="sm" c="dimmed">
          This chart is not available right now. Try again in a moment.
        </Text>
      ) : loading ? (
        <Skeleton height={240} />
      ) : (
        children
      )}
    </Card>
  );
}

function LinkRow({ items }: { items: { label: string; to: string; color?: string | undefined }[] }) {
  return (
    <Group gap="xs" mt="sm" wrap="wrap">
      {items.map((item) => (
        <Anchor key={item.to} component={Link} to={item.to} size="xs" c="dimmed" underline="always">
          {item.label}
        </Anchor>
      ))}
    </Group>
  );
}
