import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { openStages } from '../../../shared/contracts/opportunities.js';
import type {
  ActivitySummaryReport,
  ForecastHistory,
  ForecastReport,
  LeadFunnelReport,
  PipelineReport,
  WinLossReport,
} from '../../../shared/contracts/reports.js';
import type { WorkloadReport } from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { ScopeFilters, useScope } from '../../components/ScopeFilters.js';
import { downloadCsv } from '../../lib/csv.js';
import { count, money, moneyCompact, percent } from '../../lib/format.js';
import { type Stage, seriesColors, stageColors } from '../../lib/labels.js';
import { stageSeries, useStageBarProps } from '../../lib/stage-bars.js';
import { withScope } from '../overview/scope.js';

const reports = [
  { value: 'pipeline', label: 'Pipeline' },
  { value: 'forecast', label: 'Forecast' },
  { value: 'win-loss', label: 'Win / loss' },
  { value: 'lead-funnel', label: 'Lead funnel' },
  { value: 'activity-summary', label: 'Activities' },
  { value: 'workload', label: 'Workload' },
];

/** The reports over a period (the rest are today's open pipeline, forecast and tasks). */
const periodReports = new Set(['win-loss', 'lead-funnel', 'activity-summary']);

type TableSpec = {
  header: string[];
  rows: (string | number | null)[][];
  display?: (ReactNode | string)[][];
  /** Per row, the list of the records behind it (its first cell links there). */
  links?: (string | null)[];
};

/** A chart's bars lead to the records behind them, as the table's rows do. */
function barLinks(navigate: (to: string) => void) {
  return {
    cursor: 'pointer',
    onClick: (bar: { payload?: { link?: string | null } }) => {
      if (bar.payload?.link) navigate(bar.payload.link);
    },
  };
}

const openStageFilter = { stage: 'prospecting,qualification,proposal,negotiation' };

/** The first and last day of a YYYY-MM month, as list date filters. */
function monthRange(month: string): { from: string; to: string } {
  const first = dayjs(`${month}-01`);
  return { from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD') };
}

function useReport<Result>(path: string, params: URLSearchParams) {
  return useQuery({
    queryKey: ['reports', path, params.toString()],
    queryFn: ({ signal }) => api.get<Result>(`/reports/${path}${params.size ? `?${params}` : ''}`, { signal }),
  });
}

export function ReportsPage() {
  const { report = 'pipeline' } = useParams();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // An old or mistyped link (/reports/activities) opens the pipeline rather than an empty page.
  if (!reports.some((item) => item.value === report))
    return <Navigate to={{ pathname: '/reports', search: search.toString() }} replace />;
  return (
    <>
      <PageHeader
        title="Reports"
        description="The pipeline, the forecast and the team's work, each with the table behind it."
        // Only the filters a report reads: a period on the open pipeline or on the workload (the open
        // tasks of today) would change nothing and leave the reader wondering why.
        actions={<ScopeFilters withPeriod={periodReports.has(report)} />}
      />
      <Tabs
        value={report}
        onChange={(value) => navigate({ pathname: `/reports/${value}`, search: search.toString() })}
        keepMounted={false}
      >
        {/* The tabs wrap on a phone rather than hide the last reports off to the side. */}
        <Tabs.List mb="md">
          {reports.map((item) => (
            <Tabs.Tab key={item.value} value={item.value}>
              {item.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="pipeline">
          <Pipeline />
        </Tabs.Panel>
        <Tabs.Panel value="forecast">
          <Forecast />
        </Tabs.Panel>
        <Tabs.Panel value="win-loss">
          <WinLoss />
        </Tabs.Panel>
        <Tabs.Panel value="lead-funnel">
          <LeadFunnel />
        </Tabs.Panel>
        <Tabs.Panel value="activity-summary">
          <Activities />
        </Tabs.Panel>
        <Tabs.Panel value="workload">
          <Workload />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ReportCard({
  title,
  name,
  table,
  loading,
  error,
  chart,
  figures,
}: {
  title: string;
  name: string;
  table?: TableSpec | undefined;
  loading: boolean;
  error: unknown;
  chart?: ReactNode;
  figures?: ReactNode;
}) {
  if (error) return <QueryError error={error} what={`the ${title.toLowerCase()} report`} />;
  if (loading || !table) return <Skeleton height={360} />;
  return (
    <Stack gap="md">
      {figures}
      {chart && (
        <Card withBorder radius="md">
          <Title order={2} size="h5" mb="sm">
            {title}
          </Title>
          {chart}
        </Card>
      )}
      <Card withBorder radius="md" p={0}>
        <Group justify="space-between" p="sm">
          <Text fw={600} size="sm">
            The figures
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} aria-hidden />}
            onClick={() =>
              downloadCsv(`meridian-${name}-${dayjs().format('YYYY-MM-DD')}.csv`, table.header, table.rows)
            }
          >
            Export CSV
          </Button>
        </Group>
        <Table.ScrollContainer minWidth={520}>
          <Table striped fz="sm" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                {table.header.map((cell, index) => (
                  <Table.Th key={cell} ta={index === 0 ? 'left' : 'right'}>
                    {cell}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(table.display ?? table.rows).map((row, rowIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their order
                <Table.Tr key={rowIndex}>
                  {row.map((cell, index) => {
                    const link = index === 0 ? table.links?.[rowIndex] : null;
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                      <Table.Td key={index} ta={index === 0 ? 'left' : 'right'}>
                        {link ? (
                          <Anchor component={Link} to={link} size="sm">
                            {cell ?? '—'}
                          </Anchor>
                        ) : (
                          (cell ?? '—')
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}

function Figures({ items }: { items: { label: string; value: string }[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: items.length }} spacing="sm">
      {items.map((item) => (
        <Card key={item.label} withBorder radius="md" padding="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {item.label}
          </Text>
          <Text fz={22} fw={700}>
            {item.value}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function Pipeline() {
  const { scope } = useScope();
  const [search, setSearch] = useSearchParams();
  const groupBy = search.get('groupBy') ?? 'stage';
  const params = new URLSearchParams(scope);
  params.set('groupBy', groupBy);
  const report = useReport<PipelineReport>('pipeline', params);
  const data = report.data;
  const navigate = useNavigate();
  const linkOf = (key: string | null): string | null => {
    if (key === null) return null;
    if (groupBy === 'stage') return withScope('/opportunities', scope, { stage: key });
    if (groupBy === 'owner') return withScope('/opportunities', scope, { ...openStageFilter, ownerId: key });
    if (groupBy === 'territory') return withScope('/opportunities', scope, { ...openStageFilter, territoryId: key });
    const { from, to } = monthRange(key);
    return withScope('/opportunities', scope, { ...openStageFilter, closeDateFrom: from, closeDateTo: to });
  };
  const stageBars = useStageBarProps<{ stage?: Stage; link?: string | null }>((row) => {
    if (row.link) navigate(row.link);
  });
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Group by"
        value={groupBy}
        onChange={(value) => {
          const next = new URLSearchParams(search);
          next.set('groupBy', value);
          setSearch(next, { replace: true });
        }}
        data={[
          { value: 'stage', label: 'Stage' },
          { value: 'owner', label: 'Owner' },
          { value: 'territory', label: 'Territory' },
          { value: 'closeMonth', label: 'Close month' },
        ]}
        w="fit-content"
      />
      <ReportCard
        title="Open pipeline"
        name={`pipeline-by-${groupBy}`}
        loading={report.isPending}
        error={report.error}
        figures={
          data && (
            <Figures
              items={[
                { label: 'Open deals', value: count(data.totals.count) },
                { label: 'Value', value: moneyCompact(data.totals.amount, data.currency) },
                { label: 'Weighted', value: moneyCompact(data.totals.weightedAmount, data.currency) },
              ]}
            />
          )
        }
        chart={
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
            />
          )
        }
        table={
          data && {
            header: ['Group', 'Deals', `Value (${data.currency})`, `Weighted (${data.currency})`],
            rows: data.data.map((row) => [row.label, row.count, row.amount, row.weightedAmount]),
            links: data.data.map((row) => linkOf(row.key)),
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

function Forecast() {
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

function WinLoss() {
  const { scope, periodDays } = useScope();
  const params = new URLSearchParams(scope);
  const from = dayjs().subtract(periodDays, 'day').format('YYYY-MM-DD');
  params.set('from', from);
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

function LeadFunnel() {
  const { scope, periodDays } = useScope();
  const params = new URLSearchParams(scope);
  const from = dayjs().subtract(periodDays, 'day').format('YYYY-MM-DD');
  params.set('from', from);
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

function Activities() {
  const { scope, periodDays } = useScope();
  const [search, setSearch] = useSearchParams();
  const groupBy = search.get('groupBy') === 'owner' ? 'owner' : 'type';
  const params = new URLSearchParams(scope);
  params.set('groupBy', groupBy);
  params.set('from', dayjs().subtract(periodDays, 'day').format('YYYY-MM-DD'));
  const report = useReport<ActivitySummaryReport>('activity-summary', params);
  const data = report.data;
  const navigate = useNavigate();
  // The report's window: activities standing (done, else planned, else logged) from then until now.
  const since = { atFrom: dayjs().subtract(periodDays, 'day').format('YYYY-MM-DD'), atTo: new Date().toISOString() };
  const linkOf = (key: string | null) =>
    key === null
      ? null
      : withScope('/activities', scope, groupBy === 'type' ? { ...since, type: key } : { ...since, ownerId: key });
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Group by"
        value={groupBy}
        onChange={(value) => {
          const next = new URLSearchParams(search);
          next.set('groupBy', value);
          setSearch(next, { replace: true });
        }}
        data={[
          { value: 'type', label: 'Type' },
          { value: 'owner', label: 'Owner' },
        ]}
        w="fit-content"
      />
      <ReportCard
        title="Activities"
        name={`activities-by-${groupBy}`}
        loading={report.isPending}
        error={report.error}
        chart={
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
            links: data.data.map((row) => linkOf(row.key)),
          }
        }
      />
    </Stack>
  );
}

function Workload() {
  const { ownerId, territoryId } = useScope();
  // The owner filter of a task report is its assignee.
  const scope = new URLSearchParams();
  if (ownerId) scope.set('assigneeId', ownerId);
  if (territoryId) scope.set('territoryId', territoryId);
  const report = useReport<WorkloadReport>('workload', scope);
  const data = report.data;
  const navigate = useNavigate();
  const linkOf = (userId: string) => withScope('/tasks', scope, { assigneeId: userId });
  return (
    <ReportCard
      title="Open tasks per person"
      name="workload"
      loading={report.isPending}
      error={report.error}
      chart={
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
      }
      table={
        data && {
          header: ['Person', 'Open', 'Overdue', 'Due this week'],
          rows: data.data.map((row) => [row.name, row.open, row.overdue, row.dueThisWeek]),
          links: data.data.map((row) => linkOf(row.userId)),
        }
      }
    />
  );
}

export const Component = ReportsPage;
