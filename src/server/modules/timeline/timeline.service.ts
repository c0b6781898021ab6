import { type OpportunityStage, opportunityStages } from '../../../shared/contracts/opportunities.js';
import {
  type TimelineEntry,
  type TimelineKind,
  type TimelinePage,
  type TimelineQuery,
  timelineKinds,
} from '../../../shared/contracts/timeline.js';
import { AppError, notFound } from '../../../shared/errors.js';
import { fileSize } from '../../../shared/file-size.js';
import { formatMoney } from '../../../shared/money.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { decodeCursor, encodeCursor } from '../../platform/keyset.js';
import { findVisibleLeadLink, findVisibleOpportunityLink } from '../../platform/record-links.repository.js';
import type { Viewer } from '../../platform/viewer.js';
import { findVisibleAccount } from '../accounts/accounts.repository.js';
import { findVisibleContact } from '../contacts/contacts.repository.js';
import {
  findDealNames,
  readTimeline,
  type TimelinePosition,
  type TimelineRow,
  type TimelineSubject,
} from './timeline.repository.js';

const everyKind = timelineKinds;
const linkedKinds = ['activity', 'communication', 'note', 'task', 'file'] as const satisfies readonly TimelineKind[];

/**
 * The records that have a timeline, by the path segment of their collection.
 *
 * `seenThrough`: the kinds of entry a viewer sees whenever they see the record itself, because one of
 * the ways of seeing such an entry (see visibility.ts and record-links.ts) is exactly "its account / lead
 * / deal is visible". Those branches of the timeline need no visibility predicate of their own once
 * `find` has checked the record; the predicates are most of a rep's statement (about 35 EXISTS) and of
 * the time it takes to write and plan it. A contact implies nothing: entries are not seen through their
 * contact. A lead's deals are seen through their own owner and account, not through the lead.
 */
export const timelineOwners = {
  accounts: { link: 'accountId', label: 'account', find: findVisibleAccount, seenThrough: everyKind },
  contacts: { link: 'contactId', label: 'contact', find: findVisibleContact, seenThrough: [] },
  leads: { link: 'leadId', label: 'lead', find: findVisibleLeadLink, seenThrough: linkedKinds },
  opportunities: {
    link: 'opportunityId',
    label: 'opportunity',
    find: findVisibleOpportunityLink,
    seenThrough: everyKind,
  },
} as const satisfies Record<
  string,
  {
    link: TimelineSubject['link'];
    label: string;
    find: (db: Db, viewer: Viewer, id: string) => Promise<unknown>;
    seenThrough: readonly TimelineKind[];
  }
>;
export type TimelineOwner = keyof typeof timelineOwners;

/** The cursor's sort key: timeline cursors are refused by lists and the other way round. */
const CURSOR_SORT = 'timeline';

const stageLabels: Record<OpportunityStage, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  closed_won: 'Closed won',
  closed_lost: 'Closed lost',
};

/** A page of what happened around a record the viewer may see, newest first. */
export async function getTimeline(
  deps: Deps,
  viewer: Viewer,
  owner: TimelineOwner,
  id: string,
  query: TimelineQuery,
): Promise<TimelinePage> {
  const { db } = deps.database;
  const definition = timelineOwners[owner];
  if (!(await definition.find(db, viewer, id))) throw notFound(definition.label);
  const rows = await readTimeline(db, viewer, {
    subject: { link: definition.link, id, seenThrough: definition.seenThrough },
    kinds: query.kind ?? timelineKinds,
    after: query.cursor ? positionOf(query.cursor) : undefined,
    limit: query.limit,
  });
  // On an account's, contact's or lead's timeline several deals may change stage: each entry names its deal.
  const dealNames = owner === 'opportunities' ? new Map<string, string>() : await namesOfChangedDeals(db, rows);
  const page = rows.slice(0, query.limit).map((row) => toTimelineEntry(row, dealNames));
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ list: CURSOR_SORT, sort: CURSOR_SORT, value: last.occurredAt, id: last.id })
      : null;
  return { data: page, nextCursor };
}

function positionOf(cursor: string): TimelinePosition {
  const decoded = decodeCursor(cursor);
  const at = typeof decoded.value === 'string' ? new Date(decoded.value) : undefined;
  if (decoded.list !== CURSOR_SORT || decoded.sort !== CURSOR_SORT || !at || Number.isNaN(at.getTime())) {
    throw new AppError('invalid_request', 'the cursor is not a timeline cursor; use nextCursor from a previous page', {
      errors: [{ path: 'cursor', message: 'not a timeline cursor' }],
    });
  }
  return { at, id: decoded.id };
}

/** The names of the deals whose stage changes are among the rows (all visible: their branch checked). */
function namesOfChangedDeals(db: Db, rows: TimelineRow[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((row) => (row.kind === 'stage_change' && row.opportunity_id ? [row.opportunity_id] : []));
  return findDealNames(db, [...new Set(ids)]);
}

function toTimelineEntry(row: TimelineRow, dealNames: Map<string, string>): TimelineEntry {
  const occurredAt = new Date(row.occurred_at).toISOString();
  const dealName = row.opportunity_id ? dealNames.get(row.opportunity_id) : undefined;
  return {
    kind: row.kind,
    id: row.id,
    occurredAt,
    title: row.kind === 'stage_change' ? stageChangeTitle(row.title, row.subtype, dealName) : (row.title ?? ''),
    summary: summaryOf(row),
    subtype: row.subtype,
    status: row.status,
    actorId: row.actor_id,
    accountId: row.account_id,
    contactId: row.contact_id,
    leadId: row.lead_id,
    opportunityId: row.opportunity_id,
  };
}

/** A file's size and a quote's total as people read them; other summaries as they are. */
function summaryOf(row: TimelineRow): string | null {
  if (row.summary === null) return null;
  if (row.kind === 'file') return fileSize(Number(row.summary));
  if (row.kind === 'quote') return formatMoney(Number(row.summary), row.subtype ?? 'USD');
  return row.summary;
}

/**
 * "Stage: Proposal → Negotiation", or "Created in Prospecting" for a deal's first entry; with the deal's
 * name in front where the timeline is not the deal's own ("Snow blowers: created in Prospecting").
 */
function stageChangeTitle(fromStage: string | null, toStage: string | null, dealName: string | undefined): string {
  const label = (stage: string | null) =>
    stage !== null && (opportunityStages as readonly string[]).includes(stage)
      ? stageLabels[stage as OpportunityStage]
      : (stage ?? '');
  if (dealName === undefined) {
    return fromStage === null ? `Created in ${label(toStage)}` : `Stage: ${label(fromStage)} → ${label(toStage)}`;
  }
  return fromStage === null
    ? `${dealName}: created in ${label(toStage)}`
    : `${dealName}: ${label(fromStage)} → ${label(toStage)}`;
}
