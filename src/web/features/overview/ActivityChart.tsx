import { BarChart } from '@mantine/charts';
import { Select } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { ActivitySummaryReport } from '../../../shared/contracts/reports.js';
import { api } from '../../api/client.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { periods, useScope } from '../../components/ScopeFilters.js';
import { createPaths } from '../../lib/create-intent.js';
import { count, humanize } from '../../lib/format.js';
import { activityTypeColors } from '../../lib/labels.js';
import { activityBuckets } from './activity-buckets.js';
import { ChartCard, LinkRow } from './ChartCard.js';
import { withScope } from './scope.js';

const activityTypes = Object.keys(activityTypeColors);

/**
 * The activities of the period chosen, by type, week by week (month by month over a year). The period is
 * this chart's own control, beside its title: the overview's other figures are of today (open deals, open
 * leads, overdue tasks), of this quarter or of the next six months, and say so. A bar, and a type in the
 * legend, open the activities behind it, bounded by the same atFrom / atTo.
 */
export function ActivityChart() {
  const { scope, periodDays, set } = useScope();
  const navigate = useNavigate();
  const period = periods.find((option) => option.value === String(periodDays)) ?? periods[0];
  const chart = activityBuckets(Number(period?.value ?? 30));
  const buckets = useQueries({
    queries: chart.buckets.map((bucket) => ({
      queryKey: ['reports', 'activity-summary', scope.toString(), bucket.start.toISOString(), bucket.end.toISOString()],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<ActivitySummaryReport>(
          withScope('/reports/activity-summary', scope, {
            from: bucket.start.toISOString(),
            to: bucket.end.toISOString(),
          }),
          { signal },
        ),
    })),
  });
  const loaded = buckets.every((bucket) => bucket.data);
  const windowOf = (start: { toISOString(): string }, end: { toISOString(): string }) => ({
    atFrom: start.toISOString(),
    atTo: end.toISOString(),
  });
  /** Per type, the activities of the whole chart: what its bars add up to. */
  const totals = Object.fromEntries(
    activityTypes.map((type) => [
      type,
      buckets.reduce((sum, bucket) => sum + (bucket.data?.data.find((row) => row.key === type)?.total ?? 0), 0),
    ]),
  );
  const periodWords = (period?.label ?? 'Last 30 days').toLowerCase();

  return (
    <ChartCard
      title={`Activities by type, ${chart.unit} by ${chart.unit}`}
      subtitle={`${chart.from.format('D MMM YYYY')} – ${chart.to.format('D MMM YYYY')}`}
      controls={
        <Select
          aria-label="Period of the activities chart"
          data={periods}
          value={period?.value ?? '30'}
          onChange={(value) => set('period', value === '30' ? null : value)}
          allowDeselect={false}
          size="xs"
          w={140}
        />
      }
      loading={buckets.some((bucket) => bucket.isPending)}
      error={buckets.find((bucket) => bucket.isError)?.error}
    >
      {loaded && Object.values(totals).every((total) => total === 0) ? (
        <ChartEmpty
          title={`No activities in the ${periodWords}`}
          action={{ label: 'Log a call', to: createPaths.loggedCall }}
          filtered={scope.size > 0}
        >
          Log the calls you make and plan your visits and meetings, and the {chart.unit}s fill in by kind of activity.
        </ChartEmpty>
      ) : (
        loaded && (
          <>
            <BarChart
              h={220}
              type="stacked"
              yAxisProps={{ allowDecimals: false }}
              data={buckets.map((bucket, index) => ({
                bucket: chart.buckets[index]?.label ?? '',
                index,
                ...Object.fromEntries((bucket.data?.data ?? []).map((row) => [humanize(row.key), row.total])),
              }))}
              dataKey="bucket"
              series={activityTypes.map((type) => ({
                name: humanize(type),
                color: `${activityTypeColors[type]}.5`,
              }))}
              withLegend
              barProps={(series: { name: string }) => ({
                cursor: 'pointer',
                // A bar is one kind of activity in one week or month: its list is those, in that window.
                onClick: (bar: { payload?: { index?: number } }) => {
                  const type = activityTypes.find((key) => humanize(key) === series.name);
                  const bucket = chart.buckets[bar.payload?.index ?? -1];
                  if (!type || !bucket) return;
                  navigate(withScope('/activities', scope, { type, ...windowOf(bucket.start, bucket.end) }));
                },
              })}
            />
            <LinkRow
              items={activityTypes.map((type) => ({
                label: `${humanize(type)}: ${count(totals[type])} in the ${periodWords}`,
                // The same window the bars add up to.
                to: withScope('/activities', scope, { type, ...windowOf(chart.from, chart.to) }),
                color: activityTypeColors[type],
              }))}
            />
          </>
        )
      )}
    </ChartCard>
  );
}
