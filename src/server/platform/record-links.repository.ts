import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { leads, opportunities } from '../db/schema/index.js';
import type { Viewer } from './viewer.js';
import { visibleDeals, visibleRecords } from './visibility.js';

/**
 * The lead and opportunity look-ups of link checks. They live here rather than in the leads and
 * opportunities modules so that every module carrying links (activities, tasks, communications, notes)
 * depends on one small platform file, and the predicates are the same ones those modules use.
 */
export async function findVisibleLeadLink(db: Db, viewer: Viewer, id: string): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.id, id),
        isNull(leads.deletedAt),
        visibleRecords(viewer, { people: [leads.ownerId], territory: leads.territoryId }),
      ),
    );
  return row;
}

export async function findVisibleOpportunityLink(
  db: Db,
  viewer: Viewer,
  id: string,
): Promise<{ id: string; accountId: string } | undefined> {
  const [row] = await db
    .select({ id: opportunities.id, accountId: opportunities.accountId })
    .from(opportunities)
    .where(and(eq(opportunities.id, id), isNull(opportunities.deletedAt), visibleDeals(viewer)));
  return row;
}
