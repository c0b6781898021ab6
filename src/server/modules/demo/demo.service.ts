import { inArray, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { convertLeadSchema } from '../../../shared/contracts/leads.js';
import { AppError } from '../../../shared/errors.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
  activities,
  communications,
  contacts,
  leads,
  notes,
  opportunities,
  opportunityStageHistory,
  tasks,
  territories,
  users,
} from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { createRng } from '../../seed/random.js';
import { hashPassword } from '../auth/auth.service.js';
import { convertLead } from '../leads/lead-conversion.service.js';
import { disqualifyLead } from '../leads/leads.service.js';
import { generatePassword } from '../users/bootstrap.js';
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

/** Tables the demo fills besides users: any row in them means the database is in use. */
const demoTables = [territories, accounts, contacts, leads, opportunities, activities, tasks, communications, notes];

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
  await inTransaction(db, (tx) => insertRecords(tx, records));
  await runLeadOutcomes(deps, records);
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
  const filled: string[] = [];
  for (const table of demoTables) {
    const [row] = await queryRows<{ filled: boolean }>(db, sql`select exists (select 1 from ${table}) as filled`);
    if (row?.filled) filled.push(getTableConfig(table).name);
  }
  const demoEmails = Object.values(demoTeam).map((member) => member.email);
  const taken = await db.select({ email: users.email }).from(users).where(inArray(users.email, demoEmails));
  if (taken.length > 0) filled.push(`users (${taken.map((user) => user.email).join(', ')})`);
  if (filled.length > 0) {
    throw new AppError(
      'conflict',
      `the demo data goes into a new database only, and this one holds data (${filled.slice(0, 3).join(', ')}${filled.length > 3 ? ', …' : ''}); ` +
        'point MERIDIAN_DATA_DIR or DATABASE_URL at a new one',
    );
  }
}

/** Parents before children; each table in one statement (a few hundred rows at most). */
async function insertRecords(tx: Db, records: DemoRecords): Promise<void> {
  await tx.insert(users).values(records.users);
  await tx.insert(territories).values(records.territories);
  // Accounts reference their parents, which come first in the list: one statement checks them at its end.
  await tx.insert(accounts).values(records.accounts);
  await tx.insert(contacts).values(records.contacts);
  await tx.insert(leads).values(records.leads);
  await tx.insert(opportunities).values(records.opportunities);
  await tx.insert(opportunityStageHistory).values(records.stageHistory);
  await tx.insert(activities).values(records.activities);
  await tx.insert(tasks).values(records.tasks);
  await tx.insert(communications).values(records.communications);
  await tx.insert(notes).values(records.notes);
}

/**
 * Conversions and disqualifications go through the application's services, as the lead's owner, so the
 * converted leads, their audit rows and the deals they open are exactly what a user's click produces.
 */
async function runLeadOutcomes(deps: Deps, records: DemoRecords): Promise<void> {
  const viewerOf = (key: DemoUserKey): Viewer => {
    const row = records.users.find((user) => user.id === records.userIds[key]);
    return {
      userId: records.userIds[key],
      role: demoTeam[key].role,
      territoryIds: row?.territoryIds ?? [],
      reportIds: (Object.keys(demoTeam) as DemoUserKey[])
        .filter((other) => demoTeam[other].manager === key)
        .map((other) => records.userIds[other]),
      scopes: ['read', 'write'],
      requestId: null,
    };
  };
  for (const conversion of records.conversions) {
    const input = convertLeadSchema.parse({ accountId: conversion.accountId, opportunity: conversion.opportunity });
    await convertLead(deps, viewerOf(conversion.ownerKey), conversion.leadId, input, {
      expectedVersion: undefined,
      idempotency: { key: undefined, operation: 'demo data' },
    });
  }
  for (const disqualification of records.disqualifications) {
    await disqualifyLead(
      deps,
      viewerOf(disqualification.ownerKey),
      disqualification.leadId,
      { reason: disqualification.reason },
      undefined,
    );
  }
}
