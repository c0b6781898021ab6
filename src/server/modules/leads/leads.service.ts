import { v7 as uuidv7 } from 'uuid';
import type {
  Bant,
  CreateLeadInput,
  DisqualifyLeadInput,
  Lead,
  ListLeadsQuery,
  UpdateLeadInput,
} from '../../../shared/contracts/leads.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { leads } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { staleVersion } from '../../platform/concurrency.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { moveRecordsOfLead } from '../../platform/released-links.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { type AuditAction, recordChange } from '../audit/audit.service.js';
import { normalizePhone } from '../contacts/contacts.service.js';
import { requireTerritories } from '../territories/territories.service.js';
import { requireOwner } from '../users/users.service.js';
import { type LeadScore, scoreLead } from './lead-score.js';
import {
  countRecentLeadActivities,
  findLeadForRescoring,
  findOpenLeadsPageForRescoring,
  findTerritoryIdByAccountsIn,
  findTerritoryIdByRegion,
  findVisibleLead,
  insertLead,
  type LeadRow,
  listLeads as listLeadRows,
  saveLeadScore,
  toLead,
} from './leads.repository.js';

export const LEADS_ENTITY = 'leads';

function lifecycle(viewer: Viewer): Lifecycle<typeof leads, Lead> {
  return {
    table: leads,
    entity: LEADS_ENTITY,
    label: 'lead',
    // Locked: a conversion holds the same lock, so an edit cannot land on a lead converted meanwhile.
    find: (tx, id, options) => findVisibleLead(tx, viewer, id, { ...options, lock: true }),
    toApi: toLead,
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listLeads(deps: Deps, viewer: Viewer, query: ListLeadsQuery) {
  return listLeadRows(deps.database.db, viewer, query);
}

export async function getLead(deps: Deps, viewer: Viewer, id: string): Promise<Lead> {
  const row = await findVisibleLead(deps.database.db, viewer, id);
  if (!row) throw notFound('lead');
  return toLead(row);
}

/**
 * Creates an open lead, owned by the caller unless another owner is given. Without a territory it
 * gets the one its region (else country) names; the score is computed from the rules in lead-score.ts.
 */
export async function createLead(
  deps: Deps,
  viewer: Viewer,
  input: CreateLeadInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Lead> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const ownerId = input.ownerId === undefined ? viewer.userId : input.ownerId;
    await requireOwner(tx, viewer, ownerId);
    if (input.territoryId) await requireTerritories(tx, [input.territoryId], 'territoryId');
    const territoryId = input.territoryId === undefined ? await territoryForLocation(tx, input) : input.territoryId;
    const bant: Bant = { ...noBant, ...input.bant };
    // A new lead has no activities yet.
    const { score, reasons } = scoreOf({ ...input, bant }, new Date(), 0);
    const row = await insertLead(tx, {
      id: uuidv7(),
      ...toColumns({ ...input, bant }),
      firstName: input.firstName,
      lastName: input.lastName,
      source: input.source,
      stage: input.stage,
      status: 'open',
      ownerId,
      territoryId,
      score,
      scoreReasons: reasons,
    });
    const lead = toLead(row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: LEADS_ENTITY,
      entityId: lead.id,
      before: null,
      after: lead,
    });
    return lead;
  });
  return result;
}

/**
 * Changes an open lead and scores it again. A converted or disqualified lead is `409`: it is history,
 * and its account, contact and deal are where work continues.
 */
export async function updateLead(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateLeadInput,
  expectedVersion: number | undefined,
): Promise<Lead> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        requireOpen(current, 'changed');
        await requireOwner(tx, viewer, input.ownerId);
        if (input.territoryId) await requireTerritories(tx, [input.territoryId], 'territoryId');
        const bant: Bant = { ...bantOf(current), ...input.bant };
        const next = {
          bant,
          budgetAmount: input.budgetAmount === undefined ? current.budgetAmount : input.budgetAmount,
          decisionDate: input.decisionDate === undefined ? current.decisionDate : input.decisionDate,
          employees: input.employees === undefined ? current.employees : input.employees,
          source: input.source ?? (current.source as Lead['source']),
        };
        const recent = await countRecentLeadActivities(tx, [id]);
        const { score, reasons } = scoreOf(next, current.createdAt, recent.get(id) ?? 0);
        return {
          ...toColumns({ ...input, bant }),
          ...(await territoryAfterChange(tx, current, input)),
          score,
          scoreReasons: reasons,
        };
      },
    }),
  );
  return after;
}

/** Soft delete works in any status: a converted lead's account, contact and deal keep their lead link. */
/**
 * Soft-deletes a lead with the activities, tasks, messages and notes about it alone; records linked to
 * something else as well let go of it (see moveRecordsOfLead).
 */
export async function deleteLead(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    const deleted = await softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    await moveRecordsOfLead(tx, viewer, id, { from: null, to: deleted.deletedAt });
  });
}

/** Restores a lead with what its deletion took along, and scores it again on its activities. */
export function restoreLead(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Lead> {
  return inTransaction(deps.database.db, async (tx) => {
    const deletedAt = (await findVisibleLead(tx, viewer, id, { includeDeleted: true }))?.deletedAt ?? null;
    const lead = await restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    if (!deletedAt) return lead;
    await moveRecordsOfLead(tx, viewer, id, { from: deletedAt, to: null });
    await rescoreLead(tx, id);
    return toLead((await findVisibleLead(tx, viewer, id)) as LeadRow);
  });
}

/** Marks an open lead as not worth pursuing; a converted or already disqualified one is `409`. */
export function disqualifyLead(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: DisqualifyLeadInput,
  expectedVersion: number | undefined,
): Promise<Lead> {
  return inTransaction(deps.database.db, async (tx) => {
    const current = await lockLeadForTransition(tx, viewer, id, expectedVersion);
    requireOpen(current, 'disqualified');
    return transitionLead(tx, viewer, current, 'disqualify', {
      status: 'disqualified',
      disqualifiedAt: new Date(),
      disqualifiedReason: input.reason,
    });
  });
}

/**
 * Puts a disqualified lead back to work: the prospect came back, or it was disqualified by mistake. It is
 * open again without the old reason (the audit trail keeps it), and scored again, since its age and its
 * recent activities changed while it was out. A converted lead stays history (`409`): its account, contact
 * and deal are where the work goes on.
 */
export function reopenLead(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined): Promise<Lead> {
  return inTransaction(deps.database.db, async (tx) => {
    const current = await lockLeadForTransition(tx, viewer, id, expectedVersion);
    if (current.status !== 'disqualified') {
      throw new AppError('conflict', `only a disqualified lead can be reopened; this one is ${current.status}`, {
        details: { leadStatus: current.status },
      });
    }
    const recent = await countRecentLeadActivities(tx, [id]);
    const { score, reasons } = scoreOfRow(current, recent.get(id) ?? 0);
    return transitionLead(tx, viewer, current, 'reopen', {
      status: 'open',
      disqualifiedAt: null,
      disqualifiedReason: null,
      score,
      scoreReasons: reasons,
    });
  });
}

/**
 * The lead, locked until the transaction ends, if the viewer may see (`404`) and change (`403`) it at the
 * version they read (`412`). Conversion and disqualification start here, so two of them queue on the lock
 * and the second one sees what the first did.
 */
export async function lockLeadForTransition(
  tx: Db,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<LeadRow> {
  const current = await findVisibleLead(tx, viewer, id, { lock: true });
  if (!current) throw notFound('lead');
  requireChangeRight(viewer, current);
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw staleVersion(current.version);
  return current;
}

/** Writes a status change of a locked lead and audits it under its own action (convert, disqualify, reopen). */
export async function transitionLead(
  tx: Db,
  viewer: Viewer,
  current: LeadRow,
  action: AuditAction,
  columns: Partial<typeof leads.$inferInsert>,
): Promise<Lead> {
  const row = await updateVersionedRow(tx, leads, current.id, columns, { expectedVersion: current.version });
  // The row is locked, so it cannot have changed since it was read; this guards against a caller that did not lock.
  if (!row) throw staleVersion(current.version + 1);
  const before = toLead(current);
  const after = toLead(row);
  await recordChange(tx, viewer, { action, entity: LEADS_ENTITY, entityId: current.id, before, after });
  return after;
}

/** `409` unless the lead is open: converted and disqualified leads are history. */
export function requireOpen(row: LeadRow, verb: string): void {
  if (row.status === 'open') return;
  if (row.status === 'converted') {
    throw new AppError('conflict', `the lead was already converted and cannot be ${verb}`, {
      details: {
        leadStatus: row.status,
        convertedAccountId: row.convertedAccountId,
        convertedContactId: row.convertedContactId,
        convertedOpportunityId: row.convertedOpportunityId,
      },
    });
  }
  throw new AppError('conflict', `the lead was disqualified and cannot be ${verb}`, {
    details: { leadStatus: row.status },
  });
}

function requireChangeRight(viewer: Viewer, row: LeadRow) {
  if (!mayChange(viewer, row.ownerId)) {
    throw new AppError('forbidden', "only the lead's owner, their managers and admins may change it");
  }
}

function scoreOf(
  lead: {
    bant: Bant;
    budgetAmount: number | null;
    decisionDate: string | null;
    employees: number | null;
    source: Lead['source'];
  },
  createdAt: Date,
  recentActivities: number,
): LeadScore {
  return scoreLead({ ...lead, recentActivities, createdAt, now: new Date() });
}

function scoreOfRow(row: LeadRow, recentActivities: number): LeadScore {
  return scoreOf(
    {
      bant: bantOf(row),
      budgetAmount: row.budgetAmount,
      decisionDate: row.decisionDate,
      employees: row.employees,
      source: row.source as Lead['source'],
    },
    row.createdAt,
    recentActivities,
  );
}

/**
 * Recomputes an open lead's score after something outside the lead changed (an activity was logged,
 * completed or removed). Runs in the caller's transaction.
 */
export async function rescoreLead(tx: Db, leadId: string): Promise<void> {
  const row = await findLeadForRescoring(tx, leadId);
  if (row?.status !== 'open') return;
  const recent = await countRecentLeadActivities(tx, [leadId]);
  const next = scoreOfRow(row, recent.get(leadId) ?? 0);
  if (next.score !== row.score || JSON.stringify(next.reasons) !== JSON.stringify(row.scoreReasons)) {
    await saveLeadScore(tx, leadId, next);
  }
}

/**
 * Re-scores every open lead, a page at a time: age and engagement change with time alone, so the
 * daily job keeps stored scores (and the filters and sorts on them) true. Answers how many changed.
 */
export async function rescoreOpenLeads(deps: Deps, pageSize = 1000): Promise<number> {
  const { db } = deps.database;
  let changed = 0;
  let afterId: string | null = null;
  for (;;) {
    const page: LeadRow[] = await findOpenLeadsPageForRescoring(db, afterId, pageSize);
    if (page.length === 0) return changed;
    const recent = await countRecentLeadActivities(
      db,
      page.map((row) => row.id),
    );
    for (const row of page) {
      const next = scoreOfRow(row, recent.get(row.id) ?? 0);
      if (next.score !== row.score || JSON.stringify(next.reasons) !== JSON.stringify(row.scoreReasons)) {
        await saveLeadScore(db, row.id, next);
        changed += 1;
      }
    }
    afterId = page[page.length - 1]?.id ?? null;
  }
}

/**
 * The territory a lead's place points to: the one territory named after its region, else the territory
 * holding most accounts in that region (a state: "WI"), else the one territory named after its country.
 */
export async function territoryForLocation(
  tx: Db,
  location: { region: string | null; country: string | null },
): Promise<string | null> {
  if (location.region) {
    const byRegion =
      (await findTerritoryIdByRegion(tx, location.region)) ??
      (await findTerritoryIdByAccountsIn(tx, { region: location.region, country: location.country }));
    if (byRegion) return byRegion;
  }
  return location.country ? findTerritoryIdByRegion(tx, location.country) : null;
}

/**
 * The territory after a change of region or country: re-assigned only when the current one is what the
 * old location would have picked (so it was assigned automatically, or happens to agree with it); a
 * territory chosen by hand stays. An explicit territoryId always wins.
 */
async function territoryAfterChange(
  tx: Db,
  current: LeadRow,
  input: UpdateLeadInput,
): Promise<{ territoryId?: string | null }> {
  if (input.territoryId !== undefined) return { territoryId: input.territoryId };
  const region = input.region === undefined ? current.region : input.region;
  const country = input.country === undefined ? current.country : input.country;
  if (region === current.region && country === current.country) return {};
  const wasAutomatic = current.territoryId === (await territoryForLocation(tx, current));
  return wasAutomatic ? { territoryId: await territoryForLocation(tx, { region, country }) } : {};
}

const noBant: Bant = { budget: false, authority: false, need: false, timeline: false };

function bantOf(row: LeadRow): Bant {
  return { budget: row.bantBudget, authority: row.bantAuthority, need: row.bantNeed, timeline: row.bantTimeline };
}

/** API fields → columns, for the fields present in the input (owner and territory are resolved apart). */
function toColumns(input: UpdateLeadInput & { bant: Bant }): Partial<typeof leads.$inferInsert> {
  const { bant, email, phone, ownerId, territoryId: _territoryId, ...plain } = input;
  return {
    ...plain,
    bantBudget: bant.budget,
    bantAuthority: bant.authority,
    bantNeed: bant.need,
    bantTimeline: bant.timeline,
    ...(ownerId === undefined ? {} : { ownerId }),
    ...(email === undefined ? {} : { email: email ? email.trim().toLowerCase() : null }),
    ...(phone === undefined ? {} : { phone: normalizePhone(phone) }),
  };
}
