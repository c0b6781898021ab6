import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { teamOf } from '../../platform/visibility.js';

/*
 * The dashboard's counts of accounts, leads, activities and open tasks over the record rollups
 * (db/schema/record-rollups.ts), for a dashboard that is not narrowed by owner or territory.
 *
 * Visibility (API.md "Visibility", as platform/visibility.ts and platform/record-links.ts write it for the
 * records) is split into two disjoint parts, with P the viewer's team and T their territories:
 *   in territory = the record (accounts, leads) or one of its links (activities, tasks: the live account,
 *                  the live lead, the live account of the live deal) is in T;
 *   owned        = not "in territory", and someone in P owns the record or one of its live links.
 * "In territory" is read from the rollups (admins read them whole and need nothing else); "owned" is read
 * from the records through the owner indexes, which hold a team's few records, and checked row by row.
 * A time window that does not start and end at UTC midnights has ragged edges that no daily rollup row
 * holds: those are counted from the records.
 */

type Parts = { team: string[]; territories: string[] };

const partsOf = (viewer: Viewer): Parts => ({ team: teamOf(viewer), territories: viewer.territoryIds });
const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** `column` is one of T; false for no territories. */
const inTerritories = (column: SQL, parts: Parts) =>
  parts.territories.length === 0 ? sql`false` : sql`${column} = any(${uuids(parts.territories)})`;

/** The record's own territory is not one of T (or it has none). */
const outsideTerritories = (column: SQL, parts: Parts) =>
  parts.territories.length === 0
    ? sql`true`
    : sql`(${column} is null or not ${column} = any(${uuids(parts.territories)}))`;

const sumBy = <Row extends Record<string, unknown>>(db: Db, keys: string, branches: SQL[]) =>
  queryRows<Row>(
    db,
    sql`select ${sql.raw(keys)}, sum(n)::int as count from (${sql.join(branches, sql` union all `)}) as counted
      group by ${sql.raw(keys)}`,
  );

/** Live accounts the viewer may see, per type. */
export function countAccountsByTypeFromRollups(db: Db, viewer: Viewer) {
  if (isAdmin(viewer)) {
    return sumBy<{ type: string; count: number }>(db, 'type', [
      sql`select type, account_count as n from account_rollups`,
    ]);
  }
  const parts = partsOf(viewer);
  return sumBy<{ type: string; count: number }>(db, 'type', [
    sql`select type, account_count as n from account_rollups where ${inTerritories(sql`territory_id`, parts)}`,
    sql`select type, 1 as n from accounts
      where deleted_at is null and owner_id = any(${uuids(parts.team)})
        and ${outsideTerritories(sql`territory_id`, parts)}`,
  ]);
}

/** Live leads the viewer may see, per status, stage and source. */
export function countLeadsFromRollups(db: Db, viewer: Viewer) {
  type Row = { status: string; stage: string; source: string; count: number };
  const keys = 'status, stage, source';
  if (isAdmin(viewer))
    return sumBy<Row>(db, keys, [sql`select status, stage, source, lead_count as n from lead_rollups`]);
  const parts = partsOf(viewer);
  return sumBy<Row>(db, keys, [
    sql`select status, stage, source, lead_count as n from lead_rollups
      where ${inTerritories(sql`territory_id`, parts)}`,
    sql`select status, stage, source, 1 as n from leads
      where deleted_at is null and owner_id = any(${uuids(parts.team)})
        and ${outsideTerritories(sql`territory_id`, parts)}`,
  ]);
}

/** A rollup row of a linked record is "in territory": one of its link territories is in T. */
const rollupInTerritory = (parts: Parts) =>
  sql`(${inTerritories(sql`account_territory_id`, parts)} or ${inTerritories(sql`lead_territory_id`, parts)}
    or ${inTerritories(sql`deal_territory_id`, parts)})`;

/*
 * The territory of a linked record's live account, live lead and live deal's live account, looked up row by
 * row (scalar subqueries: a call of the triggers' PL/pgSQL functions costs several times more).
 */
const liveAccountTerritory = sql`(select territory_id from accounts where id = r.account_id and deleted_at is null)`;
const liveLeadTerritory = sql`(select territory_id from leads where id = r.lead_id and deleted_at is null)`;
const liveDealTerritory = sql`(select x.territory_id from opportunities d join accounts x on x.id = d.account_id
  where d.id = r.opportunity_id and d.deleted_at is null and x.deleted_at is null)`;

/**
 * A linked record (alias `r`) is "in territory", for the many rows of a window's edges: the live accounts
 * and leads of T are each hashed once per query, and only the rows with a deal that neither placed look
 * their deal's account up (a hashed set of the deals of T's accounts would cost more than the edges).
 */
function linkedInTerritory(parts: Parts): SQL {
  if (parts.territories.length === 0) return sql`false`;
  const territories = uuids(parts.territories);
  return sql`(r.account_id in (select id from accounts where deleted_at is null and territory_id = any(${territories}))
    or (r.lead_id is not null
      and r.lead_id in (select id from leads where deleted_at is null and territory_id = any(${territories})))
    or (r.opportunity_id is not null and ${liveDealTerritory} = any(${territories})))`;
}

/**
 * A linked record (alias `r`) is "owned": someone in P is one of its people (owner, assignee, creator) or
 * owns one of its live links, and it is not "in territory". The people and link conditions are
 * `= any(array(…))`, so PostgreSQL combines the record's owner and link indexes (a bitmap OR) and reads
 * only the team's records; the territory check then runs on those few rows alone.
 */
function linkedOwned(parts: Parts, people: SQL[]): SQL {
  const team = uuids(parts.team);
  const byPeople = people.map((column) => sql`${column} = any(${team})`);
  const notInTerritory =
    parts.territories.length === 0
      ? sql`true`
      : sql`not coalesce(${liveAccountTerritory} = any(${uuids(parts.territories)})
          or ${liveLeadTerritory} = any(${uuids(parts.territories)})
          or ${liveDealTerritory} = any(${uuids(parts.territories)}), false)`;
  return sql`(${sql.join(byPeople, sql` or `)}
      or r.account_id = any(array(select id from accounts where deleted_at is null and owner_id = any(${team})))
      or r.lead_id = any(array(select id from leads where deleted_at is null and owner_id = any(${team})))
      or r.opportunity_id = any(array(
        select id from opportunities where deleted_at is null and owner_id = any(${team})
        union all
        select d.id from opportunities d join accounts x on x.id = d.account_id
        where d.deleted_at is null and x.deleted_at is null and x.owner_id = any(${team}))))
    and ${notInTerritory}`;
}

const DAY_MS = 86_400_000;
const isoDay = (instant: Date) => instant.toISOString().slice(0, 10);
const utcMidnightOnOrBefore = (instant: Date) => new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
const utcMidnightOnOrAfter = (instant: Date) => new Date(Math.ceil(instant.getTime() / DAY_MS) * DAY_MS);

/** [from, to) as its whole UTC days [fromDay, toDay) and the ragged instants before and after them. */
function splitIntoDays(window: { from: Date; to: Date }) {
  const firstMidnight = utcMidnightOnOrAfter(window.from);
  const lastMidnight = utcMidnightOnOrBefore(window.to);
  if (firstMidnight >= lastMidnight) return { days: undefined, edges: [window] };
  const edges = [
    { from: window.from, to: firstMidnight },
    { from: lastMidnight, to: window.to },
  ].filter((edge) => edge.from < edge.to);
  return { days: { from: isoDay(firstMidnight), to: isoDay(lastMidnight) }, edges };
}

const activityMoment = sql`coalesce(r.completed_at, r.scheduled_at, r.created_at)`;

/** Live activities the viewer may see whose moment (done, else planned, else logged) is in [from, to), per type. */
export function countActivitiesByTypeFromRollups(db: Db, viewer: Viewer, window: { from: Date; to: Date }) {
  const admin = isAdmin(viewer);
  const parts = partsOf(viewer);
  const { days, edges } = splitIntoDays(window);
  const branches: SQL[] = [];
  if (days) {
    branches.push(sql`select type, activity_count as n from activity_rollups
      where day >= ${days.from}::date and day < ${days.to}::date ${admin ? sql`` : sql`and ${rollupInTerritory(parts)}`}`);
  }
  // One branch per edge: a single range lets PostgreSQL read the covering moment index alone.
  for (const edge of edges) {
    branches.push(sql`select r.type, 1 as n from activities r
      where r.deleted_at is null and ${activityMoment} >= ${edge.from} and ${activityMoment} < ${edge.to}
        ${admin ? sql`` : sql`and ${linkedInTerritory(parts)}`}`);
  }
  if (!admin) {
    branches.push(sql`select r.type, 1 as n from activities r
      where r.deleted_at is null and ${activityMoment} >= ${window.from} and ${activityMoment} < ${window.to}
        and ${linkedOwned(parts, [sql`r.owner_id`])}`);
  }
  return sumBy<{ type: string; count: number }>(db, 'type', branches);
}

/**
 * Live open and in-progress tasks the viewer may see: all of them, those overdue at `now`, and those still
 * due in the caller's day, in [now, dayEnd). The rollup holds whole UTC days: it counts every open task,
 * and those of days before the UTC days around the caller's day as overdue; the tasks of the days around
 * it (from the UTC midnight before `now` and the caller's day start to the one after its end, one to three
 * days) are read one by one, being the ones that turn overdue or are due later today.
 */
export async function countOpenTasksFromRollups(
  db: Db,
  viewer: Viewer,
  moments: { now: Date; dayStart: Date; dayEnd: Date },
) {
  const admin = isAdmin(viewer);
  const parts = partsOf(viewer);
  const aroundFrom = utcMidnightOnOrBefore(new Date(Math.min(moments.dayStart.getTime(), moments.now.getTime())));
  const aroundTo = utcMidnightOnOrAfter(moments.dayEnd);
  const openTask = sql`r.deleted_at is null and r.status in ('open', 'in_progress')`;
  const branches = [
    sql`select task_count as open, case when due_day < ${isoDay(aroundFrom)}::date then task_count else 0 end as overdue,
        0 as due_today
      from task_rollups ${admin ? sql`` : sql`where ${rollupInTerritory(parts)}`}`,
    sql`select 0, (r.due_at < ${moments.now})::int, (r.due_at >= ${moments.now} and r.due_at < ${moments.dayEnd})::int
      from tasks r
      where ${openTask} and r.due_at >= ${aroundFrom} and r.due_at < ${aroundTo}
        ${admin ? sql`` : sql`and ${linkedInTerritory(parts)}`}`,
  ];
  if (!admin) {
    branches.push(sql`select 1, (r.due_at < ${moments.now})::int,
        (r.due_at >= ${moments.now} and r.due_at < ${moments.dayEnd})::int
      from tasks r
      where ${openTask} and ${linkedOwned(parts, [sql`r.assignee_id`, sql`r.created_by_id`])}`);
  }
  const [row] = await queryRows<{ open: number; overdue: number; due_today: number }>(
    db,
    sql`select coalesce(sum(open), 0)::int as open, coalesce(sum(overdue), 0)::int as overdue,
        coalesce(sum(due_today), 0)::int as due_today
      from (${sql.join(branches, sql` union all `)}) as counted (open, overdue, due_today)`,
  );
  return row ?? { open: 0, overdue: 0, due_today: 0 };
}

/**
 * Recomputes the four record rollups from the records (see rebuild_record_rollups in the migration): after
 * a load that disabled the triggers, or to check them. Waits for writers that are in flight.
 */
export async function rebuildRecordRollups(db: Db): Promise<void> {
  await db.execute(sql`select rebuild_record_rollups()`);
}

export type RecordRollupRows = { accounts: number; leads: number; activities: number; tasks: number };

/** How many rows each record rollup holds (maintenance output; no record is shown). */
export async function countRecordRollupRows(db: Db): Promise<RecordRollupRows> {
  const [row] = await queryRows<RecordRollupRows>(
    db,
    sql`select (select count(*) from account_rollups)::int as accounts,
        (select count(*) from lead_rollups)::int as leads,
        (select count(*) from activity_rollups)::int as activities,
        (select count(*) from task_rollups)::int as tasks`,
  );
  return row ?? { accounts: 0, leads: 0, activities: 0, tasks: 0 };
}
