import type { AttainmentQuery, AttainmentReport, AttainmentRow } from '../../../shared/contracts/targets.js';
import { AppError } from '../../../shared/errors.js';
import type { Deps } from '../../deps.js';
import { isAdmin, resolvePeople, type Viewer } from '../../platform/viewer.js';
import { teamOf } from '../../platform/visibility.js';
import { addMonths, monthStartOf } from '../reports/report-periods.js';
import { aggregateForecastByOwner } from '../reports/reports.repository.js';
import { findUserNames } from '../users/users.repository.js';
import { findPeopleWorking, monthStart, sumTargetsByUser } from './targets.repository.js';

/** A report reads a year or two at most: longer periods would be someone's whole history. */
const MAX_MONTHS = 24;

/** The first month of the quarter `instant` is in, as YYYY-MM-01 (UTC). */
function quarterStartOf(instant: Date): string {
  const month = instant.getUTCMonth();
  return `${instant.getUTCFullYear()}-${String(month - (month % 3) + 1).padStart(2, '0')}-01`;
}

/** The months a report covers: those asked, or the current quarter; both ends included. */
function periodOf(query: AttainmentQuery, now: Date): { firstMonth: string; lastMonth: string } {
  const quarter = quarterStartOf(now);
  const firstMonth = query.from ? monthStart(query.from) : query.to ? addMonths(monthStart(query.to), -2) : quarter;
  const lastMonth = query.to ? monthStart(query.to) : query.from ? addMonths(firstMonth, 2) : addMonths(quarter, 2);
  if (lastMonth < firstMonth) {
    throw new AppError('invalid_request', 'the period ends before it starts', {
      errors: [{ path: 'to', message: 'must not be before from' }],
    });
  }
  if (addMonths(firstMonth, MAX_MONTHS) <= lastMonth) {
    throw new AppError('invalid_request', `a period is at most ${MAX_MONTHS} months`, {
      errors: [{ path: 'to', message: `at most ${MAX_MONTHS} months after from` }],
    });
  }
  return { firstMonth, lastMonth };
}

const ratio = (value: number, target: number) => (target > 0 ? Math.round((value / target) * 10_000) / 10_000 : null);
const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Targets against what was won, per person, for a period of months. A person appears when the caller may
 * see their target (their own, their team's; admins everyone's) and they have a target in the period or
 * deals won or closing in it. The deals are counted as the forecast counts them, over the same rollups.
 */
export async function getAttainmentReport(
  deps: Deps,
  viewer: Viewer,
  query: AttainmentQuery,
  now = new Date(),
): Promise<AttainmentReport> {
  const db = deps.database.db;
  const currency = query.currency ?? deps.config.defaultCurrency;
  const { firstMonth, lastMonth } = periodOf(query, now);
  const endMonth = addMonths(lastMonth, 1);
  const asked = query.userId ? resolvePeople(query.userId, viewer) : undefined;
  // Attainment is about people: the caller's team (admins: everyone), not whoever else's deals they may
  // see through a territory.
  const team = isAdmin(viewer) ? undefined : teamOf(viewer);
  const working = query.territoryId ? await findPeopleWorking(db, query.territoryId) : undefined;
  const userIds = intersection([asked, team, working]);
  const period = { currency, from: firstMonth.slice(0, 7), to: lastMonth.slice(0, 7) };
  // Nobody to report on; an empty owner list would narrow the rollups by nothing at all.
  if (userIds?.length === 0) return { ...period, data: [], totals: measures(0, 0, 0, 0, 0) };

  const targets = await sumTargetsByUser(db, viewer, { firstMonth, lastMonth, currency }, { userIds });
  const current = monthStartOf(now);
  const deals = await aggregateForecastByOwner(
    db,
    viewer,
    { firstMonth, endMonth, includeSlipped: firstMonth <= current && current < endMonth },
    { currency, ownerIds: userIds },
  );
  const dealsByOwner = new Map(deals.map((row) => [row.ownerId, row]));
  const ids = [...new Set([...targets.keys(), ...dealsByOwner.keys()])];
  const names = await findUserNames(db, ids);

  const rows: AttainmentRow[] = ids.map((userId) => {
    const target = targets.get(userId) ?? 0;
    const won = dealsByOwner.get(userId);
    return {
      userId,
      name: names.get(userId) ?? 'Former user',
      ...measures(target, won?.closedWon ?? 0, won?.commit ?? 0, won?.weighted ?? 0, won?.bestCase ?? 0),
    };
  });
  rows.sort(
    (a, b) => (b.attainment ?? -1) - (a.attainment ?? -1) || b.closedWon - a.closedWon || a.name.localeCompare(b.name),
  );
  const sum = (key: 'target' | 'closedWon' | 'commit' | 'weighted' | 'bestCase') =>
    cents(rows.reduce((total, row) => total + row[key], 0));
  return {
    ...period,
    data: rows,
    totals: measures(sum('target'), sum('closedWon'), sum('commit'), sum('weighted'), sum('bestCase')),
  };
}

function measures(target: number, closedWon: number, commit: number, weighted: number, bestCase: number) {
  return {
    target,
    closedWon,
    commit,
    weighted,
    bestCase,
    attainment: ratio(closedWon, target),
    projected: ratio(closedWon + weighted, target),
    gap: cents(Math.max(target - closedWon, 0)),
  };
}

/** The ids every given list holds; undefined when no list narrows. */
function intersection(lists: (string[] | undefined)[]): string[] | undefined {
  const given = lists.filter((list): list is string[] => list !== undefined);
  const [first, ...rest] = given;
  if (!first) return undefined;
  return [...new Set(first)].filter((id) => rest.every((list) => list.includes(id)));
}
