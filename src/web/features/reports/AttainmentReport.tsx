import { Group, Progress, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { openStages } from '../../../shared/contracts/opportunities.js';
import type { AttainmentReport, AttainmentRow } from '../../../shared/contracts/targets.js';
import { ChartEmpty } from '../../components/ChartEmpty.js';
import { useScope } from '../../components/ScopeFilters.js';
import { money, moneyCompact, percent } from '../../lib/format.js';
import { withScope } from '../overview/scope.js';
import {
  addMonths,
  monthKey,
  monthLabel,
  monthsBetween,
  type PeriodSpan,
  periodLabel,
  periodMonths,
} from '../targets/target-math.js';
import { Figures, monthRange, ReportCard, type TableSpec, useReport } from './ReportCard.js';

const spans: { value: PeriodSpan; label: string }[] = [
  { value: 'this-quarter', label: 'This quarter' },
  { value: 'last-quarter', label: 'Last quarter' },
  { value: 'this-year', label: 'This year' },
  { value: 'custom', label: 'Custom' },
];

/** The longest period the API reports on. */
const MAX_MONTHS = 24;

/**
 * The period of the report, kept in the URL (`span`, and `fromMonth` / `toMonth` for a custom one; not
 * `period`, which is the other reports' window of days and stays as it was when switching tabs).
 */
function usePeriod() {
  const [search, setSearch] = useSearchParams();
  const asked = search.get('span');
  const span: PeriodSpan = spans.some((item) => item.value === asked) ? (asked as PeriodSpan) : 'this-quarter';
  const quarter = periodMonths('this-quarter');
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  const fromAsked = search.get('fromMonth');
  const toAsked = search.get('toMonth');
  const period =
    span === 'custom'
      ? {
          from: fromAsked && month.test(fromAsked) ? fromAsked : quarter.from,
          to: toAsked && month.test(toAsked) ? toAsked : quarter.to,
        }
      : periodMonths(span);
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next, { replace: true });
  };
  const setSpan = (value: PeriodSpan) =>
    value === 'custom'
      ? // A custom period starts from the one on screen, to be narrowed or widened from there.
        set({ span: value, fromMonth: period.from, toMonth: period.to })
      : set({ span: value === 'this-quarter' ? null : value, fromMonth: null, toMonth: null });
  const problem =
    monthsBetween(period.from, period.to) === 0
      ? 'Ends before it starts'
      : monthsBetween(period.from, period.to) > MAX_MONTHS
        ? `At most ${MAX_MONTHS} months`
        : null;
  return {
    span,
    period,
    problem,
    setSpan,
    setMonth: (key: 'fromMonth' | 'toMonth', value: string) => set({ [key]: value }),
  };
}

/** The months a custom period may start or end in: three years back to the end of next year. */
function monthChoices(): { value: string; label: string }[] {
  const thisYear = new Date().getFullYear();
  const first = monthKey(thisYear - 3, 1);
  return Array.from({ length: 5 * 12 }, (_, index) => {
    const month = addMonths(first, index);
    return { value: month, label: `${monthLabel(month, 'short')} ${month.slice(0, 4)}` };
  }).reverse();
}

/**
 * Attainment: each person's target for a period against what they won in it, with the open deals that
 * project where the period is heading. People without a target come last, said in words.
 */
export function Attainment() {
  const { ownerId, territoryId, scope } = useScope();
  const { span, period, problem, setSpan, setMonth } = usePeriod();
  const isPhone = useMediaQuery('(max-width: 30em)');
  const params = new URLSearchParams({ from: period.from, to: period.to });
  // The report is about people: its owner filter is `userId`.
  if (ownerId) params.set('userId', ownerId);
  if (territoryId) params.set('territoryId', territoryId);
  const report = useReport<AttainmentReport>('attainment', params);
  const data = problem ? undefined : report.data;
  const range = { from: monthRange(period.from).from, to: monthRange(period.to).to };
  const currency: Record<string, string> = data ? { currency: data.currency } : {};

  /** Deals of the period: won ones, open ones closing in it, or both; of one person or the whole scope. */
  const dealsOf = (kind: 'won' | 'open' | 'all', userId?: string) =>
    withScope('/opportunities', scope, {
      ...(userId ? { ownerId: userId } : {}),
      stage:
        kind === 'won'
          ? 'closed_won'
          : kind === 'open'
            ? openStages.join(',')
            : [...openStages, 'closed_won'].join(','),
      closeDateFrom: range.from,
      closeDateTo: range.to,
      ...currency,
      sort: 'closeDate',
    });
  const targetsLink = `/targets${period.from.startsWith(String(new Date().getFullYear())) ? '' : `?year=${period.from.slice(0, 4)}`}`;

  const table: TableSpec | undefined = data && {
    header: ['Person', 'Target', 'Won', 'Attainment', 'Weighted pipeline', 'Projected', 'Gap'],
    rows: [
      ...data.data.map((row) => [
        row.name,
        row.target,
        row.closedWon,
        row.attainment,
        row.weighted,
        row.projected,
        row.gap,
      ]),
      ...(data.data.length > 1
        ? [
            [
              'Total',
              data.totals.target,
              data.totals.closedWon,
              data.totals.attainment,
              data.totals.weighted,
              data.totals.projected,
              data.totals.gap,
            ],
          ]
        : []),
    ],
    display: [
      ...data.data.map((row) => displayOf(row, row.name, data.currency)),
      ...(data.data.length > 1 ? [displayOf({ ...data.totals, name: 'Total' }, 'Total', data.currency)] : []),
    ],
    links: [
      ...data.data.map((row) => [
        dealsOf('all', row.userId),
        row.target > 0 ? targetsLink : null,
        dealsOf('won', row.userId),
        null,
        dealsOf('open', row.userId),
        null,
        row.target > 0 ? dealsOf('open', row.userId) : null,
      ]),
      ...(data.data.length > 1
        ? [[null, targetsLink, dealsOf('won'), null, dealsOf('open'), null, dealsOf('open')]]
        : []),
    ],
  };

  return (
    <Stack gap="md">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Period"
          // Four choices fit a phone's width only small and shared out evenly.
          size={isPhone ? 'xs' : 'sm'}
          fullWidth={isPhone}
          w={isPhone ? '100%' : undefined}
          value={span}
          onChange={(value) => setSpan(value as PeriodSpan)}
          data={spans}
        />
        {span === 'custom' && (
          <>
            <Select
              label="From"
              data={monthChoices()}
              value={period.from}
              onChange={(value) => value && setMonth('fromMonth', value)}
              allowDeselect={false}
              searchable
              w={140}
            />
            <Select
              label="To"
              data={monthChoices()}
              value={period.to}
              onChange={(value) => value && setMonth('toMonth', value)}
              allowDeselect={false}
              searchable
              error={problem}
              w={140}
            />
          </>
        )}
      </Group>
      {!problem && (
        <Text size="sm" c="dimmed" data-testid="attainment-period">
          {periodLabel(period.from, period.to)}
          {data && ` · in ${data.currency}: targets and deals in other currencies are left out.`}
        </Text>
      )}
      {problem ? null : data && data.data.length === 0 ? (
        <ChartEmpty
          title={`No targets or deals for ${periodLabel(period.from, period.to)}`}
          action={{ label: 'Set targets', to: targetsLink }}
          filtered={scope.size > 0}
          height={240}
        >
          Give people monthly targets, and see here how much of each they have won, and where the open deals closing in
          the period would take them.
        </ChartEmpty>
      ) : (
        <ReportCard
          title="Attainment"
          name={`attainment-${period.from}-${period.to}`}
          loading={report.isPending}
          error={report.error}
          figures={
            data && (
              <Figures
                items={[
                  {
                    id: 'attainment-target',
                    label: 'Target',
                    value: data.totals.target,
                    shown: moneyCompact(data.totals.target, data.currency),
                    to: targetsLink,
                  },
                  {
                    id: 'attainment-won',
                    label: 'Won',
                    value: data.totals.closedWon,
                    shown: moneyCompact(data.totals.closedWon, data.currency),
                    to: dealsOf('won'),
                  },
                  {
                    id: 'attainment-attainment',
                    label: 'Attainment',
                    value: data.totals.attainment,
                    shown: percent(data.totals.attainment),
                    to: dealsOf('won'),
                  },
                  {
                    id: 'attainment-projected',
                    label: 'Projected',
                    value: data.totals.projected,
                    shown: percent(data.totals.projected),
                    to: dealsOf('all'),
                  },
                  {
                    id: 'attainment-gap',
                    label: 'Still to win',
                    value: data.totals.gap,
                    shown: moneyCompact(data.totals.gap, data.currency),
                    to: dealsOf('open'),
                  },
                ]}
              />
            )
          }
          table={table}
        />
      )}
    </Stack>
  );
}

type Measures = Omit<AttainmentRow, 'userId'>;

/** A row as the table shows it: money exact, attainment as a bar with its percentage beside it. */
function displayOf(row: Measures, name: string, currency: string) {
  const hasTarget = row.target > 0;
  return [
    name,
    hasTarget ? money(row.target, currency) : '—',
    money(row.closedWon, currency),
    hasTarget ? (
      <AttainmentBar key="attainment" name={name} attainment={row.attainment ?? 0} />
    ) : (
      <Text key="attainment" size="sm" c="dimmed" component="span">
        No target
      </Text>
    ),
    money(row.weighted, currency),
    percent(row.projected),
    hasTarget ? money(row.gap, currency) : '—',
  ];
}

/** How much of the target is won: the bar (full at 100 %) and, not by colour alone, the percentage. */
function AttainmentBar({ name, attainment }: { name: string; attainment: number }) {
  const met = attainment >= 1;
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Progress
        value={Math.min(attainment, 1) * 100}
        color={met ? 'teal.7' : 'indigo.6'}
        w={{ base: 64, sm: 96 }}
        aria-label={`Attainment of ${name}`}
      />
      <Text size="sm" w={48} ta="right" component="span" fw={met ? 700 : undefined}>
        {percent(attainment)}
      </Text>
    </Group>
  );
}
