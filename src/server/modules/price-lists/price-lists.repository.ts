import { and, count, eq, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type {
  ListPriceListsQuery,
  ListPricesQuery,
  PriceList,
  PriceSource,
  ProductPrice,
} from '../../../shared/contracts/price-lists.js';
import { type Db, queryRows } from '../../db/client.js';
import { accounts, priceListEntries, priceLists, products } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { escapeLike } from '../users/users.repository.js';

export type PriceListRow = typeof priceLists.$inferSelect;
export type PriceListEntryRow = typeof priceListEntries.$inferSelect;

export function toPriceList(row: PriceListRow): PriceList {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    currency: row.currency,
    discountPercent: row.discountPercent,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const priceListSorts: SortFields<PriceListRow> = {
  name: { expression: priceLists.name, type: 'text', value: (row) => row.name },
  updatedAt: { expression: priceLists.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

/** Price lists are reference data like the catalogue: everyone who sells reads them. */
export async function listPriceListRows(db: Db, query: ListPriceListsQuery) {
  const keyset = keysetPage({
    fields: priceListSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: priceLists.id,
  });
  const text = query.q ? `%${escapeLike(query.q)}%` : undefined;
  const filter = allOf(
    isNull(priceLists.deletedAt),
    query.active === undefined ? undefined : eq(priceLists.active, query.active),
    query.currency ? inArray(priceLists.currency, query.currency) : undefined,
    query.updatedAtFrom ? gte(priceLists.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(priceLists.updatedAt, new Date(query.updatedAtTo)) : undefined,
    text ? or(ilike(priceLists.name, text), ilike(priceLists.description, text)) : undefined,
  );
  const rows = await db
    .select()
    .from(priceLists)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(priceLists, filter) : undefined;
  return { data: page.rows.map(toPriceList), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findPriceList(db: Db, id: string, options: { includeDeleted?: boolean } = {}) {
  const [row] = await db
    .select()
    .from(priceLists)
    .where(allOf(eq(priceLists.id, id), options.includeDeleted ? undefined : isNull(priceLists.deletedAt)));
  return row;
}

/** The live price list with this name, whatever its case, other than `exceptId`. */
export async function findPriceListByName(db: Db, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: priceLists.id })
    .from(priceLists)
    .where(
      and(
        sql`lower(${priceLists.name}) = lower(${name})`,
        isNull(priceLists.deletedAt),
        exceptId ? sql`${priceLists.id} <> ${exceptId}` : undefined,
      ),
    );
  return row;
}

export async function insertPriceList(db: Db, row: typeof priceLists.$inferInsert): Promise<PriceListRow> {
  const [inserted] = await db.insert(priceLists).values(row).returning();
  return inserted as PriceListRow;
}

/** How many live accounts are on the list: a list in use is not deleted from under them. */
export async function countAccountsOnPriceList(db: Db, priceListId: string): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(accounts)
    .where(and(eq(accounts.priceListId, priceListId), isNull(accounts.deletedAt)));
  return row?.count ?? 0;
}

export async function findPriceListEntry(db: Db, priceListId: string, productId: string) {
  const [row] = await db
    .select()
    .from(priceListEntries)
    .where(and(eq(priceListEntries.priceListId, priceListId), eq(priceListEntries.productId, productId)));
  return row;
}

/** Sets a product's fixed price on a list, creating the entry or changing it; the entry as it now is. */
export async function upsertPriceListEntry(
  db: Db,
  entry: { id: string; priceListId: string; productId: string; unitPrice: number },
): Promise<PriceListEntryRow> {
  const [row] = await db
    .insert(priceListEntries)
    .values(entry)
    .onConflictDoUpdate({
      target: [priceListEntries.priceListId, priceListEntries.productId],
      set: {
        unitPrice: entry.unitPrice,
        updatedAt: sql`date_trunc('milliseconds', now())`,
        version: sql`${priceListEntries.version} + 1`,
      },
    })
    .returning();
  return row as PriceListEntryRow;
}

export async function deletePriceListEntry(db: Db, priceListId: string, productId: string): Promise<void> {
  await db
    .delete(priceListEntries)
    .where(and(eq(priceListEntries.priceListId, priceListId), eq(priceListEntries.productId, productId)));
}

/** What prices a product: a price list, in its currency, or the catalogue alone (null) in `currency`. */
export type Pricing = {
  currency: string;
  priceList: { id: string; name: string; discountPercent: number } | null;
};

type PriceRow = {
  id: string;
  sku: string;
  name: string;
  family: string | null;
  list_price: number;
  list_currency: string;
  unit_price: number | null;
  source: PriceSource | null;
};

const priceSorts: SortFields<PriceRow> = {
  name: { expression: products.name, type: 'text', value: (row) => row.name },
  sku: { expression: products.sku, type: 'text', value: (row) => row.sku },
};

/**
 * The one rule of a default price, in SQL so a page of the catalogue and a single line are priced
 * alike: a fixed price on the list wins; else a product listed in the pricing's currency costs its list
 * price less the list's discount (to the cent, halves away from zero); else there is no price.
 */
function priceExpressions(pricing: Pricing) {
  const sameCurrency = sql`${products.currency} = ${pricing.currency}`;
  if (!pricing.priceList) {
    return {
      unitPrice: sql`case when ${sameCurrency} then ${products.unitPrice} end`,
      source: sql`case when ${sameCurrency} then 'list' end`,
    };
  }
  const discount = pricing.priceList.discountPercent;
  return {
    unitPrice: sql`case when ${priceListEntries.id} is not null then ${priceListEntries.unitPrice}
      when ${sameCurrency} then round(${products.unitPrice} * (100 - ${discount}::numeric) / 100, 2) end`,
    source: sql`case when ${priceListEntries.id} is not null then 'fixed'
      when ${sameCurrency} then 'discount' end`,
  };
}

/** The list's fixed prices beside the products, when a list prices them. */
function entryJoinOf(pricing: Pricing): SQL {
  return pricing.priceList
    ? sql`left join ${priceListEntries} on ${priceListEntries.productId} = ${products.id}
        and ${priceListEntries.priceListId} = ${pricing.priceList.id}`
    : sql``;
}

/** The active products at the prices of `pricing`, a keyset page by name or SKU. */
export async function listProductPrices(db: Db, pricing: Pricing, query: ListPricesQuery) {
  const keyset = keysetPage({
    fields: priceSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: products.id,
  });
  const price = priceExpressions(pricing);
  const text = query.q ? `%${escapeLike(query.q)}%` : undefined;
  const filter = allOf(
    isNull(products.deletedAt),
    eq(products.active, true),
    query.productId ? inArray(products.id, query.productId) : undefined,
    query.family ? inArray(products.family, query.family) : undefined,
    query.source
      ? sql`(${price.source}) in (${sql.join(
          query.source.map((source) => sql`${source}`),
          sql`, `,
        )})`
      : undefined,
    text ? or(ilike(products.name, text), ilike(products.sku, text), ilike(products.family, text)) : undefined,
  ) as SQL;
  const entryJoin = entryJoinOf(pricing);
  const rows = await queryRows<PriceRow>(
    db,
    sql`select ${products.id} as id, ${products.sku} as sku, ${products.name} as name,
        ${products.family} as family, ${products.unitPrice} as list_price, ${products.currency} as list_currency,
        ${price.unitPrice} as unit_price, ${price.source} as source
      from ${products} ${entryJoin}
      where ${allOf(filter, keyset.after)}
      order by ${sql.join(keyset.orderBy, sql`, `)}
      limit ${query.limit + 1}`,
  );
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal
    ? (
        await queryRows<{ total: number }>(
          db,
          sql`select count(*)::int as total from ${products} ${entryJoin} where ${filter}`,
        )
      )[0]?.total
    : undefined;
  return {
    data: page.rows.map((row) => toProductPrice(row, pricing.currency)),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

function toProductPrice(row: PriceRow, currency: string): ProductPrice {
  return {
    productId: row.id,
    sku: row.sku,
    name: row.name,
    family: row.family,
    listPrice: Number(row.list_price),
    listCurrency: row.list_currency,
    unitPrice: row.unit_price === null ? null : Number(row.unit_price),
    currency,
    source: row.source,
  };
}

/** The default price of one product under `pricing`, active or not (a quote may keep a retired product). */
export async function findProductPrice(db: Db, pricing: Pricing, productId: string): Promise<number | null> {
  const price = priceExpressions(pricing);
  const entryJoin = entryJoinOf(pricing);
  const [row] = await queryRows<{ unit_price: number | null }>(
    db,
    sql`select ${price.unitPrice} as unit_price from ${products} ${entryJoin} where ${products.id} = ${productId}`,
  );
  return row?.unit_price === null || row?.unit_price === undefined ? null : Number(row.unit_price);
}

/**
 * How an account's deals in `currency` are priced: by its price list when it has a live, active one in
 * that currency, else by the catalogue.
 */
export async function pricingOfAccount(db: Db, accountId: string | null, currency: string): Promise<Pricing> {
  if (!accountId) return { currency, priceList: null };
  const [row] = await db
    .select({ id: priceLists.id, discountPercent: priceLists.discountPercent, name: priceLists.name })
    .from(accounts)
    .innerJoin(priceLists, eq(priceLists.id, accounts.priceListId))
    .where(
      and(
        eq(accounts.id, accountId),
        isNull(priceLists.deletedAt),
        eq(priceLists.active, true),
        eq(priceLists.currency, currency),
      ),
    );
  return { currency, priceList: row ?? null };
}
