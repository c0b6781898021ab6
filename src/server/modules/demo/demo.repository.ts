import { inArray, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
  activities,
  attachmentContents,
  attachments,
  communications,
  contacts,
  emailTemplates,
  leadForms,
  leads,
  notes,
  opportunities,
  opportunityLineItems,
  opportunityStageHistory,
  priceListEntries,
  priceLists,
  products,
  quoteLines,
  quotes,
  resyncQuoteNumbers,
  salesTargets,
  savedViews,
  tasks,
  territories,
  users,
} from '../../db/schema/index.js';
import { newFormKey } from '../lead-forms/form-keys.js';
import type { DemoRecords } from './demo-records.js';

/** Tables the demo fills besides users: any row in them means the database is in use. */
const demoTables = [
  territories,
  accounts,
  contacts,
  leads,
  opportunities,
  activities,
  tasks,
  communications,
  notes,
  products,
];

/**
 * What already holds data that the demo would mix with: the names of non-empty business tables, and
 * the demo e-mail addresses already taken. Unscoped on purpose: it asks about the whole database.
 */
export async function findDataInTheWay(db: Db, demoEmails: string[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of demoTables) {
    const [row] = await queryRows<{ filled: boolean }>(db, sql`select exists (select 1 from ${table}) as filled`);
    if (row?.filled) filled.push(getTableConfig(table).name);
  }
  const taken = await db.select({ email: users.email }).from(users).where(inArray(users.email, demoEmails));
  if (taken.length > 0) filled.push(`users (${taken.map((user) => user.email).join(', ')})`);
  return filled;
}

/** Parents before children; each table in one statement (a few hundred rows at most). */
export async function insertDemoRecords(tx: Db, records: DemoRecords): Promise<void> {
  await tx.insert(users).values(records.users);
  await tx.insert(territories).values(records.territories);
  // Accounts reference their parents, which come first in the list: one statement checks them at its end.
  await tx.insert(priceLists).values(records.priceLists);
  await tx.insert(accounts).values(records.accounts);
  await tx.insert(contacts).values(records.contacts);
  await tx.insert(leads).values(records.leads);
  await tx.insert(opportunities).values(records.opportunities);
  await tx.insert(products).values(records.products);
  await tx.insert(priceListEntries).values(records.priceListEntries);
  await tx.insert(opportunityLineItems).values(records.lineItems);
  await tx.insert(opportunityStageHistory).values(records.stageHistory);
  await tx.insert(activities).values(records.activities);
  await tx.insert(tasks).values(records.tasks);
  await tx.insert(communications).values(records.communications);
  await tx.insert(notes).values(records.notes);
  await tx.insert(salesTargets).values(records.salesTargets);
  await tx.insert(emailTemplates).values(records.emailTemplates);
  await tx.insert(savedViews).values(records.workspace.savedViews);
  await tx.insert(leadForms).values(records.workspace.leadForms.map((form) => ({ ...form, key: newFormKey() })));
  await tx.insert(quotes).values(records.quotes.quotes);
  await tx.insert(quoteLines).values(records.quotes.lines);
  if (records.quotes.emails.length > 0) await tx.insert(communications).values(records.quotes.emails);
  // The demo numbers its quotes itself: new ones continue after them.
  await tx.execute(resyncQuoteNumbers);
  await tx.insert(attachments).values(records.files.map((file) => file.row));
  await tx
    .insert(attachmentContents)
    .values(records.files.map((file) => ({ attachmentId: file.row.id, content: file.content })));
}

/**
 * Dates a conversion that ran as the demo loaded to when the demo says it happened: the lead's
 * conversion, and what the conversion created, the deal (with its first stage entry) and a new contact.
 * The account and a contact the lead matched were there before and keep their dates. Unscoped on
 * purpose: the demo loader dates its own rows. The audit trail keeps the real moment it wrote.
 */
export async function dateDemoConversion(
  tx: Db,
  conversion: { leadId: string; contactId: string; opportunityId: string | null; at: Date },
): Promise<void> {
  const at = sql`${conversion.at.toISOString()}::timestamptz`;
  await tx.execute(sql`update ${leads} set converted_at = ${at}, updated_at = ${at} where id = ${conversion.leadId}`);
  // Created by the conversion, it is newer than the conversion's date; a matched contact is older.
  await tx.execute(
    sql`update ${contacts} set created_at = ${at}, updated_at = ${at} where id = ${conversion.contactId} and created_at > ${at}`,
  );
  if (conversion.opportunityId) {
    await tx.execute(
      sql`update ${opportunities} set created_at = ${at}, updated_at = ${at} where id = ${conversion.opportunityId}`,
    );
    await tx.execute(
      sql`update ${opportunityStageHistory} set changed_at = ${at} where opportunity_id = ${conversion.opportunityId}`,
    );
  }
}
