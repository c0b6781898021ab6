import { BarChart } from '@mantine/charts';
import { useNavigate } from 'react-router';
import type { LeadFunnelReport } from '../../../shared/contracts/reports.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { createPaths } from '../../lib/create-intent.js';
import { count, days, percent } from '../../lib/format.js';
import { withScope } from '../overview/scope.js';
import { barLinks, Figures, ReportCard, usePeriodScope, useReport } from './ReportCard.js';

export function LeadFunnel() {
  const { scope, from, params } = usePeriodScope();
  const report = useReport<LeadFunnelReport>('lead-funnel', params);
  const data = report.data;
  const navigate = useNavigate();
  /** The leads created in the period, as the report counts them, narrowed further by `extra`. */
  const leadsLink = (extra: Record<string, string> = {}) =>
    withScope('/leads', scope, { createdAtFrom: from, ...extra });
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
              { id: 'leads', label: 'Leads', value: data.total, shown: count(data.total), to: leadsLink() },
              {
                id: 'converted',
                label: 'Converted',
                value: data.converted,
                shown: count(data.converted),
                to: leadsLink({ status: 'converted' }),
              },
              // The rate and the time to convert are made of the converted leads, as the overview's tile.
              {
                id: 'conversion',
                label: 'Conversion',
                value: data.conversionRate,
                shown: percent(data.conversionRate),
                to: leadsLink({ status: 'converted' }),
              },
              {
                id: 'days-to-convert',
                label: 'Days to convert',
                value: data.averageDaysToConvert,
                shown: days(data.averageDaysToConvert),
                to: leadsLink({ status: 'converted' }),
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
            data={data.stages.map((stage) => ({
              stage: stage.label,
              Leads: stage.count,
              link: leadsLink({ status: 'open', stage: stage.stage }),
            }))}
            barProps={barLinks(navigate)}
            dataKey="stage"
            yAxisProps={{ width: 100 }}
            series={[{ name: 'Leads', color: 'indigo.6' }]}
            valueFormatter={(value) => count(value)}
            withBarValueLabel
          />
        ) : (
          data && (
            <ChartEmpty
              title="No open leads from this period"
              action={{ label: 'New lead', to: createPaths.lead }}
              filtered={scope.size > 0}
              height={200}
            >
              The leads created in the period and still open show here by stage, from inquiry to negotiation.
            </ChartEmpty>
          )
        )
      }
      table={
        data && {
          header: ['Source', 'Leads', 'Converted', 'Conversion'],
          rows: data.sources.map((row) => [row.label, row.total, row.converted, row.conversionRate]),
          links: data.sources.map((row) => {
            const all = leadsLink({ source: row.source });
            return [all, all, leadsLink({ source: row.source, status: 'converted' }), null];
          }),
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
