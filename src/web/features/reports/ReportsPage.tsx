// The charts' styles come with this lazy-loaded page, as every report draws with @mantine/charts.
import '@mantine/charts/styles.css';
import { Tabs } from '@mantine/core';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { ScopeFilters } from '../../components/ScopeFilters.js';
import { Activities } from './ActivitiesReport.js';
import { Attainment } from './AttainmentReport.js';
import { Coverage } from './CoverageReport.js';
import { Forecast } from './ForecastReport.js';
import { LeadFunnel } from './LeadFunnelReport.js';
import { Pipeline } from './PipelineReport.js';
import { WinLoss } from './WinLossReport.js';
import { Workload } from './WorkloadReport.js';

const reports = [
  { value: 'pipeline', label: 'Pipeline' },
  { value: 'forecast', label: 'Forecast' },
  { value: 'attainment', label: 'Attainment' },
  { value: 'win-loss', label: 'Win / loss' },
  { value: 'lead-funnel', label: 'Lead funnel' },
  { value: 'activity-summary', label: 'Activities' },
  { value: 'workload', label: 'Workload' },
  { value: 'coverage', label: 'Coverage' },
];

/** The reports over a period (the rest are today's open pipeline, forecast and tasks). */
const periodReports = new Set(['win-loss', 'lead-funnel', 'activity-summary']);

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
        description="The pipeline, the forecast against the targets, the team's work and its visits, each with the table behind it."
        // Only the filters a report reads: a period on the open pipeline or on the workload (the open
        // tasks of today) would change nothing and leave the reader wondering why. Coverage has its own
        // window of days, beside its grouping.
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
        <Tabs.Panel value="attainment">
          <Attainment />
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
        <Tabs.Panel value="coverage">
          <Coverage />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

export const Component = ReportsPage;
