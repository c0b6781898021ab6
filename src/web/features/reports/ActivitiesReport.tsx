import { BarChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import type { ActivitySummaryReport } from '../../../shared/contracts/reports.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { createPaths } from '../../lib/create-intent.js';
import { withScope } from '../overview/scope.js';
import { GroupBySwitch } from './GroupBySwitch.js';
import { barLinks, ReportCard, usePeriodScope, useReport } from './ReportCard.js';

const groupings = [
  { value: 'type', label: 'Type' },
  { value: 'owner', label: 'Owner' },
];

export function Activities() {
  const { scope, from, params } = usePeriodScope();
  const [search] = useSearchParams();
  const groupBy = search.get('groupBy') === 'owner' ? 'owner' : 'type';
  params.set('groupBy', groupBy);
  const report = useReport<ActivitySummaryReport>('activity-summary', params);
  const data = report.data;
  const navigate = useNavigate();
  // The report's window: activities standing (done, else planned, else logged) from then until now.
  const since = { atFrom: from, atTo: new Date().toISOString() };
  const linkOf = (key: string | null, extra: Record<string, string> = {}) =>
    key === null
      ? null
      : withScope('/activities', scope, {
          ...since,
          ...(groupBy === 'type' ? { type: key } : { ownerId: key }),
          ...extra,
        });
  /** A row's visits: all of an owner's visits, or the visit row's own; another type has none to list. */
  const visitsOf = (key: string | null) =>
    groupBy === 'owner' ? linkOf(key, { type: 'visit' }) : key === 'visit' ? linkOf(key) : null;
  return (
    <Stack gap="sm">
      <GroupBySwitch value={groupBy} options={groupings} />
      <ReportCard
        title="Activities"
        name={`activities-by-${groupBy}`}
        loading={report.isPending}
        error={report.error}
        chart={
          data && data.totals.total === 0 ? (
            <ChartEmpty
              title="No activities in this period"
              action={{ label: 'Log a call', to: createPaths.loggedCall }}
              filtered={scope.size > 0}
              height={240}
            >
              Log the calls you make and plan your visits and meetings, and they show here by kind or by person.
            </ChartEmpty>
          ) : (
            data && (
              <BarChart
                h={240}
                type="stacked"
                data={data.data.map((row) => ({
                  label: row.label,
                  Completed: row.completed,
                  Planned: row.planned,
                  Cancelled: row.cancelled,
                  link: linkOf(row.key),
                }))}
                barProps={barLinks(navigate)}
                dataKey="label"
                series={[
                  { name: 'Completed', color: 'teal.6' },
                  { name: 'Planned', color: 'indigo.4' },
                  { name: 'Cancelled', color: 'gray.4' },
                ]}
                withLegend
              />
            )
          )
        }
        table={
          data && {
            header: [
              groupBy === 'type' ? 'Type' : 'Owner',
              'Total',
              'Completed',
              'Planned',
              'Cancelled',
              'Visits',
              'Minutes',
            ],
            rows: data.data.map((row) => [
              row.label,
              row.total,
              row.completed,
              row.planned,
              row.cancelled,
              row.visits,
              row.durationMinutes,
            ]),
            links: data.data.map((row) => [
              linkOf(row.key),
              linkOf(row.key),
              linkOf(row.key, { status: 'completed' }),
              linkOf(row.key, { status: 'planned' }),
              linkOf(row.key, { status: 'cancelled' }),
              visitsOf(row.key),
              // The minutes are those of the completed activities.
              linkOf(row.key, { status: 'completed' }),
            ]),
          }
        }
      />
    </Stack>
  );
}
