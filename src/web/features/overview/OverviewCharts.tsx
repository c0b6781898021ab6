import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import type { Dashboard } from '../../../shared/contracts/dashboard.js';
import type { ForecastReport } from '../../../shared/contracts/reports.js';
import { api } from '../../api/client.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { useScope } from '../../components/ScopeFilters.js';
import { createPaths } from '../../lib/create-intent.js';
import { count, humanize, moneyCompact } from '../../lib/format.js';
import { openStageOrder, type Stage, seriesColors, sourceColors, stageColors, stageLabels } from '../../lib/labels.js';
import { stageSeries, useEveryAxisLabel, useStageBarProps } from '../../lib/stage-bars.js';
import { ActivityChart } from './ActivityChart.js';
import { ChartCard, LinkRow } from './ChartCard.js';
import { dealCurrencyFilter, withScope } from './scope.js';

/** The overview's charts: their own chunk, so the figures show before the charting library arrives. */
export function OverviewCharts({
  dashboard: data,
  dashboardPending,
}: {
  dashboard: Dashboard | undefined;
  dashboardPending: boolean;
}) {
  const { scope } = useScope();
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
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ChartCard title="Pipeline by stage" subtitle="Open deals today" loading={dashboardPending}>
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
      <ChartCard
        title="Forecast by close month"
        subtitle="The next six months"
        loading={forecast.isPending}
        error={forecast.error}
      >
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
      <ChartCard title="Open leads by source" subtitle="Open leads today" loading={dashboardPending}>
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
      <ActivityChart />
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
