import { BarChart } from '@mantine/charts';
import type { LeadFunnelReport } from '../../../shared/contracts/reports.js';
import { count, percent } from '../../lib/format.js';
import { withScope } from '../overview/scope.js';
import { Figures, ReportCard, usePeriodScope, useReport } from './ReportCard.js';

export function LeadFunnel() {
  const { scope, from, params } = usePeriodScope();
  const report = useReport<LeadFunnelReport>('lead-funnel', params);
  const data = report.data;
  return (
    <ReportCard
      title="Open leads by stage"
      name="lead-funnel"
      loading={report.isPending}
      error={report.error}
      figures={
        data && (
          <Figures
            items={[
              { label: 'Leads', value: count(data.total) },
              { label: 'Converted', value: count(data.converted) },
              { label: 'Conversion', value: percent(data.conversionRate) },
              {
                label: 'Days to convert',
                value: data.averageDaysToConvert === null ? '—' : String(Math.round(data.averageDaysToConvert)),
              },
            ]}
          />
        )
      }
      chart={
        data?.stages.some((stage) => stage.count > 0) ? (
          // Bars, not a funnel: each stage is named beside its count, and an empty stage is an empty bar.
          <BarChart
            h={200}
            orientation="vertical"
            data={data.stages.map((stage) => ({ stage: stage.label, Leads: stage.count }))}
            dataKey="stage"
            yAxisProps={{ width: 100 }}
            series={[{ name: 'Leads', color: 'indigo.6' }]}
            valueFormatter={(value) => count(value)}
            withBarValueLabel
          />
        ) : undefined
      }
      table={
        data && {
          header: ['Source', 'Leads', 'Converted', 'Conversion'],
          rows: data.sources.map((row) => [row.label, row.total, row.converted, row.conversionRate]),
          links: data.sources.map((row) => withScope('/leads', scope, { source: row.source, createdAtFrom: from })),
          display: data.sources.map((row) => [
            row.label,
            count(row.total),
            count(row.converted),
            percent(row.conversionRate),
          ]),
        }
      }
    />
  );
}
