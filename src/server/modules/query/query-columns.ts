import { type AnyColumn, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { openStages } from '../../../shared/contracts/opportunities.js';
import type { QueryEntity, QueryField, QueryGrouping } from '../../../shared/contracts/query.js';
import {
  accounts,
  activities,
  activityMoment,
  contacts,
  leads,
  notes,
  opportunities,
  quotes,
  tasks,
} from '../../db/schema/index.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleAccounts, visibleDeals } from '../../platform/visibility.js';
import { accountIsDueForVisit } from '../accounts/accounts.repository.js';
import { visibleActivities } from '../activities/activities.repository.js';
import { visibleContacts } from '../contacts/contacts.repository.js';
import { visibleLeads } from '../leads/leads.repository.js';
import { visibleNotes } from '../notes/notes.repository.js';
import { quoteStatusSql, quoteTotalSql, visibleQuotes } from '../quotes/quotes.repository.js';
import { visibleTasks } from '../tasks/tasks.repository.js';

/*
 * The allow-list from plan names to SQL: every field, grouping and row shape a plan may use, per entity.
 * A plan can only pick among these expressions; its values always travel as bound parameters.
 */

export type EntityTable = {
  table: PgTable;
  /** The predicate of who sees what: the same functions the entity's own lists use. */
  visible: (viewer: Viewer) => SQL | undefined;
  live: SQL;
  columns: Partial<Record<QueryField, SQL>>;
  /**
   * The columns of an answer row, aliased to the contract's camelCase names. The name of the account a
   * record hangs off is read only when the viewer may see that account.
   */
  row: (viewer: Viewer) => SQL;
  defaultSort: { field: QueryField; direction: 'asc' | 'desc' };
  /**
   * Sortable fields whose column is never null: a descending sort on them can read an index on
   * (column, id) backwards instead of sorting every match ("top 10 deals": 0.1 ms, not 200 ms).
   */
  notNullSorts?: QueryField[];
  /** The column of the account a record hangs off, for deals' territory and group labels. */
  accountColumn?: SQL;
};

/**
 * Whole days since the record's last activity that was done (completed, at its moment; live ones only):
 * a call planned for last week and never made, or cancelled, touched no one. A record never touched is
 * 100000 days old, so "no activity in 30 days" includes it. Served by the activities' link indexes
 * (activities_account_idx, _opportunity_idx, _lead_idx: link, moment), read backwards.
 */
const daysSinceActivity = (link: AnyColumn, id: AnyColumn) =>
  sql`coalesce((current_date - (select max(${activityMoment(activities)}) from ${activities}
    where ${link} = ${id} and ${activities.deletedAt} is null and ${activities.status} = 'completed'
      and ${activityMoment(activities)} <= now())::date), 100000)`;

/**
 * Whole days since the account's last visit that took place (completed, at its completion time); an
 * account never visited is 100000 days old. A field rep's "not visited in 30 days" asks about visits, not
 * about the calls and e-mails of daysSinceActivity. Served by activities_account_idx (account, moment).
 */
const daysSinceVisit = (accountId: AnyColumn) =>
  sql`coalesce((current_date - (select max(${activityMoment(activities)}) from ${activities}
    where ${activities.accountId} = ${accountId} and ${activities.deletedAt} is null
      and ${activities.type} = 'visit' and ${activities.status} = 'completed'
      and ${activityMoment(activities)} <= now())::date), 100000)`;

/** Live deals of the account of the row, counted (served by the deals' account index). */
const dealsOf = (condition: SQL) =>
  sql`(select count(*) from ${opportunities} where ${opportunities.accountId} = ${accounts.id}
    and ${opportunities.deletedAt} is null and ${condition})::int`;

/** A column of the account a record hangs off (its name, city, state…), read by the account's id. */
const accountColumnOf = (field: AnyColumn, accountId: SQLWrapper) =>
  sql`(select ${field} from ${accounts} where ${accounts.id} = ${accountId})`;
/** A column of the account a record hangs off, or null when the viewer may not see that account. */
const visibleAccountField = (viewer: Viewer, field: SQLWrapper, accountId: SQLWrapper) =>
  sql`(select ${field} from ${accounts} where ${accounts.id} = ${accountId}
    and ${visibleAccounts(viewer) ?? sql`true`})`;
const accountNameOf = (viewer: Viewer, accountId: SQLWrapper) => visibleAccountField(viewer, accounts.name, accountId);
const personName = (first: SQL, last: SQL) => sql`(${first} || ' ' || ${last})`;

export const entityTables: Record<QueryEntity, EntityTable> = {
  opportunities: {
    table: opportunities,
    visible: visibleDeals,
    live: sql`${opportunities.deletedAt} is null`,
    columns: {
      name: sql`${opportunities.name}`,
      stage: sql`${opportunities.stage}`,
      amount: sql`${opportunities.amount}`,
      weightedAmount: sql`(${opportunities.amount} * ${opportunities.probability} / 100.0)`,
      probability: sql`${opportunities.probability}`,
      closeDate: sql`${opportunities.closeDate}`,
      closedAt: sql`${opportunities.closedAt}`,
      createdAt: sql`${opportunities.createdAt}`,
      owner: sql`${opportunities.ownerId}`,
      team: sql`${opportunities.ownerId}`,
      account: sql`${opportunities.accountId}`,
      currency: sql`${opportunities.currency}`,
      approvalStatus: sql`${opportunities.approvalStatus}`,
      lossReason: sql`${opportunities.lossReason}`,
      city: accountColumnOf(accounts.city, opportunities.accountId),
      state: accountColumnOf(accounts.state, opportunities.accountId),
      // The lists as one text, so "contains" finds a name in any of them.
      competitor: sql`array_to_string(${opportunities.competitors}, ' | ')`,
      productInterest: sql`array_to_string(${opportunities.productInterest}, ' | ')`,
      country: accountColumnOf(accounts.country, opportunities.accountId),
      accountType: accountColumnOf(accounts.type, opportunities.accountId),
      accountOwner: accountColumnOf(accounts.ownerId, opportunities.accountId),
      daysSinceActivity: daysSinceActivity(activities.opportunityId, opportunities.id),
      // Days as a decimal; null while the deal is open. Averages round once, at the end. A deal logged as
      // won after the fact closed before it was entered: its cycle is unknown, counted as none.
      cycleDays: sql`(greatest(extract(epoch from ${opportunities.closedAt} - ${opportunities.createdAt}), 0) / 86400)`,
    },
    row: (
      viewer,
    ) => sql`${opportunities.id} as "id", ${opportunities.name} as "name", ${opportunities.stage} as "stage",
      ${opportunities.amount} as "amount", ${opportunities.currency} as "currency",
      ${opportunities.probability} as "probability",
      round(${opportunities.amount} * ${opportunities.probability} / 100.0, 2)::float8 as "weightedAmount",
      ${opportunities.closeDate}::text as "closeDate", ${opportunities.lossReason} as "lossReason",
      ${opportunities.accountId} as "accountId",
      ${accountNameOf(viewer, opportunities.accountId)} as "accountName", ${opportunities.ownerId} as "ownerId"`,
    defaultSort: { field: 'closeDate', direction: 'asc' },
    notNullSorts: ['amount', 'closeDate', 'createdAt'],
    accountColumn: sql`${opportunities.accountId}`,
  },
  leads: {
    table: leads,
    visible: visibleLeads,
    live: sql`${leads.deletedAt} is null`,
    columns: {
      name: personName(sql`${leads.firstName}`, sql`${leads.lastName}`),
      company: sql`${leads.company}`,
      email: sql`${leads.email}`,
      source: sql`${leads.source}`,
      stage: sql`${leads.stage}`,
      status: sql`${leads.status}`,
      score: sql`${leads.score}`,
      owner: sql`${leads.ownerId}`,
      team: sql`${leads.ownerId}`,
      territory: sql`${leads.territoryId}`,
      state: sql`${leads.region}`,
      country: sql`${leads.country}`,
      createdAt: sql`${leads.createdAt}`,
      convertedAt: sql`${leads.convertedAt}`,
      disqualifiedAt: sql`${leads.disqualifiedAt}`,
      daysSinceActivity: daysSinceActivity(activities.leadId, leads.id),
      daysToConvert: sql`(extract(epoch from ${leads.convertedAt} - ${leads.createdAt}) / 86400)`,
      budget: sql`${leads.bantBudget}`,
      authority: sql`${leads.bantAuthority}`,
      need: sql`${leads.bantNeed}`,
      timeline: sql`${leads.bantTimeline}`,
      budgetAmount: sql`${leads.budgetAmount}`,
      decisionDate: sql`${leads.decisionDate}`,
    },
    row: () => sql`${leads.id} as "id", ${personName(sql`${leads.firstName}`, sql`${leads.lastName}`)} as "name",
      ${leads.company} as "company", ${leads.source} as "source", ${leads.stage} as "stage",
      ${leads.status} as "status", ${leads.score} as "score", ${leads.ownerId} as "ownerId",
      ${leads.createdAt} as "createdAt"`,
    defaultSort: { field: 'createdAt', direction: 'desc' },
    notNullSorts: ['createdAt', 'score'],
  },
  accounts: {
    table: accounts,
    visible: (viewer) => visibleAccounts(viewer),
    live: sql`${accounts.deletedAt} is null`,
    columns: {
      name: sql`${accounts.name}`,
      type: sql`${accounts.type}`,
      industry: sql`${accounts.industry}`,
      city: sql`${accounts.city}`,
      state: sql`${accounts.state}`,
      country: sql`${accounts.country}`,
      annualRevenue: sql`${accounts.annualRevenue}`,
      employees: sql`${accounts.employees}`,
      // Every live deal of an account the viewer sees is one they see too (a deal is visible with its
      // account), so these counts reveal nothing hidden.
      deals: dealsOf(sql`true`),
      openDeals: dealsOf(sql`${inArray(opportunities.stage, [...openStages])}`),
      parent: sql`${accounts.parentId}`,
      owner: sql`${accounts.ownerId}`,
      team: sql`${accounts.ownerId}`,
      territory: sql`${accounts.territoryId}`,
      createdAt: sql`${accounts.createdAt}`,
      daysSinceActivity: daysSinceActivity(activities.accountId, accounts.id),
      daysSinceVisit: daysSinceVisit(accounts.id),
      visitDue: accountIsDueForVisit,
    },
    row: () => sql`${accounts.id} as "id", ${accounts.name} as "name", ${accounts.type} as "type",
      ${accounts.industry} as "industry", ${accounts.city} as "city", ${accounts.country} as "country",
      ${accounts.annualRevenue} as "annualRevenue", ${accounts.ownerId} as "ownerId"`,
    defaultSort: { field: 'name', direction: 'asc' },
    notNullSorts: ['createdAt'],
  },
  contacts: {
    table: contacts,
    visible: visibleContacts,
    live: sql`${contacts.deletedAt} is null`,
    columns: {
      name: personName(sql`${contacts.firstName}`, sql`${contacts.lastName}`),
      title: sql`${contacts.title}`,
      role: sql`${contacts.role}`,
      email: sql`${contacts.email}`,
      // Either number: "contacts without a phone" have neither.
      phone: sql`coalesce(${contacts.phone}, ${contacts.mobile})`,
      isPrimary: sql`${contacts.isPrimary}`,
      account: sql`${contacts.accountId}`,
      accountType: accountColumnOf(accounts.type, contacts.accountId),
      accountOwner: accountColumnOf(accounts.ownerId, contacts.accountId),
      city: accountColumnOf(accounts.city, contacts.accountId),
      state: accountColumnOf(accounts.state, contacts.accountId),
      country: accountColumnOf(accounts.country, contacts.accountId),
      owner: sql`${contacts.ownerId}`,
      team: sql`${contacts.ownerId}`,
      createdAt: sql`${contacts.createdAt}`,
    },
    row: (
      viewer,
    ) => sql`${contacts.id} as "id", ${personName(sql`${contacts.firstName}`, sql`${contacts.lastName}`)} as "name",
      ${contacts.title} as "title", ${contacts.role} as "role", ${contacts.email} as "email",
      ${contacts.phone} as "phone", ${contacts.mobile} as "mobile",
      ${contacts.accountId} as "accountId", ${accountNameOf(viewer, contacts.accountId)} as "accountName",
      ${contacts.ownerId} as "ownerId"`,
    defaultSort: { field: 'name', direction: 'asc' },
    notNullSorts: ['createdAt'],
    accountColumn: sql`${contacts.accountId}`,
  },
  activities: {
    table: activities,
    visible: visibleActivities,
    live: sql`${activities.deletedAt} is null`,
    columns: {
      type: sql`${activities.type}`,
      subject: sql`${activities.subject}`,
      status: sql`${activities.status}`,
      at: activityMoment(activities),
      completedAt: sql`${activities.completedAt}`,
      durationMinutes: sql`${activities.durationMinutes}`,
      owner: sql`${activities.ownerId}`,
      team: sql`${activities.ownerId}`,
      account: sql`${activities.accountId}`,
      accountType: accountColumnOf(accounts.type, activities.accountId),
      accountOwner: accountColumnOf(accounts.ownerId, activities.accountId),
      city: accountColumnOf(accounts.city, activities.accountId),
      state: accountColumnOf(accounts.state, activities.accountId),
      country: accountColumnOf(accounts.country, activities.accountId),
      createdAt: sql`${activities.createdAt}`,
    },
    row: (viewer) => sql`${activities.id} as "id", ${activities.type} as "type", ${activities.subject} as "subject",
      ${activities.status} as "status", ${activityMoment(activities)} as "at", ${activities.ownerId} as "ownerId",
      ${activities.accountId} as "accountId", ${accountNameOf(viewer, activities.accountId)} as "accountName"`,
    defaultSort: { field: 'at', direction: 'desc' },
    notNullSorts: ['createdAt'],
    accountColumn: sql`${activities.accountId}`,
  },
  tasks: {
    table: tasks,
    visible: visibleTasks,
    live: sql`${tasks.deletedAt} is null`,
    columns: {
      title: sql`${tasks.title}`,
      type: sql`${tasks.type}`,
      priority: sql`${tasks.priority}`,
      status: sql`${tasks.status}`,
      dueAt: sql`${tasks.dueAt}`,
      assignee: sql`${tasks.assigneeId}`,
      team: sql`${tasks.assigneeId}`,
      creator: sql`${tasks.createdById}`,
      account: sql`${tasks.accountId}`,
      accountType: accountColumnOf(accounts.type, tasks.accountId),
      accountOwner: accountColumnOf(accounts.ownerId, tasks.accountId),
      city: accountColumnOf(accounts.city, tasks.accountId),
      state: accountColumnOf(accounts.state, tasks.accountId),
      country: accountColumnOf(accounts.country, tasks.accountId),
      completedAt: sql`${tasks.completedAt}`,
      createdAt: sql`${tasks.createdAt}`,
    },
    row: (viewer) => sql`${tasks.id} as "id", ${tasks.title} as "title", ${tasks.type} as "type",
      ${tasks.priority} as "priority", ${tasks.status} as "status", ${tasks.dueAt} as "dueAt",
      ${tasks.assigneeId} as "assigneeId", ${tasks.accountId} as "accountId",
      ${accountNameOf(viewer, tasks.accountId)} as "accountName"`,
    defaultSort: { field: 'dueAt', direction: 'asc' },
    notNullSorts: ['createdAt'],
    accountColumn: sql`${tasks.accountId}`,
  },
  notes: {
    table: notes,
    visible: visibleNotes,
    live: sql`${notes.deletedAt} is null`,
    columns: {
      body: sql`${notes.body}`,
      pinned: sql`${notes.pinned}`,
      owner: sql`${notes.authorId}`,
      team: sql`${notes.authorId}`,
      account: sql`${notes.accountId}`,
      accountType: accountColumnOf(accounts.type, notes.accountId),
      accountOwner: accountColumnOf(accounts.ownerId, notes.accountId),
      createdAt: sql`${notes.createdAt}`,
    },
    // The first line of the note is enough to recognise it in an answer.
    row: (viewer) => sql`${notes.id} as "id", left(${notes.body}, 120) as "body", ${notes.pinned} as "pinned",
      ${notes.authorId} as "ownerId", ${notes.accountId} as "accountId",
      ${accountNameOf(viewer, notes.accountId)} as "accountName", ${notes.createdAt} as "createdAt"`,
    defaultSort: { field: 'createdAt', direction: 'desc' },
    notNullSorts: ['createdAt'],
    accountColumn: sql`${notes.accountId}`,
  },
  quotes: {
    table: quotes,
    visible: visibleQuotes,
    live: sql`${quotes.deletedAt} is null`,
    columns: {
      number: sql`${quotes.number}`,
      title: sql`${quotes.title}`,
      status: quoteStatusSql,
      amount: quoteTotalSql,
      currency: sql`${quotes.currency}`,
      validUntil: sql`${quotes.validUntil}`,
      sentAt: sql`${quotes.sentAt}`,
      acceptedAt: sql`${quotes.acceptedAt}`,
      owner: sql`${quotes.ownerId}`,
      team: sql`${quotes.ownerId}`,
      account: sql`${quotes.accountId}`,
      accountType: accountColumnOf(accounts.type, quotes.accountId),
      accountOwner: accountColumnOf(accounts.ownerId, quotes.accountId),
      city: accountColumnOf(accounts.city, quotes.accountId),
      state: accountColumnOf(accounts.state, quotes.accountId),
      country: accountColumnOf(accounts.country, quotes.accountId),
      createdAt: sql`${quotes.createdAt}`,
    },
    row: (viewer) => sql`${quotes.id} as "id", ${quotes.number} as "number", ${quotes.title} as "title",
      ${quoteStatusSql} as "status", ${quoteTotalSql}::float8 as "amount", ${quotes.currency} as "currency",
      ${quotes.validUntil}::text as "validUntil", ${quotes.ownerId} as "ownerId",
      ${quotes.accountId} as "accountId", ${accountNameOf(viewer, quotes.accountId)} as "accountName"`,
    defaultSort: { field: 'createdAt', direction: 'desc' },
    notNullSorts: ['createdAt'],
    accountColumn: sql`${quotes.accountId}`,
  },
};

/**
 * The fields a record takes from its account (the kind, the place, the territory), each with the name the
 * account itself gives it. A deal of yours may hang off an account you may not see: a condition or a
 * group on one of these must then read nothing of that account, or "deals with dealers" and "pipeline by
 * state" would tell what kind of account it is and where.
 */
const ACCOUNT_ATTRIBUTES: Partial<Record<QueryField, QueryField>> = {
  accountType: 'type',
  city: 'city',
  state: 'state',
  country: 'country',
  territory: 'territory',
};

/** The account's own field that `field` of `entity` reads, when the record takes it from its account. */
export function accountAttributeOf(entity: QueryEntity, field: QueryField): QueryField | undefined {
  const spec = entityTables[entity];
  if (entity === 'accounts' || !spec.accountColumn) return undefined;
  // Leads keep a place and a territory of their own.
  if (field === 'territory' && spec.columns.territory) return undefined;
  return ACCOUNT_ATTRIBUTES[field];
}

/** The account's field, or null when the viewer may not see the account (nothing of it is told). */
function visibleAccountColumn(viewer: Viewer, entity: QueryEntity, field: QueryField): SQL | undefined {
  const accountField = accountAttributeOf(entity, field);
  const accountId = entityTables[entity].accountColumn;
  const column =
    accountField === 'territory'
      ? sql`${accounts.territoryId}`
      : accountField && entityTables.accounts.columns[accountField];
  if (!column || !accountId) return undefined;
  return visibleAccountField(viewer, column, accountId);
}

/** The territory of a record: its own, or for records that hang off an account (deals, contacts, activities, tasks) the account's. */
export function territoryColumn(entity: QueryEntity): SQL | undefined {
  // Records that hang off an account are in its territory.
  const accountId = entityTables[entity].accountColumn;
  if (!entityTables[entity].columns.territory && accountId) return accountColumnOf(accounts.territoryId, accountId);
  return entityTables[entity].columns.territory;
}

/**
 * The group key of a grouping, as text; `month` is the month of the entity's main time field. A group on
 * a field of the record's account is null for an account the viewer may not see.
 */
export function groupKey(
  viewer: Viewer,
  entity: QueryEntity,
  grouping: QueryGrouping,
  timeZone: string,
): SQL | undefined {
  const columns = entityTables[entity].columns;
  const ofAccount = visibleAccountColumn(viewer, entity, grouping as QueryField);
  if (ofAccount) return sql`${ofAccount}::text`;
  switch (grouping) {
    case 'territory': {
      const territory = territoryColumn(entity);
      return territory ? sql`${territory}::text` : undefined;
    }
    case 'status':
      // A deal's status is derived from its stage: open, won or lost.
      if (entity === 'opportunities') {
        return sql`(case ${opportunities.stage} when 'closed_won' then 'won' when 'closed_lost' then 'lost' else 'open' end)`;
      }
      return columns.status ? sql`${columns.status}::text` : undefined;
    case 'product':
    case 'competitor': {
      if (entity !== 'opportunities') return undefined;
      // One row per name on the deal (a deal naming none is one row without a name), so the query
      // grouping by it counts a deal in each group it names (multiValuedGroupings).
      const names = grouping === 'product' ? opportunities.productInterest : opportunities.competitors;
      return sql`nullif(trim(unnest(coalesce(nullif(${names}, '{}'::text[]), array[null]::text[]))), '')`;
    }
    case 'month':
      if (entity === 'opportunities') return sql`to_char(${opportunities.closeDate}::timestamp, 'YYYY-MM')`;
      return sql`to_char((${monthSource(entity)}) at time zone ${timeZone}, 'YYYY-MM')`;
    case 'owner':
    case 'assignee':
    case 'account': {
      const column = columns[grouping];
      return column ? sql`${column}::text` : undefined;
    }
    default: {
      const column = columns[grouping as QueryField];
      return column ? sql`${column}::text` : undefined;
    }
  }
}

function monthSource(entity: QueryEntity): SQL {
  switch (entity) {
    case 'activities':
      return activityMoment(activities);
    case 'tasks':
      return sql`coalesce(${tasks.dueAt}, ${tasks.createdAt})`;
    default:
      return entityTables[entity].columns.createdAt ?? sql`null`;
  }
}
