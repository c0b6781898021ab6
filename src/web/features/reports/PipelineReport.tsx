import { BarChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import type { PipelineReport } from '../../../shared/contracts/reports.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { useScope } from '../../components/ScopeFilters.js';
import { createPaths } from '../../lib/create-intent.js';
import { count, money, moneyCompact } from '../../lib/format.js';
import { type Stage, seriesColors } from '../../lib/labels.js';
import { stageSeries, useEveryAxisLabel, useStageBarProps } from '../../lib/stage-bars.js';
import { withScope } from '../overview/scope.js';
import { GroupBySwitch } from './GroupBySwitch.js';
import { barLinks, Figures, monthRange, ReportCard, useReport } from './ReportCard.js';

/** A group's deals, as the report counts them: the open ones. */
const openStageFilter = { stage: 'prospecting,qualification,proposal,negotiation' };

const groupings = [
  { value: 'stage', label: 'Stage' },
  { value: 'owner', label: 'Owner' },
  { value: 'territory', label: 'Territory' },
  { value: 'closeMonth', label: 'Close month' },
  { value: 'productFamily', label: 'Product line' },
  { value: 'product', label: 'Product' },
];

export function Pipeline() {
  const { scope } = useScope();
  const [search] = useSearchParams();
  const groupBy = search.get('groupBy') ?? 'stage';
  const params = new URLSearchParams(scope);
  params.set('groupBy', groupBy);
  const report = useReport<PipelineReport>('pipeline', params);
  const data = report.data;
  const navigate = useNavigate();
  // The report counts and sums the deals of one currency only: so do the lists its figures open.
  const inCurrency: Record<string, string> = data ? { currency: data.currency } : {};
  const linkOf = (key: string | null): string | null => {
    const open = { ...openStageFilter, ...inCurrency };
    // Deals without products are a group of their own; products without a product line have no filter.
    if (groupBy === 'product' || groupBy === 'productFamily') {
      if (key === null) return withScope('/opportunities', scope, { ...open, hasProducts: 'false' });
      if (key === '') return null;
      return withScope('/opportunities', scope, {
        ...open,
        [groupBy === 'product' ? 'productId' : 'productFamily']: key,
      });
    }
    if (key === null) return null;
    if (groupBy === 'stage') return withScope('/opportunities', scope, { stage: key, ...inCurrency });
    if (groupBy === 'owner') return withScope('/opportunities', scope, { ...open, ownerId: key });
    if (groupBy === 'territory') return withScope('/opportunities', scope, { ...open, territoryId: key });
    const { from, to } = monthRange(key);
    return withScope('/opportunities', scope, { ...open, closeDateFrom: from, closeDateTo: to });
  };
  const everyLabel = useEveryAxisLabel();
  const openDealsLink = withScope('/opportunities', scope, { ...openStageFilter, ...inCurrency });
  const stageBars = useStageBarProps<{ stage?: Stage; link?: string | null }>((row) => {
    if (row.link) navigate(row.link);
  });
  return (
    <Stack gap="sm">
      <GroupBySwitch value={groupBy} options={groupings} />
      <ReportCard
        title="Open pipeline"
        name={`pipeline-by-${groupBy}`}
        loading={report.isPending}
        error={report.error}
        figures={
          data && (
            <Figures
              items={[
                {
                  id: 'open-deals',
                  label: 'Open deals',
                  value: data.totals.count,
                  shown: count(data.totals.count),
                  to: openDealsLink,
                },
                {
                  id: 'pipeline-value',
                  label: 'Value',
                  value: data.totals.amount,
                  shown: moneyCompact(data.totals.amount, data.currency),
                  to: openDealsLink,
                },
                {
                  id: 'weighted-pipeline',
                  label: 'Weighted',
                  value: data.totals.weightedAmount,
                  shown: moneyCompact(data.totals.weightedAmount, data.currency),
                  // As the overview's weighted tile: the likeliest first.
                  to: withScope('/opportunities', scope, { ...openStageFilter, ...inCurrency, sort: '-probability' }),
                },
              ]}
            />
          )
        }
        chart={
          data && data.totals.count === 0 ? (
            <ChartEmpty
              title="No open deals yet"
              action={{ label: 'New deal', to: createPaths.deal }}
              filtered={scope.size > 0}
              height={260}
            >
              Create a deal, or convert a qualified lead into one, and its value shows here by stage, owner, territory
              or close month.
            </ChartEmpty>
          ) : (
            data && (
              <BarChart
                h={260}
                data={data.data.map((row) => ({
                  label: row.label,
                  Value: row.amount,
                  Weighted: row.weightedAmount,
                  link: linkOf(row.key),
                  stage: groupBy === 'stage' ? (row.key as Stage) : undefined,
                }))}
                dataKey="label"
                series={
                  groupBy === 'stage'
                    ? stageSeries
                    : [
                        { name: 'Value', color: seriesColors.Value },
                        { name: 'Weighted', color: seriesColors.Weighted },
                      ]
                }
                valueFormatter={(value) => moneyCompact(value, data.currency)}
                withLegend
                barProps={groupBy === 'stage' ? stageBars : barLinks(navigate)}
                xAxisProps={everyLabel}
              />
            )
          )
        }
        table={
          data && {
            header: ['Group', 'Deals', `Value (${data.currency})`, `Weighted (${data.currency})`],
            rows: data.data.map((row) => [row.label, row.count, row.amount, row.weightedAmount]),
            // Every figure of a row is of the same deals.
            links: data.data.map((row) => Array(4).fill(linkOf(row.key))),
            display: data.data.map((row) => [
              row.label,
              count(row.count),
              money(row.amount, data.currency),
              money(row.weightedAmount, data.currency),
            ]),
          }
        }
      />
    </Stack>
  );
}
