import type { DecideApprovalInput } from '../../../shared/contracts/approvals.js';
import { convertLeadSchema } from '../../../shared/contracts/leads.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { createRng } from '../../seed/random.js';
import { decideApproval, requestApproval } from '../approvals/approvals.service.js';
import { hashPassword, viewerForUser } from '../auth/auth.service.js';
import { convertLead } from '../leads/lead-conversion.service.js';
import { disqualifyLead } from '../leads/leads.service.js';
import { generatePassword } from '../users/bootstrap.js';
import { dateDemoConversion, findDataInTheWay, insertDemoRecords } from './demo.repository.js';
import { buildDemoRecords, DEMO_COUNTS, type DemoRecords } from './demo-records.js';
import { type DemoUserKey, demoTeam } from './demo-world.js';

export type DemoData = {
  password: string;
  users: { email: string; role: string }[];
  counts: typeof DEMO_COUNTS;
};

export type LoadDemoOptions = {
  /** The demo team's password; a random one (printed by the caller) when not given. */
  password?: string;
  /** Same seed, same data (apart from ids and dates, which follow `now`). */
  seed?: number;
  /** What "today" is for the data set: deals close and tasks fall due around it. */
  now?: Date;
};

export const DEMO_SEED = 1;

/**
 * Loads the demo data set: a manufacturer's sales team (two managers, three reps, all sharing one
 * password) in three territories, 40 distributors, dealers and customers with their contacts, 60 leads
 * (some converted and disqualified through the application's own services), 50 deals, 300 activities,
 * 80 tasks, communications and notes. Rows are built in memory and inserted in one transaction, which
 * takes well under a second; a per-record service call would take several. Only into a database
 * without business data: an existing admin is fine.
 */
export async function loadDemoData(deps: Deps, options: LoadDemoOptions = {}): Promise<DemoData> {
  const { db } = deps.database;
  await assertNoBusinessData(db);
  const password = options.password ?? generatePassword();
  const records = buildDemoRecords({
    rng: createRng(options.seed ?? DEMO_SEED),
    now: options.now ?? new Date(),
    // One hash for the whole team: argon2 is slow on purpose.
    passwordHash: await hashPassword(password),
    visitRadiusMeters: deps.config.visitRadiusMeters,
  });
  await inTransaction(db, (tx) => insertDemoRecords(tx, records));
  await runLeadOutcomes(deps, records);
  await runApprovals(deps, records);
  return {
    password,
    users: (Object.keys(demoTeam) as DemoUserKey[]).map((key) => ({
      email: demoTeam[key].email,
      role: demoTeam[key].role,
    })),
    counts: DEMO_COUNTS,
  };
}

async function assertNoBusinessData(db: Db): Promise<void> {
  const filled = await findDataInTheWay(
    db,
    Object.values(demoTeam).map((member) => member.email),
  );
  if (filled.length > 0) {
    throw new AppError(
      'conflict',
      `the demo data goes into a new database only, and this one holds data (${filled.slice(0, 3).join(', ')}${filled.length > 3 ? ', …' : ''}); ` +
        'point MERIDIAN_DATA_DIR or DATABASE_URL at a new one',
    );
  }
}

/** How many large open deals ask for approval, and which of those their manager has decided already. */
const APPROVAL_REQUESTS = 3;
const APPROVAL_DECISIONS: (DecideApprovalInput | null)[] = [
  { decision: 'approve', comment: 'Approved: keep the service contract in the quote.' },
  null,
  null,
];

/**
 * The largest open deals ask for approval through the application, as their owner would,
 * and the first is approved by the approver it went to: the managers' queues hold real requests, and a
 * deal shows each approval state.
 */
async function runApprovals(deps: Deps, records: DemoRecords): Promise<void> {
  const candidates = records.opportunities
    .filter((deal) => !deal.stage.startsWith('closed') && deal.ownerId)
    .filter(
      (deal) => Number(deal.amount) >= deps.config.approvalThreshold && deal.currency === deps.config.defaultCurrency,
    )
    .sort((left, right) => Number(right.amount) - Number(left.amount))
    .slice(0, APPROVAL_REQUESTS);
  for (const [index, deal] of candidates.entries()) {
    const owner = await viewerForUser(deps, deal.ownerId as string);
    const approval = await requestApproval(
      deps,
      owner,
      deal.id,
      { comment: 'Volume pricing for the season: needs your sign-off.' },
      { key: undefined, operation: 'demo data' },
      undefined,
    );
    const decision = APPROVAL_DECISIONS[index];
    if (decision && approval.approverId) {
      await decideApproval(deps, await viewerForUser(deps, approval.approverId), approval.id, decision, undefined);
    }
  }
}

/**
 * Conversions and disqualifications go through the application's services, as the lead's owner, so the
 * converted leads, their audit rows and the deals they open are exactly what a user's click produces.
 */
async function runLeadOutcomes(deps: Deps, records: DemoRecords): Promise<void> {
  const viewerOf = (key: DemoUserKey) => viewerForUser(deps, records.userIds[key]);
  for (const conversion of records.conversions) {
    const input = convertLeadSchema.parse({ accountId: conversion.accountId, opportunity: conversion.opportunity });
    const converted = await convertLead(deps, await viewerOf(conversion.ownerKey), conversion.leadId, input, {
      expectedVersion: undefined,
      idempotency: { key: undefined, operation: 'demo data' },
    });
    // Converted now, every one of them would have been converted the moment the demo loaded: "time to
    // convert" and "leads converted this quarter" would measure the loading. Dated as the demo says.
    await dateDemoConversion(deps.database.db, {
      leadId: conversion.leadId,
      contactId: converted.contact.id,
      opportunityId: converted.opportunity?.id ?? null,
      at: conversion.convertedAt,
    });
  }
  for (const disqualification of records.disqualifications) {
    await disqualifyLead(
      deps,
      await viewerOf(disqualification.ownerKey),
      disqualification.leadId,
      { reason: disqualification.reason },
      undefined,
    );
  }
}
