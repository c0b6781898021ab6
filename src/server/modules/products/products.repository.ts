import { and, eq, gte, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { ListProductsQuery, Product } from '../../../shared/contracts/products.js';
import type { Db } from '../../db/client.js';
import { products } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { escapeLike } from '../users/users.repository.js';

export type ProductRow = typeof products.$inferSelect;

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    family: row.family,
    description: row.description,
    unitPrice: row.unitPrice,
    currency: row.currency,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const productSorts: SortFields<ProductRow> = {
  name: { expression: products.name, type: 'text', value: (row) => row.name },
  sku: { expression: products.sku, type: 'text', value: (row) => row.sku },
  unitPrice: { expression: products.unitPrice, type: 'numeric', value: (row) => row.unitPrice },
  createdAt: { expression: products.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: products.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

/**
 * The catalogue is reference data everyone picks from (a deal's lines), so the list is not narrowed by
 * who asks; what is sold to whom is, through the deals.
 */
export async function listProductRows(db: Db, query: ListProductsQuery) {
  const keyset = keysetPage({
    fields: productSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: products.id,
  });
  const text = query.q ? `%${escapeLike(query.q)}%` : undefined;
  const filter = allOf(
    isNull(products.deletedAt),
    query.family ? inArray(products.family, query.family) : undefined,
    query.currency ? inArray(products.currency, query.currency) : undefined,
    query.active === undefined ? undefined : eq(products.active, query.active),
    query.unitPriceMin === undefined ? undefined : gte(products.unitPrice, query.unitPriceMin),
    query.unitPriceMax === undefined ? undefined : lte(products.unitPrice, query.unitPriceMax),
    query.createdAtFrom ? gte(products.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(products.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(products.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(products.updatedAt, new Date(query.updatedAtTo)) : undefined,
    text ? or(ilike(products.name, text), ilike(products.sku, text), ilike(products.family, text)) : undefined,
  );
  const rows = await db
    .select()
    .from(products)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(products, filter) : undefined;
  return { data: page.rows.map(toProduct), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findProduct(db: Db, id: string, options: { includeDeleted?: boolean } = {}) {
  const [row] = await db
    .select()
    .from(products)
    .where(allOf(eq(products.id, id), options.includeDeleted ? undefined : isNull(products.deletedAt)));
  return row;
}

/** The live product with this SKU, whatever its case, other than `exceptId`. */
export async function findProductBySku(db: Db, sku: string, exceptId?: string) {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        sql`lower(${products.sku}) = lower(${sku})`,
        isNull(products.deletedAt),
        exceptId ? sql`${products.id} <> ${exceptId}` : undefined,
      ),
    );
  return row;
}

export async function insertProduct(db: Db, row: typeof products.$inferInsert): Promise<ProductRow> {
  const [inserted] = await db.insert(products).values(row).returning();
  return inserted as ProductRow;
}
