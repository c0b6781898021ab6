import { BarChart } from '@mantine/charts';
import { useNavigate } from 'react-router';
import type { WorkloadReport } from '../../../shared/contracts/tasks.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { useScope } from '../../components/ScopeFilters.js';
import { createPaths } from '../../lib/create-intent.js';
import { withScope } from '../overview/scope.js';
import { barLinks, ReportCard, thisWeekUtc, useReport } from './ReportCard.js';

export function Workload() {
  const { ownerId, territoryId } = useScope();
  // The owner filter of a task report is its assignee.
  const scope = new URLSearchParams();
  if (ownerId) scope.set('assigneeId', ownerId);
  if (territoryId) scope.set('territoryId', territoryId);
  const report = useReport<WorkloadReport>('workload', scope);
  const data = report.data;
  const navigate = useNavigate();
  const linkOf = (userId: string, extra: Record<string, string> = {}) =>
    withScope('/tasks', scope, { assigneeId: userId, ...extra });
  const week = thisWeekUtc();
  return (
    <ReportCard
      title="Open tasks per person"
      name="workload"
      loading={report.isPending}
      error={report.error}
      chart={
        data?.data.every((row) => row.open === 0) ? (
          <ChartEmpty
            title="No open tasks"
            action={{ label: 'New task', to: createPaths.task }}
            filtered={scope.size > 0}
            height={240}
          >
            Give people tasks with a due date, and see here who has the most, and whose are overdue.
          </ChartEmpty>
        ) : (
          data && (
            <BarChart
              h={240}
              data={data.data.map((row) => ({
                name: row.name,
                Overdue: row.overdue,
                'Due this week': row.dueThisWeek,
                Open: row.open,
                link: linkOf(row.userId),
              }))}
              barProps={barLinks(navigate)}
              dataKey="name"
              series={[
                { name: 'Overdue', color: 'red.6' },
                { name: 'Due this week', color: 'yellow.5' },
                { name: 'Open', color: 'indigo.3' },
              ]}
              withLegend
            />
          )
        )
      }
      table={
        data && {
          header: ['Person', 'Open', 'Overdue', 'Due this week'],
          rows: data.data.map((row) => [row.name, row.open, row.overdue, row.dueThisWeek]),
          links: data.data.map((row) => [
            // The tasks page lists open work unless told otherwise: the person's open tasks.
            linkOf(row.userId),
            linkOf(row.userId),
            linkOf(row.userId, { overdue: 'true' }),
            linkOf(row.userId, { dueAtFrom: week.from, dueAtTo: week.to }),
          ]),
        }
      }
    />
  );
}
