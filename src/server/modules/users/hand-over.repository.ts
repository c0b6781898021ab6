import { and, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { HandOverKind, HandOverTeamKind } from '../../../shared/contracts/hand-over.js';
import { openStages } from '../../../shared/contracts/opportunities.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
  activities,
  contacts,
  leadForms,
  leads,
  opportunities,
  tasks,
  territories,
  users,
} from '../../db/schema/index.js';
import { accountColumns, toAccount } from '../accounts/accounts.repository.js';
import { toActivity } from '../activities/activities.repository.js';
import { contactColumns, toContact } from '../contacts/contacts.repository.js';
import { toLeadForm } from '../lead-forms/lead-forms.repository.js';
import { leadColumns, toLead } from '../leads/leads.repository.js';
import { opportunityColumns, toOpportunity } from '../opportunities/opportunities.repository.js';
import { toTask } from '../tasks/tasks.repository.js';
import { toTerritory } from '../territories/territories.repository.js';
import { toUser } from './users.repository.js';

export type HandOverScope = {
  fromUserId: string;
  /** Who takes them: never moved under themself. */
  toUserId: string;
  /** Only what lies in this territory. */
  territoryId: string | null;
  /** Closed deals and leads too. */
  includeClosed: boolean;
};

/** One kind of record a hand-over moves: which rows are the user's to give, and how they read in the API. */
type HandOverTarget = {
  table: PgTable;
  /** The column naming the user, and its API field. */
  holder: PgColumn;
  field: 'ownerId' | 'assigneeId' | 'managerId';
  /** The audit trail's name of the resource. */
  entity: string;
  /** Besides being the user's and live: which of them move (open ones, in the territory). */
  moves(scope: HandOverScope): SQL | undefined;
  /** The columns the API answer needs, when not all of them (search documents are large and internal). */
  returning?: Record<string, PgColumn>;
  toApi(row: never): Record<string, unknown> & { id: string; version: number };
};

const inTerritory = (column: PgColumn, scope: HandOverScope) =>
  scope.territoryId === null ? undefined : eq(column, scope.territoryId);

/**
 * A task or an activity has no territory of its own: it lies in its account's, or in its lead's when it
 * has no account. One linked to neither lies in no territory, so it moves only when none is named.
 */
const linkedInTerritory = (table: typeof tasks | typeof activities, scope: HandOverScope) =>
  scope.territoryId === null
    ? undefined
    : sql`(exists (select 1 from ${accounts} where ${accounts.id} = ${table.accountId}
            and ${accounts.territoryId} = ${scope.territoryId})
        or (${table.accountId} is null and exists (select 1 from ${leads} where ${leads.id} = ${table.leadId}
            and ${leads.territoryId} = ${scope.territoryId})))`;

export const handOverTargets: Record<HandOverKind, HandOverTarget> = {
  accounts: {
    table: accounts,
    holder: accounts.ownerId,
    field: 'ownerId',
    entity: 'accounts',
    moves: (scope) => inTerritory(accounts.territoryId, scope),
    returning: accountColumns,
    toApi: toAccount as HandOverTarget['toApi'],
  },
  contacts: {
    table: contacts,
    holder: contacts.ownerId,
    field: 'ownerId',
    entity: 'contacts',
    moves: (scope) => inTerritory(contacts.territoryId, scope),
    returning: contactColumns,
    toApi: toContact as HandOverTarget['toApi'],
  },
  // Converted and disqualified leads, won and lost deals are history (attainment counts closed deals for
  // who closed them): they stay with who worked them unless asked.
  leads: {
    table: leads,
    holder: leads.ownerId,
    field: 'ownerId',
    entity: 'leads',
    moves: (scope) =>
      and(scope.includeClosed ? undefined : eq(leads.status, 'open'), inTerritory(leads.territoryId, scope)),
    returning: leadColumns,
    toApi: toLead as HandOverTarget['toApi'],
  },
  opportunities: {
    table: opportunities,
    holder: opportunities.ownerId,
    field: 'ownerId',
    entity: 'opportunities',
    moves: (scope) =>
      and(
        scope.includeClosed ? undefined : inArray(opportunities.stage, [...openStages]),
        inTerritory(opportunities.territoryId, scope),
      ),
    returning: opportunityColumns,
    toApi: toOpportunity as HandOverTarget['toApi'],
  },
  tasks: {
    table: tasks,
    holder: tasks.assigneeId,
    field: 'assigneeId',
    entity: 'tasks',
    moves: (scope) => and(inArray(tasks.status, ['open', 'in_progress']), linkedInTerritory(tasks, scope)),
    toApi: ((row: typeof tasks.$inferSelect) => toTask(row)) as HandOverTarget['toApi'],
  },
  // Done and cancelled activities are what someone did; planned ones (the visits ahead) move.
  activities: {
    table: activities,
    holder: activities.ownerId,
    field: 'ownerId',
    entity: 'activities',
    moves: (scope) => and(eq(activities.status, 'planned'), linkedInTerritory(activities, scope)),
    toApi: toActivity as HandOverTarget['toApi'],
  },
};

/**
 * A manager's place in the organisation: the territories they manage, the people reporting to them (with
 * a territory named, those working in it), never the recipient themself, and the lead forms they own.
 */
export const teamTargets: Record<HandOverTeamKind, HandOverTarget> = {
  territories: {
    table: territories,
    holder: territories.managerId,
    field: 'managerId',
    entity: 'territories',
    moves: (scope) => inTerritory(territories.id, scope),
    toApi: toTerritory as HandOverTarget['toApi'],
  },
  reports: {
    table: users,
    holder: users.managerId,
    field: 'managerId',
    entity: 'users',
    moves: (scope) =>
      and(
        ne(users.id, scope.toUserId),
        scope.territoryId === null ? undefined : sql`${scope.territoryId}::uuid = any(${users.territoryIds})`,
      ),
    toApi: toUser as HandOverTarget['toApi'],
  },
  // Whose the website's inquiries are when no rep takes them: lead forms lie in no territory.
  leadForms: {
    table: leadForms,
    holder: leadForms.ownerId,
    field: 'ownerId',
    entity: 'lead_forms',
    moves: (scope) => (scope.territoryId === null ? undefined : sql`false`),
    toApi: toLeadForm as HandOverTarget['toApi'],
  },
};

function handedOver(target: HandOverTarget, scope: HandOverScope): SQL {
  const deletedAt = (target.table as unknown as { deletedAt: PgColumn }).deletedAt;
  return and(eq(target.holder, scope.fromUserId), isNull(deletedAt), target.moves(scope)) as SQL;
}

export async function countHandOver(db: Db, target: HandOverTarget, scope: HandOverScope): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${target.table} where ${handedOver(target, scope)}`,
  );
  return row?.count ?? 0;
}

/** Gives the rows to `toUserId`, each a new version, and answers them as they are now. */
export async function moveHandOver(
  db: Db,
  target: HandOverTarget,
  scope: HandOverScope,
  toUserId: string,
): Promise<(Record<string, unknown> & { id: string; version: number })[]> {
  const table = target.table as typeof accounts;
  const holderKey = target.field;
  const query = db
    .update(table)
    .set({ [holderKey]: toUserId, updatedAt: new Date(), version: sql`${table.version} + 1` } as never)
    .where(handedOver(target, scope));
  const rows = target.returning ? await query.returning(target.returning) : await query.returning();
  return rows.map((row) => target.toApi(row as never));
}

/** The recipient, when they reported to the user handing over, now reports to that user's manager. */
export async function moveRecipientUp(db: Db, scope: HandOverScope) {
  const [row] = await db
    .update(users)
    .set({
      managerId: sql`(select ${users.managerId} from ${users} where ${users.id} = ${scope.fromUserId})`,
      updatedAt: new Date(),
      version: sql`${users.version} + 1`,
    })
    .where(and(eq(users.id, scope.toUserId), eq(users.managerId, scope.fromUserId)))
    .returning();
  return row;
}
