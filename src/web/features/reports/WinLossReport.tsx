import { BarChart } from '@mantine/charts';
import type { WinLossReport } from '../../../shared/contracts/reports.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { count, days, money, moneyCompact, percent } from '../../lib/format.js';
import { stageColors } from '../../lib/labels.js';
import { withScope } from '../overview/scope.js';
import { Figures, ReportCard, usePeriodScope, useReport } from './ReportCard.js';

export function WinLoss() {
  const { scope, from, params } = usePeriodScope();
  const report = useReport<WinLossReport>('win-loss', params);
  const data = report.data;
  /** The deals closed in the period, as the report counts them, in these stages. */
  const closedLink = (stage: string, sort?: string) =>
    withScope('/opportunities', scope, { stage, closedAtFrom: from, ...(sort ? { sort } : {}) });
  return (
    <ReportCard
      title="Why deals were lost"
      name="win-loss"
      loading={report.isPending}
      error={report.error}
      figures={
        data && (
          <Figures
            items={[
              {
                id: 'win-rate',
                label: 'Win rate',
                value: data.winRate,
                shown: percent(data.winRate),
                to: closedLink('closed_won,closed_lost'),
              },
              {
                id: 'won',
                label: 'Won',
                value: data.won.count,
                shown: `${count(data.won.count)} · ${moneyCompact(data.won.amount, data.currency)}`,
                to: closedLink('closed_won'),
              },
              {
                id: 'lost',
                label: 'Lost',
                value: data.lost.count,
                shown: `${count(data.lost.count)} · ${moneyCompact(data.lost.amount, data.currency)}`,
                to: closedLink('closed_lost'),
              },
              // The average deal and cycle are of the deals won.
              {
                id: 'average-deal',
                label: 'Avg. deal',
                value: data.averageDealSize,
                shown: moneyCompact(data.averageDealSize, data.currency),
                to: closedLink('closed_won', '-amount'),
              },
              {
                id: 'average-cycle',
                label: 'Avg. cycle',
                value: data.averageSalesCycleDays,
                shown: days(data.averageSalesCycleDays),
                to: closedLink('closed_won'),
              },
            ]}
          />
        )
      }
      chart={
        data && data.lossReasons.length > 0 ? (
          <BarChart
            h={240}
            data={data.lossReasons.map((row) => ({ reason: row.reason, Deals: row.count }))}
            dataKey="reason"
            yAxisProps={{ allowDecimals: false }}
            series={[{ name: 'Deals', color: `${stageColors.closed_lost}.5` }]}
          />
        ) : (
          data && (
            <ChartEmpty
              title={data.won.count > 0 ? 'No deals lost in this period' : 'No deals closed in this period'}
              action={{ label: 'Open the board', to: withScope('/opportunities/board', scope) }}
              filtered={scope.size > 0}
              height={240}
            >
              Deals moved to won or lost show here, the lost ones by the reason given, so you see why deals slip away.
            </ChartEmpty>
          )
        )
      }
      table={
        data && {
          header: ['Loss reason', 'Deals', `Amount (${data.currency})`],
          rows: data.lossReasons.map((row) => [row.reason, row.count, row.amount]),
          // "Unspecified" gathers deals lost without a reason, which no filter names.
          links: data.lossReasons.map((row) => {
            const link =
              row.reason === 'Unspecified'
                ? null
                : withScope('/opportunities', scope, {
                    stage: 'closed_lost',
                    lossReason: row.reason,
                    closedAtFrom: from,
                  });
            return [link, link, link];
          }),
          display: data.lossReasons.map((row) => [row.reason, count(row.count), money(row.amount, data.currency)]),
        }
      }
    />
  );
}
