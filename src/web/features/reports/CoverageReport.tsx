import { Group, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { CoverageGroup, CoverageReport } from '../../../shared/contracts/coverage.js';
import { useScope } from '../../components/ScopeFilters.js';
import { count, date, percent } from '../../lib/format.js';
import { withScope } from '../overview/scope.js';
import { ACCOUNTS_ANCHOR, dueAccountsLink } from './coverage-links.js';
import { GroupBySwitch } from './GroupBySwitch.js';
import { NeglectedAccounts } from './NeglectedAccounts.js';
import { Figures, ReportCard, useReport } from './ReportCard.js';

const groupings = [
  { value: 'territory', label: 'Territory' },
  { value: 'owner', label: 'Owner' },
];

/** The windows a manager thinks in: a month, two, a quarter, half a year. */
const windows = [
  { value: '30', label: '30 days' },
  { value: '60', label: '60 days' },
  { value: '90', label: '90 days' },
  { value: '180', label: '180 days' },
];
const DEFAULT_WINDOW = '90';

/** The visit window, kept in the URL's `days` as the grouping is, so a shared link opens the same report. */
function useVisitWindow() {
  const [search, setSearch] = useSearchParams();
  const asked = search.get('days');
  const days = windows.some((window) => window.value === asked) ? (asked as string) : DEFAULT_WINDOW;
  const setDays = (next: string) => {
    const params = new URLSearchParams(search);
    if (next === DEFAULT_WINDOW) params.delete('days');
    else params.set('days', next);
    setSearch(params, { replace: true });
  };
  return { days, setDays };
}

/** The rate as a bar and its number: the colour says how good, the number says it to everyone. */
function CoverageBar({ group }: { group: CoverageGroup }) {
  const rate = group.coverageRate;
  const color = rate === null ? 'gray' : rate >= 0.75 ? 'teal' : rate >= 0.4 ? 'yellow' : 'red';
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Progress
        value={(rate ?? 0) * 100}
        color={color}
        w={{ base: 64, sm: 96 }}
        aria-label={`Coverage of ${group.label}`}
      />
      <Text size="sm" w={40} ta="right">
        {percent(rate)}
      </Text>
    </Group>
  );
}

/**
 * A link to the list below (`#coverage-accounts`, from the due figures) scrolls to it once the report it
 * follows has drawn, so the list is not pushed down the page by the figures arriving after the scroll.
 */
function useScrollToList(ready: boolean) {
  const location = useLocation();
  const list = useRef<HTMLDivElement>(null);
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || location.hash !== `#${ACCOUNTS_ANCHOR}` || scrolledFor.current === location.key) return;
    scrolledFor.current = location.key;
    list.current?.scrollIntoView({ block: 'start' });
  }, [ready, location.hash, location.key]);
  return list;
}

/**
 * Territory coverage: per territory or owner, how many accounts had a completed visit in the window and
 * how many are due for a visit by their call cycle, and below, the accounts to plan visits to.
 */
export function Coverage() {
  const { scope } = useScope();
  const [search] = useSearchParams();
  const groupBy = search.get('groupBy') === 'owner' ? 'owner' : 'territory';
  const { days, setDays } = useVisitWindow();
  const params = new URLSearchParams(scope);
  params.set('groupBy', groupBy);
  params.set('days', days);
  const report = useReport<CoverageReport>('coverage', params);
  const data = report.data;
  const listRef = useScrollToList(data !== undefined);
  // The accounts due by their call cycle: the report itself, narrowed to the group, lists them below.
  const dueOf = (key: string | null) => (key === null ? null : dueAccountsLink(search, { by: groupBy, key }));
  // A group's accounts; the coverage itself has no list filter, the neglected ones are listed below.
  const accountsOf = (key: string | null) =>
    key === null ? null : withScope('/accounts', scope, groupBy === 'owner' ? { ownerId: key } : { territoryId: key });
  const allAccounts = withScope('/accounts', scope);
  // The visits that cover the accounts: those completed in the window (a done activity stands at its
  // completion, so the list's own date filter, atFrom, is the window's start).
  const visitsDone = withScope('/activities', scope, {
    type: 'visit',
    status: 'completed',
    ...(data ? { atFrom: data.since } : {}),
  });
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <GroupBySwitch value={groupBy} options={groupings} />
        <SegmentedControl aria-label="Visit window" value={days} onChange={setDays} data={windows} w="fit-content" />
      </Group>
      <ReportCard
        title="Visit coverage"
        name={`coverage-by-${groupBy}-${days}-days`}
        loading={report.isPending}
        error={report.error}
        figures={
          data && (
            <Figures
              items={[
                {
                  id: 'coverage-accounts',
                  label: 'Accounts',
                  value: data.totals.accounts,
                  shown: count(data.totals.accounts),
                  to: allAccounts,
                },
                {
                  id: 'coverage-visited',
                  label: `Visited in ${days} days`,
                  value: data.totals.visited,
                  shown: count(data.totals.visited),
                  to: visitsDone,
                },
                {
                  id: 'coverage-rate',
                  label: 'Coverage',
                  value: data.totals.coverageRate,
                  shown: percent(data.totals.coverageRate),
                  to: visitsDone,
                },
                {
                  id: 'coverage-due',
                  label: 'Due for a visit',
                  value: data.totals.dueForVisit,
                  shown: count(data.totals.dueForVisit),
                  to: dueAccountsLink(search),
                },
                {
                  id: 'coverage-planned',
                  label: 'Visits planned',
                  value: data.totals.withPlannedVisit,
                  shown: count(data.totals.withPlannedVisit),
                  to: withScope('/activities', scope, { type: 'visit', status: 'planned' }),
                },
              ]}
            />
          )
        }
        table={
          data && {
            header: [
              groupBy === 'owner' ? 'Owner' : 'Territory',
              'Accounts',
              'Visited',
              'Coverage',
              'Due for a visit',
              'Visit planned',
              'Last visit',
            ],
            rows: data.data.map((group) => [
              group.label,
              group.accounts,
              group.visited,
              group.coverageRate,
              group.dueForVisit,
              group.withPlannedVisit,
              group.lastVisitAt,
            ]),
            display: data.data.map((group) => [
              group.label,
              count(group.accounts),
              count(group.visited),
              <CoverageBar key="bar" group={group} />,
              count(group.dueForVisit),
              count(group.withPlannedVisit),
              group.lastVisitAt ? date(group.lastVisitAt) : 'Never',
            ]),
            links: data.data.map((group) => [
              accountsOf(group.key),
              accountsOf(group.key),
              null,
              null,
              dueOf(group.key),
              null,
              null,
            ]),
          }
        }
      />
      <NeglectedAccounts ref={listRef} scope={scope} days={days} />
    </Stack>
  );
}
