import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { passwordLinks, users } from '../../db/schema/index.js';

export type PasswordLinkPurpose = 'reset' | 'invitation';

/** A new link for a person; their older links stop working, so only the latest e-mail's link counts. */
export async function insertPasswordLink(
  tx: Db,
  link: { tokenHash: string; userId: string; purpose: PasswordLinkPurpose; expiresAt: Date; now: Date },
): Promise<void> {
  await endPasswordLinksOf(tx, link.userId, link.now);
  await tx.insert(passwordLinks).values({
    tokenHash: link.tokenHash,
    userId: link.userId,
    purpose: link.purpose,
    createdAt: link.now,
    expiresAt: link.expiresAt,
  });
}

export async function endPasswordLinksOf(tx: Db, userId: string, now: Date): Promise<void> {
  await tx
    .update(passwordLinks)
    .set({ endedAt: now })
    .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.endedAt)));
}

/** When the person's latest link was made: a second request within moments sends no second e-mail. */
export async function latestPasswordLinkAt(db: Db, userId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ createdAt: passwordLinks.createdAt })
    .from(passwordLinks)
    .where(eq(passwordLinks.userId, userId))
    .orderBy(desc(passwordLinks.createdAt))
    .limit(1);
  return row?.createdAt;
}

/**
 * A link that still works: not used or replaced, not expired, and its person still an active user.
 * With `lock`, the row is held until the transaction ends, so two uses of one link cannot both pass.
 */
export async function findLivePasswordLink(db: Db, tokenHash: string, now: Date, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      userId: passwordLinks.userId,
      purpose: passwordLinks.purpose,
      expiresAt: passwordLinks.expiresAt,
      email: users.email,
      name: users.name,
      version: users.version,
    })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(
      and(
        eq(passwordLinks.tokenHash, tokenHash),
        isNull(passwordLinks.endedAt),
        gt(passwordLinks.expiresAt, now),
        eq(users.active, true),
        isNull(users.deletedAt),
      ),
    );
  const [row] = options.lock ? await query.for('update', { of: passwordLinks }) : await query;
  return row;
}
