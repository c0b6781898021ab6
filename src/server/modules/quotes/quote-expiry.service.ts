import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { claimLapsingQuotes, type LapsingQuote } from './quotes.repository.js';

/** How many days before its last day a sent quote's preparer is told it is about to lapse. */
export const EXPIRY_NOTICE_DAYS = 3;
const BATCH_SIZE = 500;
const DAY_MS = 86_400_000;

/**
 * Tells the preparer of each sent quote that lapses within EXPIRY_NOTICE_DAYS (the customer has not
 * answered yet: time to follow up), exactly once per quote: each batch is claimed and notified in one
 * transaction. Answers how many notices went out.
 */
export async function raiseQuoteExpiryNotices(deps: Deps, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const lastDay = new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY_MS).toISOString().slice(0, 10);
  let raised = 0;
  for (;;) {
    const claimed = await inTransaction(deps.database.db, async (tx) => {
      const lapsing = await claimLapsingQuotes(tx, { now, today, lastDay, limit: BATCH_SIZE });
      await createNotifications(
        tx,
        deps,
        lapsing.map((quote) => ({
          userId: quote.ownerId,
          kind: 'quote_expiring',
          title: `Quote ${quote.number} for ${quote.accountName} ${quote.validUntil === today ? 'lapses today' : `lapses on ${quote.validUntil}`}`,
          body: `${quote.title}: ${amountOf(quote)}, not answered yet. Follow up, or send a new quote.`,
          entity: 'quotes',
          entityId: quote.id,
        })),
      );
      return lapsing.length;
    });
    raised += claimed;
    if (claimed < BATCH_SIZE) return raised;
  }
}

function amountOf(quote: LapsingQuote): string {
  const total = Math.round(quote.net * (100 + quote.taxPercent)) / 100;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: quote.currency }).format(total);
}
