import { BarChart } from '@mantine/charts';
import type { WinLossReport } from '../../../shared/contracts/reports.js';
import { count, money, moneyCompact, percent } from '../../lib/format.js';
import { stageColors } from '../../lib/labels.js';
import { withScope } from '../overview/scope.js';
import { Figures, ReportCard, usePeriodScope, useReport } from './ReportCard.js';

export function WinLoss() {
  const { scope, from, params } = usePeriodScope();
  const report = useReport<WinLossReport>('win-loss', params);
  const data = report.data;
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
              { label: 'Win rate', value: percent(data.winRate) },
              { label: 'Won', value: `${count(data.won.count)} · ${moneyCompact(data.won.amount, data.currency)}` },
              { label: 'Lost', value: `${count(data.lost.count)} · ${moneyCompact(data.lost.amount, data.currency)}` },
              { label: 'Avg. deal', value: moneyCompact(data.averageDealSize, data.currency) },
              {
                label: 'Avg. cycle',
                value: data.averageSalesCycleDays === null ? '—' : `${Math.round(data.averageSalesCycleDays)} days`,
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
        ) : undefined
      }
      table={
        data && {
          header: ['Loss reason', 'Deals', `Amount (${data.currency})`],
          rows: data.lossReasons.map((row) => [row.reason, row.count, row.amount]),
          // "Unspecified" gathers deals lost without a reason, which no filter names.
          links: data.lossReasons.map((row) =>
            row.reason === 'Unspecified'
              ? null
              : withScope('/opportunities', scope, {
                  stage: 'closed_lost',
                  lossReason: row.reason,
                  closedAtFrom: from,
                }),
          ),
          display: data.lossReasons.map((row) => [row.reason, count(row.count), money(row.amount, data.currency)]),
        }
      }
    />
  );
}
