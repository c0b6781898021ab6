import { BarChart, CompositeChart, LineChart } from '@mantine/charts';
import { Card, Stack, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { openStages } from '../../../shared/contracts/opportunities.js';
import type { ForecastHistory, ForecastReport } from '../../../shared/contracts/reports.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { useScope } from '../../components/ScopeFilters.js';
import { count, money, moneyCompact } from '../../lib/format.js';
import { seriesColors } from '../../lib/labels.js';
import { withScope } from '../overview/scope.js';
import { barLinks, Figures, monthRange, ReportCard, useReport } from './ReportCard.js';

export function Forecast() {
  const { scope } = useScope();
  const params = new URLSearchParams(scope);
  params.set('months', '6');
  const report = useReport<ForecastReport>('forecast', params);
  const history = useReport<ForecastHistory>('forecast/history', new URLSearchParams(scope));
  const data = report.data;
  const navigate = useNavigate();
  /**
   * The deals of a forecast figure closing from the first month to the last: open ones (best case, weighted,
   * open deals), open ones of probability 75 or more (commit), or won ones (won).
   */
  const linkOf = (firstMonth: string, lastMonth: string, deals: 'open' | 'commit' | 'won' = 'open') =>
    withScope('/opportunities', scope, {
      stage: deals === 'won' ? 'closed_won' : openStages.join(','),
      ...(deals === 'commit' ? { probabilityMin: '75' } : {}),
      // The report's first month also counts the open deals whose close date has passed (still expected,
      // at the earliest now): its list has no lower bound for them.
      ...(deals !== 'won' && firstMonth === data?.data[0]?.month ? {} : { closeDateFrom: monthRange(firstMonth).from }),
      closeDateTo: monthRange(lastMonth).to,
      // Its figures are of one currency only, and so are the deals behind them.
      ...(data ? { currency: data.currency } : {}),
      sort: 'closeDate',
    });
  const firstMonth = data?.data[0]?.month;
  const lastMonth = data?.data.at(-1)?.month;
  const totalLink = (deals?: 'open' | 'commit' | 'won') =>
    firstMonth && lastMonth ? linkOf(firstMonth, lastMonth, deals) : withScope('/opportunities', scope);
  // The sales targets of the months, drawn and listed only once someone has set one: a line at zero
  // would only say that nobody has.
  const hasTarget = data?.data.some((row) => row.target > 0) ?? false;
  /** The targets page on the year of a month, where its targets are set. */
  const targetsLink = (month: string | undefined) =>
    !month || month.startsWith(String(new Date().getFullYear())) ? '/targets' : `/targets?year=${month.slice(0, 4)}`;
  const bars = [
    { name: 'Won', color: seriesColors.Won },
    { name: 'Commit', color: seriesColors.Commit },
    { name: 'Best case', color: seriesColors['Best case'] },
    { name: 'Weighted', color: seriesColors.Weighted },
  ];
  const chartData = data?.data.map((row) => ({
    month: dayjs(`${row.month}-01`).format('MMM YYYY'),
    Won: row.closedWon,
    Commit: row.commit,
    'Best case': row.bestCase,
    Weighted: row.weighted,
    // A month nobody set a target for is a gap in the line, not a drop to zero.
    Target: row.target > 0 ? row.target : null,
    link: linkOf(row.month, row.month),
  }));
  return (
    <Stack gap="md">
      <ReportCard
        title="Forecast by close month"
        name="forecast"
        loading={report.isPending}
        error={report.error}
        figures={
          data && (
            <Figures
              items={[
                ...(hasTarget
                  ? [
                      {
                        id: 'forecast-target',
                        label: 'Target',
                        value: data.totals.target,
                        shown: moneyCompact(data.totals.target, data.currency),
                        to: targetsLink(firstMonth),
                      },
                    ]
                  : []),
                {
                  id: 'forecast-won',
                  label: 'Won',
                  value: data.totals.closedWon,
                  shown: moneyCompact(data.totals.closedWon, data.currency),
                  to: totalLink('won'),
                },
                {
                  id: 'forecast-commit',
                  label: 'Commit',
                  value: data.totals.commit,
                  shown: moneyCompact(data.totals.commit, data.currency),
                  to: totalLink('commit'),
                },
                {
                  id: 'forecast-best-case',
                  label: 'Best case',
                  value: data.totals.bestCase,
                  shown: moneyCompact(data.totals.bestCase, data.currency),
                  to: totalLink(),
                },
                {
                  id: 'forecast-weighted',
                  label: 'Weighted',
                  value: data.totals.weighted,
                  shown: moneyCompact(data.totals.weighted, data.currency),
                  to: totalLink(),
                },
                // Deals that slipped are in the first month and the totals already: said apart, so they
                // are seen rather than hidden in this month's figure.
                ...(data.pastDue.pipeline > 0
                  ? [
                      {
                        id: 'forecast-past-due',
                        label: `Past their close date (${count(data.pastDue.pipeline)})`,
                        value: data.pastDue.bestCase,
                        shown: moneyCompact(data.pastDue.bestCase, data.currency),
                        to: withScope('/opportunities', scope, {
                          stage: openStages.join(','),
                          closeDateTo: monthRange(dayjs(`${firstMonth}-01`).subtract(1, 'month').format('YYYY-MM')).to,
                          currency: data.currency,
                        }),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
        chart={
          // Nothing won and no open deal closing in the range: every bar would be zero.
          data && data.totals.pipeline === 0 && data.totals.closedWon === 0 && !hasTarget ? (
            <ChartEmpty
              title="Nothing expected to close in the next six months"
              action={{ label: 'Open deals', to: withScope('/opportunities', scope, { stage: openStages.join(',') }) }}
              filtered={scope.size > 0}
              height={260}
            >
              Give open deals an amount and a close date, and each month shows what it should bring in.
            </ChartEmpty>
          ) : (
            data &&
            chartData &&
            (hasTarget ? (
              // The target as a dashed line over the bars: a shape and a name, not a colour alone.
              <CompositeChart
                h={260}
                data={chartData}
                barProps={barLinks(navigate)}
                dataKey="month"
                series={[
                  ...bars.map((bar) => ({ ...bar, type: 'bar' as const })),
                  { name: 'Target', color: 'dark.6', type: 'line' as const, strokeDasharray: '6 4' },
                ]}
                curveType="linear"
                connectNulls={false}
                valueFormatter={(value) => moneyCompact(value, data.currency)}
                withLegend
              />
            ) : (
              <BarChart
                h={260}
                data={chartData}
                barProps={barLinks(navigate)}
                dataKey="month"
                series={bars}
                valueFormatter={(value) => moneyCompact(value, data.currency)}
                withLegend
              />
            ))
          )
        }
        table={
          data && {
            header: ['Month', 'Won', 'Commit', 'Best case', 'Weighted', 'Open deals', ...(hasTarget ? ['Target'] : [])],
            rows: data.data.map((row) => [
              row.month,
              row.closedWon,
              row.commit,
              row.bestCase,
              row.weighted,
              row.pipeline,
              ...(hasTarget ? [row.target] : []),
            ]),
            links: data.data.map((row) => {
              const open = linkOf(row.month, row.month);
              return [
                open,
                linkOf(row.month, row.month, 'won'),
                linkOf(row.month, row.month, 'commit'),
                open,
                open,
                open,
                ...(hasTarget ? [targetsLink(row.month)] : []),
              ];
            }),
            display: data.data.map((row) => [
              dayjs(`${row.month}-01`).format('MMMM YYYY'),
              money(row.closedWon, data.currency),
              money(row.commit, data.currency),
              money(row.bestCase, data.currency),
              money(row.weighted, data.currency),
              count(row.pipeline),
              ...(hasTarget ? [row.target > 0 ? money(row.target, data.currency) : '—'] : []),
            ]),
          }
        }
      />
      <Card withBorder radius="md">
        <Title order={2} size="h5" mb="sm">
          How the forecast moved (weekly snapshots)
        </Title>
        {history.data && history.data.data.length > 1 ? (
          <LineChart
            h={220}
            data={history.data.data.map((point) => ({
              week: dayjs(point.takenOn).format('D MMM'),
              Commit: point.commit,
              'Best case': point.bestCase,
              Weighted: point.weighted,
            }))}
            dataKey="week"
            series={[
              { name: 'Commit', color: seriesColors.Commit },
              { name: 'Best case', color: seriesColors['Best case'] },
              { name: 'Weighted', color: seriesColors.Weighted },
            ]}
            valueFormatter={(value) => moneyCompact(value, history.data.currency)}
            withLegend
          />
        ) : (
          <Text size="sm" c="dimmed">
            A snapshot is taken every week. The trend appears once there are two of them.
          </Text>
        )}
      </Card>
    </Stack>
  );
}
