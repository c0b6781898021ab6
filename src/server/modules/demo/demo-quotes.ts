import type {
  communications,
  opportunities,
  opportunityLineItems,
  products,
  quoteLines,
  quotes,
} from '../../db/schema/index.js';
import type { RowOf } from '../../seed/dataset.js';
import type { Rng } from '../../seed/random.js';

const DAY_MS = 86_400_000;
const VALID_DAYS = 30;
export const DEMO_QUOTE_TERMS =
  'Prices exclude VAT. Payment 30 days net from invoice. Delivery ex works within 3 weeks of order.';

export type DemoQuotes = {
  quotes: RowOf<typeof quotes>[];
  lines: RowOf<typeof quoteLines>[];
  /** The e-mail each sent quote went out with. */
  emails: RowOf<typeof communications>[];
};

/**
 * Quotes on the open deals that have products, as a sales team's month leaves them: drafts on deals in
 * qualification, quotes sent (one past its last day) on proposals, and in negotiation a first offer the
 * dealer turned down and the revised one they accepted, whose lines are the deal's.
 */
export function buildDemoQuotes(input: {
  now: Date;
  rng: Rng;
  deals: RowOf<typeof opportunities>[];
  lineItems: RowOf<typeof opportunityLineItems>[];
  products: RowOf<typeof products>[];
  contactEmails: Map<string, string | null>;
  userEmails: Map<string, string>;
}): DemoQuotes {
  const { now, rng } = input;
  const productsById = new Map(input.products.map((product) => [product.id, product]));
  const result: DemoQuotes = { quotes: [], lines: [], emails: [] };
  let number = 0;

  const add = (
    deal: RowOf<typeof opportunities>,
    dealLines: RowOf<typeof opportunityLineItems>[],
    quote: { status: 'draft' | 'sent' | 'accepted' | 'rejected'; daysAgo: number; discountExtra?: number },
  ) => {
    number += 1;
    const createdAt = new Date(now.getTime() - quote.daysAgo * DAY_MS);
    const id = rng.uuidV7(createdAt);
    const lines = dealLines.map((line, index) => {
      const product = productsById.get(line.productId) as RowOf<typeof products>;
      const discountPercent = Math.max(0, Number(line.discountPercent) - (quote.discountExtra ?? 0));
      const total = Math.round(Number(line.quantity) * Number(line.unitPrice) * (100 - discountPercent)) / 100;
      return {
        quoteId: id,
        position: index + 1,
        productId: product.id,
        sku: product.sku,
        name: product.name,
        description: product.description ?? null,
        quantity: Number(line.quantity),
        unitPrice: Number(line.unitPrice),
        discountPercent,
        total,
      };
    });
    const sent = quote.status !== 'draft';
    const sentAt = sent ? new Date(createdAt.getTime() + DAY_MS / 2) : null;
    const decidedAt = sentAt ? new Date(sentAt.getTime() + rng.int(2, 6) * DAY_MS) : null;
    const title = deal.name;
    result.quotes.push({
      id,
      number: `Q-${String(number).padStart(5, '0')}`,
      title,
      opportunityId: deal.id,
      accountId: deal.accountId as string,
      contactId: deal.contactId ?? null,
      ownerId: deal.ownerId as string,
      status: quote.status,
      currency: deal.currency ?? 'USD',
      validUntil: new Date(createdAt.getTime() + VALID_DAYS * DAY_MS).toISOString().slice(0, 10),
      terms: DEMO_QUOTE_TERMS,
      taxPercent: 0,
      net: Math.round(lines.reduce((sum, line) => sum + line.total * 100, 0)) / 100,
      sentAt,
      acceptedAt: quote.status === 'accepted' ? decidedAt : null,
      rejectedAt: quote.status === 'rejected' ? decidedAt : null,
      rejectionReason: quote.status === 'rejected' ? 'Asked for a better discount on the volume' : null,
      createdAt,
      updatedAt: decidedAt ?? sentAt ?? createdAt,
      version: quote.status === 'draft' ? 1 : quote.status === 'sent' ? 2 : 3,
      deletedAt: null,
    });
    result.lines.push(...lines);
    const to = deal.contactId ? input.contactEmails.get(deal.contactId) : null;
    if (sentAt && to) {
      result.emails.push({
        id: rng.uuidV7(sentAt),
        channel: 'email',
        direction: 'outbound',
        subject: `Quote Q-${String(number).padStart(5, '0')}: ${title}`,
        body: 'Hello,\n\nPlease find attached our quote. I am glad to answer any questions.\n\nKind regards',
        fromAddress: input.userEmails.get(deal.ownerId as string) ?? null,
        toAddresses: [to],
        ccAddresses: [],
        occurredAt: sentAt,
        durationSeconds: null,
        status: 'sent',
        ownerId: deal.ownerId ?? null,
        accountId: deal.accountId ?? null,
        contactId: deal.contactId ?? null,
        leadId: null,
        opportunityId: deal.id,
        createdAt: sentAt,
        updatedAt: sentAt,
        version: 1,
        deletedAt: null,
      });
    }
  };

  const linesOf = new Map<string, RowOf<typeof opportunityLineItems>[]>();
  for (const line of input.lineItems)
    linesOf.set(line.opportunityId, [...(linesOf.get(line.opportunityId) ?? []), line]);
  let proposals = 0;
  for (const deal of input.deals) {
    const dealLines = linesOf.get(deal.id);
    if (!dealLines || !deal.accountId || !deal.ownerId) continue;
    if (deal.stage === 'qualification') add(deal, dealLines, { status: 'draft', daysAgo: rng.int(1, 4) });
    if (deal.stage === 'proposal') {
      proposals += 1;
      // Every third proposal's quote was sent long enough ago to have lapsed: one to follow up.
      const lapsed = proposals % 3 === 0;
      add(deal, dealLines, { status: 'sent', daysAgo: lapsed ? rng.int(35, 45) : rng.int(3, 20) });
    }
    if (deal.stage === 'negotiation') {
      add(deal, dealLines, { status: 'rejected', daysAgo: rng.int(25, 35), discountExtra: 5 });
      add(deal, dealLines, { status: 'accepted', daysAgo: rng.int(5, 15) });
    }
  }
  return result;
}
