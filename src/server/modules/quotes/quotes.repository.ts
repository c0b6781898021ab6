import { and, asc, eq, gte, ilike, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { ListQuotesQuery, Quote, QuoteLine, QuoteStatus } from '../../../shared/contracts/quotes.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
  contacts,
  opportunities,
  QUOTE_NUMBER_SEQUENCE,
  quoteLines,
  quotes,
  users,
} from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { visibleDeals } from '../../platform/visibility.js';
import { escapeLike } from '../users/users.repository.js';

export type QuoteRow = typeof quotes.$inferSelect;
export type QuoteLineRow = typeof quoteLines.$inferSelect;

const cents = (value: number) => Math.round(value * 100) / 100;

/** Today as the quotes' calendar knows it (UTC): a quote valid until yesterday is expired. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

export function toQuote(row: QuoteRow, lines: QuoteLineRow[], today = todayUtc()): Quote {
  const apiLines: QuoteLine[] = lines.map((line) => ({
    productId: line.productId,
    sku: line.sku,
    name: line.name,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    total: line.total,
  }));
  const subtotal = cents(apiLines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0));
  const tax = cents((row.net * row.taxPercent) / 100);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    opportunityId: row.opportunityId,
    accountId: row.accountId,
    contactId: row.contactId,
    ownerId: row.ownerId,
    status: row.status === 'sent' && row.validUntil < today ? 'expired' : row.status,
    currency: row.currency,
    validUntil: row.validUntil,
    terms: row.terms,
    taxPercent: row.taxPercent,
    lines: apiLines,
    subtotal,
    discount: cents(subtotal - row.net),
    net: row.net,
    tax,
    total: cents(row.net + tax),
    sentAt: row.sentAt?.toISOString() ?? null,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    rejectedAt: row.rejectedAt?.toISOString() ?? null,
    rejectionReason: row.rejectionReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A quote is seen by whoever sees its deal (and not once the deal is deleted). */
export function visibleQuotes(viewer: Viewer): SQL {
  return sql`exists (select 1 from ${opportunities} where ${allOf(
    eq(opportunities.id, quotes.opportunityId),
    isNull(opportunities.deletedAt),
    visibleDeals(viewer),
  )})`;
}

/** What the customer pays, as SQL: the net plus its tax to the cent (the API's `total`). */
export const quoteTotalSql = sql`(${quotes.net} + round(${quotes.net} * ${quotes.taxPercent} / 100, 2))`;

/** The status as the API tells it, as SQL: a sent quote past its last day reads expired. */
export const quoteStatusSql = sql`(case when ${quotes.status} = 'sent' and ${quotes.validUntil} < current_date then 'expired' else ${quotes.status} end)`;

const quoteSorts: SortFields<QuoteRow> = {
  createdAt: { expression: quotes.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: quotes.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  number: { expression: quotes.number, type: 'text', value: (row) => row.number },
  validUntil: { expression: quotes.validUntil, type: 'date', value: (row) => row.validUntil },
  total: {
    expression: quoteTotalSql,
    type: 'numeric',
    value: (row) => cents(row.net + cents((row.net * row.taxPercent) / 100)),
  },
};

/** Status as the API tells it: `sent` means still valid, `expired` sent and past its last day. */
function statusIs(status: QuoteStatus, today: string): SQL | undefined {
  if (status === 'sent') return and(eq(quotes.status, 'sent'), gte(quotes.validUntil, today));
  if (status === 'expired') return and(eq(quotes.status, 'sent'), lt(quotes.validUntil, today));
  return eq(quotes.status, status);
}

export async function listQuoteRows(db: Db, viewer: Viewer, query: ListQuotesQuery) {
  const today = todayUtc();
  const keyset = keysetPage({
    fields: quoteSorts,
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: quotes.id,
  });
  const filter = allOf(
    isNull(quotes.deletedAt),
    visibleQuotes(viewer),
    query.opportunityId ? inArray(quotes.opportunityId, query.opportunityId) : undefined,
    query.accountId ? inArray(quotes.accountId, query.accountId) : undefined,
    query.contactId ? inArray(quotes.contactId, query.contactId) : undefined,
    query.ownerId ? inArray(quotes.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    query.status ? or(...query.status.map((status) => statusIs(status, today))) : undefined,
    query.q
      ? or(ilike(quotes.number, `%${escapeLike(query.q)}%`), ilike(quotes.title, `%${escapeLike(query.q)}%`))
      : undefined,
    query.validUntilFrom ? gte(quotes.validUntil, query.validUntilFrom) : undefined,
    query.validUntilTo ? lte(quotes.validUntil, query.validUntilTo) : undefined,
    query.createdAtFrom ? gte(quotes.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(quotes.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(quotes.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(quotes.updatedAt, new Date(query.updatedAtTo)) : undefined,
  );
  const rows = await db
    .select()
    .from(quotes)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const lines = await findLinesOf(
    db,
    page.rows.map((row) => row.id),
  );
  const total = query.includeTotal ? await db.$count(quotes, filter) : undefined;
  return {
    data: page.rows.map((row) => toQuote(row, lines.get(row.id) ?? [], today)),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

/** The lines of each quote, in order. */
export async function findLinesOf(db: Db, quoteIds: string[]): Promise<Map<string, QuoteLineRow[]>> {
  const byQuote = new Map<string, QuoteLineRow[]>();
  if (quoteIds.length === 0) return byQuote;
  const rows = await db
    .select()
    .from(quoteLines)
    .where(inArray(quoteLines.quoteId, quoteIds))
    .orderBy(asc(quoteLines.quoteId), asc(quoteLines.position));
  for (const row of rows) byQuote.set(row.quoteId, [...(byQuote.get(row.quoteId) ?? []), row]);
  return byQuote;
}

export async function findVisibleQuote(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean; forUpdate?: boolean } = {},
): Promise<QuoteRow | undefined> {
  const query = db
    .select()
    .from(quotes)
    .where(
      allOf(eq(quotes.id, id), visibleQuotes(viewer), options.includeDeleted ? undefined : isNull(quotes.deletedAt)),
    );
  const [row] = options.forUpdate ? await query.for('update', { of: quotes }) : await query;
  return row;
}

/** The next quote number: Q-00001, Q-00002, … (wider once past 99,999). */
export async function nextQuoteNumber(db: Db): Promise<string> {
  const [row] = await queryRows<{ number: string }>(
    db,
    // lpad would cut a longer number short: pad only up to five digits.
    sql`select 'Q-' || lpad(n::text, greatest(5, length(n::text)), '0') as number
      from (select nextval(${QUOTE_NUMBER_SEQUENCE}) as n) as next_number`,
  );
  return (row as { number: string }).number;
}

export async function insertQuote(db: Db, row: typeof quotes.$inferInsert): Promise<QuoteRow> {
  const [inserted] = await db.insert(quotes).values(row).returning();
  return inserted as QuoteRow;
}

/** Replaces a quote's lines with `lines`, numbered in the order given. */
export async function writeQuoteLines(
  db: Db,
  quoteId: string,
  lines: Omit<QuoteLineRow, 'quoteId' | 'position'>[],
): Promise<QuoteLineRow[]> {
  await db.delete(quoteLines).where(eq(quoteLines.quoteId, quoteId));
  if (lines.length === 0) return [];
  return db
    .insert(quoteLines)
    .values(lines.map((line, index) => ({ ...line, quoteId, position: index + 1 })))
    .returning();
}

/**
 * Who a quote's document names: the deal's account and the contact it is addressed to, as they are now,
 * and who prepared it. Read by id, not through the viewer's visibility: they are part of the quote the
 * viewer may see, as its deal's account is part of the deal.
 */
export async function findQuoteParties(db: Db, row: QuoteRow) {
  const [account] = await db
    .select({
      name: accounts.name,
      street: accounts.street,
      city: accounts.city,
      state: accounts.state,
      postalCode: accounts.postalCode,
      country: accounts.country,
    })
    .from(accounts)
    .where(eq(accounts.id, row.accountId));
  const [contact] = row.contactId
    ? await db
        .select({ firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email })
        .from(contacts)
        .where(eq(contacts.id, row.contactId))
    : [];
  const [owner] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, row.ownerId));
  return { account, contact, owner };
}

/** The deal's live accepted quote other than `exceptId`, whoever may see it. */
export async function findAcceptedQuote(db: Db, opportunityId: string, exceptId: string) {
  const [row] = await db
    .select({ id: quotes.id, number: quotes.number })
    .from(quotes)
    .where(
      and(
        eq(quotes.opportunityId, opportunityId),
        eq(quotes.status, 'accepted'),
        isNull(quotes.deletedAt),
        ne(quotes.id, exceptId),
      ),
    );
  return row;
}

export type LapsingQuote = {
  id: string;
  number: string;
  title: string;
  ownerId: string;
  validUntil: string;
  currency: string;
  net: number;
  taxPercent: number;
  accountName: string;
};

/**
 * Claims up to `limit` sent quotes whose last day is `lastDay` or sooner (and not past), not told about
 * yet, by setting expiry_notice_at, and answers them with their account's name. Rows another worker holds
 * are skipped and the re-checked `is null` keeps two workers from claiming one quote. Bookkeeping, not a
 * change of the quote: version and updatedAt stay. Unscoped: the system tells every preparer.
 */
export async function claimLapsingQuotes(
  db: Db,
  options: { now: Date; today: string; lastDay: string; limit: number },
): Promise<LapsingQuote[]> {
  return queryRows<LapsingQuote>(
    db,
    sql`with due as (
        select id from ${quotes}
        where status = 'sent' and expiry_notice_at is null and deleted_at is null
          and valid_until between ${options.today}::date and ${options.lastDay}::date
        order by valid_until limit ${options.limit}
        for update skip locked
      )
      update ${quotes} set expiry_notice_at = ${options.now.toISOString()}::timestamptz
      from due, ${accounts}
      where ${quotes.id} = due.id and ${quotes.expiryNoticeAt} is null and ${accounts.id} = ${quotes.accountId}
      returning ${quotes.id} as id, ${quotes.number} as number, ${quotes.title} as title,
        ${quotes.ownerId} as "ownerId", to_char(${quotes.validUntil}, 'YYYY-MM-DD') as "validUntil",
        ${quotes.currency} as currency, ${quotes.net}::float8 as net, ${quotes.taxPercent}::float8 as "taxPercent",
        ${accounts.name} as "accountName"`,
  );
}
