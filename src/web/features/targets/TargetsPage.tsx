import './targets.css';
import { ActionIcon, Alert, Anchor, Button, Group, List, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconChartBar, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { User } from '../../../shared/contracts/users.js';
import { useSettings, useUsers } from '../../api/hooks.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { type CellState, useTargetPeople, useTargetSaver, useYearTargets } from './queries.js';
import { cellErrorId, TargetsGrid } from './TargetsGrid.js';
import { monthLabel, periodMonths } from './target-math.js';

/** The years a link may ask for (`?year=`); anything else opens this year. */
const YEARS = { first: 2000, last: 2100 };

/** `?year=` of the address, or this year. */
function useYear(): [number, (year: number) => void] {
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const asked = Number(search.get('year'));
  const year = Number.isInteger(asked) && asked >= YEARS.first && asked <= YEARS.last ? asked : thisYear;
  const setYear = (next: number) => {
    const params = new URLSearchParams(search);
    if (next === thisYear) params.delete('year');
    else params.set('year', String(next));
    // Stepping through years is not history worth going back through.
    setSearch(params, { replace: true });
  };
  return [year, setYear];
}

/**
 * Sales targets (quotas), a year at a time: a spreadsheet of the people the caller sets targets for
 * (managers: the people below them; admins: every rep and manager), typed in place and saved as each cell
 * is left. Reps see their own, read-only. How the targets are being met is the attainment report's.
 */
export function TargetsPage() {
  const [year, setYear] = useYear();
  const team = useTargetPeople();
  const directory = useUsers().data ?? [];
  const targets = useYearTargets(year);
  const usualCurrency = useSettings().data?.defaultCurrency ?? 'USD';
  const [announcement, setAnnouncement] = useState('');
  const { cells, commit } = useTargetSaver({ onSaved: setAnnouncement });
  const editable = team?.editable ?? false;
  const isManager = team?.me.role === 'manager';
  const scroller = useRef<HTMLDivElement>(null);
  const ready = Boolean(team && targets.data);

  // This year opens on the current quarter, next to the names: in December it would be off to the side.
  useEffect(() => {
    const box = scroller.current;
    if (!ready || !box || year !== new Date().getFullYear()) return;
    const quarterStart = periodMonths('this-quarter').from;
    const first = box.querySelector<HTMLElement>(`th[data-month="${quarterStart}"]`);
    const names = box.querySelector<HTMLElement>('th.targets-name');
    if (!first || !names) return;
    box.scrollLeft += first.getBoundingClientRect().left - names.getBoundingClientRect().right;
  }, [ready, year]);

  const description = !team
    ? 'Monthly sales targets.'
    : editable
      ? 'What each person is expected to win per month. Type an amount (12000, 12,000 or 12k) and press Enter or Tab to save it; clear a cell to remove its target.'
      : 'Your monthly sales targets, set by your manager.';

  return (
    <>
      <PageHeader
        title="Targets"
        description={
          <>
            {description}
            {isManager && ' Your own target is set by your manager.'}
          </>
        }
        actions={
          <>
            <YearSwitcher year={year} onChange={setYear} />
            <Button
              component={Link}
              to="/reports/attainment"
              variant="default"
              leftSection={<IconChartBar size={16} aria-hidden />}
            >
              Attainment
            </Button>
          </>
        }
      />
      {/* Each save is said to screen readers, as the changed totals are seen. */}
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
      {targets.error ? (
        <QueryError error={targets.error} what="the targets" onRetry={() => void targets.refetch()} />
      ) : !team || targets.isPending ? (
        <Skeleton height={360} radius="md" />
      ) : team.people.length === 0 ? (
        <NobodyToSet role={team.me.role} />
      ) : (
        <Stack gap="sm">
          <Refusals cells={cells} people={team.people} onShow={setYear} />
          <div
            ref={scroller}
            className="targets-scroll"
            // Read-only, the grid has nothing to Tab to: the box itself takes the focus to scroll by keyboard.
            {...(editable ? {} : { tabIndex: 0, role: 'region', 'aria-label': `Targets ${year}` })}
          >
            <TargetsGrid
              year={year}
              people={team.people}
              directory={directory}
              me={team.me}
              editable={editable}
              targets={targets.data}
              cells={cells}
              usualCurrency={usualCurrency}
              onCommit={commit}
            />
          </div>
          <Text size="xs" c="dimmed">
            {editable
              ? 'Enter saves and moves down, Tab moves along the row, the arrow keys move between cells, Escape puts back the saved figure. Quarter and year totals add each currency apart.'
              : 'Quarter and year totals add each currency apart.'}
          </Text>
        </Stack>
      )}
    </>
  );
}

function YearSwitcher({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const thisYear = new Date().getFullYear();
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label="Year">
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Previous year (${year - 1})`}
        onClick={() => onChange(year - 1)}
        disabled={year <= YEARS.first}
      >
        <IconChevronLeft size={18} aria-hidden />
      </ActionIcon>
      <Text fw={700} w={52} ta="center" aria-live="polite" data-testid="targets-year">
        {year}
      </Text>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Next year (${year + 1})`}
        onClick={() => onChange(year + 1)}
        disabled={year >= YEARS.last}
      >
        <IconChevronRight size={18} aria-hidden />
      </ActionIcon>
      {year !== thisYear && (
        <Button variant="subtle" size="compact-sm" onClick={() => onChange(thisYear)}>
          This year
        </Button>
      )}
    </Group>
  );
}

/**
 * The changes that were not saved, each with why and a way back to its cell: the cell itself is marked
 * (red, with an icon), and this is where its reason can be read, by eye or from the cell (aria-describedby).
 */
function Refusals({
  cells,
  people,
  onShow,
}: {
  cells: ReadonlyMap<string, CellState>;
  people: User[];
  onShow: (year: number) => void;
}) {
  const names = new Map(people.map((person) => [person.id, person.name]));
  const refused = [...cells].flatMap(([key, state]) => {
    const [userId = '', month = ''] = key.split('|');
    return state.error ? [{ userId, month, error: state.error }] : [];
  });
  if (refused.length === 0) return null;
  const goTo = (userId: string, month: string) => {
    onShow(Number(month.slice(0, 4)));
    requestAnimationFrame(() =>
      document.querySelector<HTMLInputElement>(`input[aria-describedby="${cellErrorId(userId, month)}"]`)?.focus(),
    );
  };
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={refused.length === 1 ? 'A change was not saved' : `${refused.length} changes were not saved`}
    >
      <List size="sm" spacing={4}>
        {refused.map(({ userId, month, error }) => (
          <List.Item key={`${userId}|${month}`}>
            <Anchor component="button" type="button" size="sm" fw={600} onClick={() => goTo(userId, month)}>
              {names.get(userId) ?? 'Someone'}, {monthLabel(month)}
            </Anchor>
            : <span id={cellErrorId(userId, month)}>{error}</span>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function NobodyToSet({ role }: { role: User['role'] }) {
  return role === 'admin' ? (
    <EmptyState
      title="No sales reps or managers yet"
      action={
        <Button component={Link} to="/users" variant="light">
          Add users
        </Button>
      }
    >
      Targets are set per person and month. Add the sales team under Settings, then give each one a target here.
    </EmptyState>
  ) : (
    <EmptyState title="Nobody reports to you yet">
      Managers set the targets of the people below them. Ask an admin to make you the manager of your reps under
      Settings → Users, and their rows appear here.
    </EmptyState>
  );
}

export const Component = TargetsPage;
