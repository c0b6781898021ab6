import { type AnyColumn, and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { TimelineKind } from '../../../shared/contracts/timeline.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  activities,
  activityMoment,
  attachments,
  communications,
  notes,
  opportunities,
  opportunityStageHistory,
  quotes,
  taskMoment,
  tasks,
} from '../../db/schema/index.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleDeals } from '../../platform/visibility.js';
import { visibleActivities } from '../activities/activities.repository.js';
import { visibleAttachments } from '../attachments/attachments.repository.js';
import { visibleCommunications } from '../communications/communications.repository.js';
import { visibleNotes } from '../notes/notes.repository.js';
import { quoteStatusSql, quoteTotalSql, visibleQuotes } from '../quotes/quotes.repository.js';
import { visibleTasks } from '../tasks/tasks.repository.js';

/*
 * A record's timeline in one statement: one branch per kind, each reading its own index (link column,
 * moment, id) backwards from the cursor and stopping after a page, then a merge of the branches. So a page
 * costs a few index range scans of at most `limit + 1` rows each, however long the history is.
 */

/**
 * The record whose timeline is read, by the link column the timeline entries carry, already checked
 * visible to the viewer; `seenThrough` lists the kinds that are therefore visible without a check.
 */
export type TimelineSubject = {
  link: 'accountId' | 'contactId' | 'leadId' | 'opportunityId';
  id: string;
  seenThrough: readonly TimelineKind[];
};

/** Where the previous page stopped: entries strictly older than (moment, id) come next. */
export type TimelinePosition = { at: Date; id: string };

export type TimelineRow = {
  kind: TimelineKind;
  id: string;
  occurred_at: Date | string;
  title: string | null;
  summary: string | null;
  subtype: string | null;
  status: string | null;
  actor_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  opportunity_id: string | null;
};

type LinkedTable = {
  id: AnyColumn;
  deletedAt: AnyColumn;
  accountId: AnyColumn;
  contactId: AnyColumn;
  leadId: AnyColumn;
  opportunityId: AnyColumn;
};

/** The branch of one kind: its entries about the subject, visible, older than the position, newest first. */
function branch(options: {
  kind: TimelineKind;
  table: LinkedTable;
  moment: SQL | AnyColumn;
  columns: { title: SQL; summary: SQL; subtype: SQL; status: SQL; actor: SQL | AnyColumn };
  visible: SQL | undefined;
  subject: TimelineSubject;
  after: TimelinePosition | undefined;
  limit: number;
}): SQL {
  const { table, moment, columns } = options;
  const where = and(
    sql`${table[options.subject.link]} = ${options.subject.id}`,
    isNull(table.deletedAt),
    options.after ? sql`(${moment}, ${table.id}) < (${options.after.at}, ${options.after.id})` : undefined,
    options.visible,
  );
  return sql`(select ${options.kind}::text as kind, ${table.id} as id, ${moment} as occurred_at,
      ${columns.title} as title, ${columns.summary} as summary, ${columns.subtype} as subtype,
      ${columns.status} as status, ${columns.actor} as actor_id, ${table.accountId} as account_id,
      ${table.contactId} as contact_id, ${table.leadId} as lead_id, ${table.opportunityId} as opportunity_id
    from ${table} where ${where}
    order by ${moment} desc, ${table.id} desc limit ${options.limit})`;
}

/** Shortened free text: summaries are a glance, the record itself has the whole text. */
const glance = (text: SQL | AnyColumn) => sql`left(${text}, 280)`;

/**
 * Stage changes reach a timeline through their deal: the deal's own, and those of every deal of the
 * account, contact or lead the timeline is about. The deal's links stand in for the entry's.
 */
function stageChangeBranch(
  subject: TimelineSubject,
  after: TimelinePosition | undefined,
  limit: number,
  visible: SQL | undefined,
): SQL {
  const history = opportunityStageHistory;
  const dealLink = subject.link === 'opportunityId' ? opportunities.id : opportunities[subject.link];
  const where = and(
    sql`${dealLink} = ${subject.id}`,
    isNull(opportunities.deletedAt),
    after ? sql`(${history.changedAt}, ${history.id}) < (${after.at}, ${after.id})` : undefined,
    visible,
  );
  return sql`(select 'stage_change'::text as kind, ${history.id} as id, ${history.changedAt} as occurred_at,
      ${history.fromStage} as title, ${glance(history.reason)} as summary, ${history.toStage} as subtype,
      null::text as status, ${history.changedById} as actor_id, ${opportunities.accountId} as account_id,
      ${opportunities.contactId} as contact_id, ${opportunities.leadId} as lead_id, ${opportunities.id} as opportunity_id
    from ${history} join ${opportunities} on ${opportunities.id} = ${history.opportunityId}
    where ${where}
    order by ${history.changedAt} desc, ${history.id} desc limit ${limit})`;
}

/**
 * Quotes reach a timeline through their deal's account, contact or the deal itself, at their latest step
 * (accepted, rejected, sent, else made). A quote has no lead: a lead's timeline has none.
 */
function quoteBranch(
  subject: TimelineSubject,
  after: TimelinePosition | undefined,
  limit: number,
  visible: SQL | undefined,
): SQL {
  const moment = sql`coalesce(${quotes.acceptedAt}, ${quotes.rejectedAt}, ${quotes.sentAt}, ${quotes.createdAt})`;
  const where = and(
    subject.link === 'leadId' ? sql`false` : sql`${quotes[subject.link]} = ${subject.id}`,
    isNull(quotes.deletedAt),
    after ? sql`(${moment}, ${quotes.id}) < (${after.at}, ${after.id})` : undefined,
    visible,
  );
  return sql`(select 'quote'::text as kind, ${quotes.id} as id, ${moment} as occurred_at,
      'Quote ' || ${quotes.number} || ': ' || ${quotes.title} as title,
      ${quoteTotalSql}::text as summary, ${quotes.currency} as subtype, ${quoteStatusSql} as status,
      ${quotes.ownerId} as actor_id, ${quotes.accountId} as account_id, ${quotes.contactId} as contact_id,
      null::uuid as lead_id, ${quotes.opportunityId} as opportunity_id
    from ${quotes} where ${where}
    order by ${moment} desc, ${quotes.id} desc limit ${limit})`;
}

/** One page of the timeline (`limit + 1` rows, so the caller knows whether another page follows). */
export async function readTimeline(
  db: Db,
  viewer: Viewer,
  options: {
    subject: TimelineSubject;
    kinds: readonly TimelineKind[];
    after: TimelinePosition | undefined;
    limit: number;
  },
): Promise<TimelineRow[]> {
  const { subject, after } = options;
  const limit = options.limit + 1;
  const common = { subject, after, limit };
  const unlessSeenThrough = (kind: TimelineKind, predicate: () => SQL | undefined) =>
    subject.seenThrough.includes(kind) ? undefined : predicate();
  const branches: Record<TimelineKind, () => SQL> = {
    activity: () =>
      branch({
        ...common,
        kind: 'activity',
        table: activities,
        moment: activityMoment(activities),
        columns: {
          title: sql`${activities.subject}`,
          summary: glance(sql`coalesce(${activities.outcome}, ${activities.description})`),
          subtype: sql`${activities.type}`,
          status: sql`${activities.status}`,
          actor: activities.ownerId,
        },
        visible: unlessSeenThrough('activity', () => visibleActivities(viewer)),
      }),
    communication: () =>
      branch({
        ...common,
        kind: 'communication',
        table: communications,
        moment: communications.occurredAt,
        columns: {
          // A call or text has no subject: "Outbound call", "Inbound SMS" says what it was.
          title: sql`coalesce(${communications.subject}, initcap(${communications.direction}) || ' ' ||
            case ${communications.channel} when 'sms' then 'SMS' when 'email' then 'e-mail' else ${communications.channel} end)`,
          summary: glance(communications.body),
          subtype: sql`${communications.channel}`,
          status: sql`${communications.status}`,
          actor: communications.ownerId,
        },
        visible: unlessSeenThrough('communication', () => visibleCommunications(viewer)),
      }),
    note: () =>
      branch({
        ...common,
        kind: 'note',
        table: notes,
        moment: notes.createdAt,
        columns: {
          title: sql`left(split_part(ltrim(${notes.body}), E'\n', 1), 120)`,
          summary: glance(notes.body),
          subtype: sql`null::text`,
          status: sql`null::text`,
          actor: notes.authorId,
        },
        visible: unlessSeenThrough('note', () => visibleNotes(viewer)),
      }),
    task: () =>
      branch({
        ...common,
        kind: 'task',
        table: tasks,
        moment: taskMoment(tasks),
        columns: {
          title: sql`${tasks.title}`,
          summary: glance(tasks.description),
          subtype: sql`${tasks.type}`,
          status: sql`${tasks.status}`,
          actor: tasks.assigneeId,
        },
        visible: unlessSeenThrough('task', () => visibleTasks(viewer)),
      }),
    file: () =>
      branch({
        ...common,
        kind: 'file',
        table: attachments,
        moment: attachments.createdAt,
        columns: {
          title: sql`${attachments.fileName}`,
          // Bytes; the service writes them as the dashboard does (shared/file-size.ts).
          summary: sql`${attachments.size}::text`,
          subtype: sql`${attachments.contentType}`,
          status: sql`null::text`,
          actor: attachments.uploadedById,
        },
        // A file sent with an e-mail is shown with that e-mail, not again on its own.
        visible: and(
          isNull(attachments.communicationId),
          unlessSeenThrough('file', () => visibleAttachments(viewer)),
        ),
      }),
    stage_change: () =>
      stageChangeBranch(
        subject,
        after,
        limit,
        unlessSeenThrough('stage_change', () => visibleDeals(viewer)),
      ),
    quote: () =>
      quoteBranch(
        subject,
        after,
        limit,
        unlessSeenThrough('quote', () => visibleQuotes(viewer)),
      ),
  };
  const union = sql.join(
    options.kinds.map((kind) => branches[kind]()),
    sql` union all `,
  );
  // A derived table, not a bare union: with one kind the branch's own limit and this one would fall on the
  // same select ("multiple LIMIT clauses not allowed").
  return queryRows<TimelineRow>(
    db,
    sql`select * from (${union}) as entries order by occurred_at desc, id desc limit ${limit}`,
  );
}

/** Deal names by id, for stage changes already read through a visibility-checked branch. */
export async function findDealNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const deals = await db
    .select({ id: opportunities.id, name: opportunities.name })
    .from(opportunities)
    .where(inArray(opportunities.id, ids));
  return new Map(deals.map((deal) => [deal.id, deal.name]));
}
