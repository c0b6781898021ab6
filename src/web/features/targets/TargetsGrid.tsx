import { Fragment, useCallback, useRef } from 'react';
import type { SalesTarget } from '../../../shared/contracts/targets.js';
import type { User } from '../../../shared/contracts/users.js';
import { money } from '../../lib/format.js';
import { roleLabels } from '../../lib/labels.js';
import type { CellState } from './queries.js';
import { type CellMove, TargetCell } from './TargetCell.js';
import { cellKey, formatSums, monthLabel, quartersOfYear, sumByCurrency } from './target-math.js';

/** The id of the sentence saying why a cell's change was refused (the alert above the grid holds it). */
export const cellErrorId = (userId: string, month: string) => `target-error-${userId}-${month}`;

/** What a cell shows: the change on its way, else the saved target. */
export type ShownTarget = { amount: number | null; currency: string };

/**
 * The year's targets, one row per person and one column per month, a total per quarter and for the
 * year, and the team's totals at the foot. Editable cells save as they are left (see TargetCell).
 */
export function TargetsGrid({
  year,
  people,
  directory,
  me,
  editable,
  targets,
  cells,
  usualCurrency,
  onCommit,
}: {
  year: number;
  people: User[];
  /** Every user the caller may read, for the names of people's managers. */
  directory: User[];
  me: User;
  editable: boolean;
  targets: SalesTarget[];
  cells: ReadonlyMap<string, CellState>;
  usualCurrency: string;
  onCommit: (person: User, month: string, text: string, shown: number | null, currency: string) => string | null;
}) {
  const table = useRef<HTMLTableElement>(null);
  const quarters = quartersOfYear(year);
  const saved = new Map(targets.map((target) => [cellKey(target.userId, target.month), target]));
  const names = new Map(directory.map((person) => [person.id, person.name]));

  /** A person's currency: that of their targets this year, else the usual one (new targets get it). */
  const currencyOf = (userId: string) => targets.find((target) => target.userId === userId)?.currency ?? usualCurrency;

  const shown = (userId: string, month: string): ShownTarget => {
    const key = cellKey(userId, month);
    const target = saved.get(key);
    const currency = target?.currency ?? currencyOf(userId);
    const pending = cells.get(key)?.pending;
    return { amount: pending !== undefined ? pending : (target?.amount ?? null), currency };
  };

  const sumOf = (userIds: string[], months: string[]) =>
    sumByCurrency(
      userIds.flatMap((userId) =>
        months.flatMap((month) => {
          const cell = shown(userId, month);
          return cell.amount === null ? [] : [{ amount: cell.amount, currency: cell.currency }];
        }),
      ),
    );
  const everyone = people.map((person) => person.id);
  const allMonths = quarters.flatMap((quarter) => quarter.months);

  const onMove = useCallback(
    (from: { row: number; column: number }, move: CellMove) => {
      const row = from.row + move.rows;
      const column = from.column + move.columns;
      if (row < 0 || row >= people.length || column < 0 || column > 11) return;
      table.current?.querySelector<HTMLInputElement>(`[data-cell="${row}:${column}"]`)?.focus();
    },
    [people.length],
  );

  /** Who a person is, under their name: role, and whose team when that is not plainly the caller's. */
  const aboutOf = (person: User) => {
    const boss = person.managerId && person.managerId !== me.id ? names.get(person.managerId) : undefined;
    return boss ? `${roleLabels[person.role]} · reports to ${boss}` : roleLabels[person.role];
  };

  return (
    <table className="targets-grid" ref={table} data-testid="targets-grid">
      <caption style={visuallyHidden}>
        Monthly sales targets for {year}, with a total per quarter and for the year
      </caption>
      <thead>
        <tr>
          <th scope="col" className="targets-name">
            Person
          </th>
          {quarters.map((quarter) => (
            <Fragment key={quarter.label}>
              {quarter.months.map((month) => (
                <th key={month} scope="col" data-month={month}>
                  <abbr title={monthLabel(month)} style={{ textDecoration: 'none' }}>
                    {monthLabel(month, 'short')}
                  </abbr>
                </th>
              ))}
              <th scope="col" className="targets-sum">
                {quarter.label}
              </th>
            </Fragment>
          ))}
          <th scope="col" className="targets-sum targets-year">
            {year}
          </th>
        </tr>
      </thead>
      <tbody>
        {people.map((person, row) => (
          <tr key={person.id} data-testid={`targets-row-${person.id}`}>
            <th scope="row" className="targets-name">
              <div style={{ fontWeight: 600 }}>{person.name}</div>
              <div style={{ fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>
                {aboutOf(person)}
              </div>
            </th>
            {quarters.map((quarter) => (
              <Fragment key={quarter.label}>
                {quarter.months.map((month) => {
                  const cell = shown(person.id, month);
                  const label = `Target for ${person.name}, ${monthLabel(month)}`;
                  if (!editable) {
                    return (
                      <td key={month} className="targets-readonly" aria-label={label}>
                        {cell.amount === null ? '—' : money(cell.amount, cell.currency)}
                      </td>
                    );
                  }
                  const state = cells.get(cellKey(person.id, month));
                  return (
                    <td key={month}>
                      <TargetCell
                        label={label}
                        value={cell.amount}
                        currency={cell.currency}
                        pending={state?.pending !== undefined}
                        error={state?.error}
                        errorId={cellErrorId(person.id, month)}
                        row={row}
                        column={allMonths.indexOf(month)}
                        onCommit={(text) => onCommit(person, month, text, cell.amount, cell.currency)}
                        onMove={onMove}
                      />
                    </td>
                  );
                })}
                <td className="targets-sum" data-testid={`targets-${person.id}-${quarter.label}`}>
                  {formatSums(sumOf([person.id], quarter.months), usualCurrency)}
                </td>
              </Fragment>
            ))}
            <td className="targets-sum targets-year" data-testid={`targets-${person.id}-year`}>
              {formatSums(sumOf([person.id], allMonths), usualCurrency)}
            </td>
          </tr>
        ))}
      </tbody>
      {people.length > 1 && (
        <tfoot>
          <tr>
            <th scope="row" className="targets-name">
              Total
            </th>
            {quarters.map((quarter) => (
              <Fragment key={quarter.label}>
                {quarter.months.map((month) => (
                  <td key={month} className="targets-readonly" data-testid={`targets-total-${month}`}>
                    {formatSums(sumOf(everyone, [month]), usualCurrency)}
                  </td>
                ))}
                <td className="targets-sum" data-testid={`targets-total-${quarter.label}`}>
                  {formatSums(sumOf(everyone, quarter.months), usualCurrency)}
                </td>
              </Fragment>
            ))}
            <td className="targets-sum targets-year" data-testid="targets-total-year">
              {formatSums(sumOf(everyone, allMonths), usualCurrency)}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Read by screen readers, out of sight (Mantine's VisuallyHidden is a div, which a caption may not be). */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
