import { BarChart, LineChart } from '@mantine/charts';
import { Card, Stack, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { openStages } from '../../../shared/contracts/opportunities.js';
import type { ForecastHistory, ForecastReport } from '../../../shared/contracts/reports.js';
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
  const linkOf = (month: string) => {
    const { from, to } = monthRange(month);
    // The open deals closing that month: what the row's "Open deals" counts and the forecast is made of.
    return withScope('/opportunities', scope, {
      stage: openStages.join(','),
      closeDateFrom: from,
      closeDateTo: to,
      sort: 'closeDate',
    });
  };
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
                { label: 'Won', value: moneyCompact(data.totals.closedWon, data.currency) },
                { label: 'Commit', value: moneyCompact(data.totals.commit, data.currency) },
                { label: 'Best case', value: moneyCompact(data.totals.bestCase, data.currency) },
                { label: 'Weighted', value: moneyCompact(data.totals.weighted, data.currency) },
              ]}
            />
          )
        }
        chart={
          data && (
            <BarChart
              h={260}
              data={data.data.map((row) => ({
                month: dayjs(`${row.month}-01`).format('MMM YYYY'),
                Won: row.closedWon,
                Commit: row.commit,
                'Best case': row.bestCase,
                Weighted: row.weighted,
                link: linkOf(row.month),
              }))}
              barProps={barLinks(navigate)}
              dataKey="month"
              series={[
                { name: 'Won', color: seriesColors.Won },
                { name: 'Commit', color: seriesColors.Commit },
                { name: 'Best case', color: seriesColors['Best case'] },
                { name: 'Weighted', color: seriesColors.Weighted },
              ]}
              valueFormatter={(value) => moneyCompact(value, data.currency)}
              withLegend
            />
          )
        }
        table={
          data && {
            header: ['Month', 'Won', 'Commit', 'Best case', 'Weighted', 'Open deals'],
            rows: data.data.map((row) => [
              row.month,
              row.closedWon,
              row.commit,
              row.bestCase,
              row.weighted,
              row.pipeline,
            ]),
            links: data.data.map((row) => linkOf(row.month)),
            display: data.data.map((row) => [
              dayjs(`${row.month}-01`).format('MMMM YYYY'),
              money(row.closedWon, data.currency),
              money(row.commit, data.currency),
              money(row.bestCase, data.currency),
              money(row.weighted, data.currency),
              count(row.pipeline),
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
