import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { LineItem } from '../../../shared/contracts/products.js';
import { type Db, queryRows } from '../../db/client.js';
import { opportunityLineItems, products } from '../../db/schema/index.js';

export type LineItemRow = typeof opportunityLineItems.$inferSelect;
type ProductNames = { sku: string; name: string };

export function toLineItem(row: LineItemRow, product: ProductNames): LineItem {
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    productId: row.productId,
    sku: product.sku,
    name: product.name,
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    discountPercent: row.discountPercent,
    total: row.total,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A deal's live lines in the order they were added, with their products' SKU and name. */
export async function findLineItems(db: Db, opportunityId: string): Promise<LineItem[]> {
  const rows = await db
    .select({ line: opportunityLineItems, sku: products.sku, name: products.name })
    .from(opportunityLineItems)
    .innerJoin(products, eq(products.id, opportunityLineItems.productId))
    .where(and(eq(opportunityLineItems.opportunityId, opportunityId), isNull(opportunityLineItems.deletedAt)))
    .orderBy(asc(opportunityLineItems.position), asc(opportunityLineItems.id));
  return rows.map((row) => toLineItem(row.line, row));
}

export async function findLineItem(db: Db, opportunityId: string, id: string) {
  const [row] = await db
    .select({ line: opportunityLineItems, sku: products.sku, name: products.name })
    .from(opportunityLineItems)
    .innerJoin(products, eq(products.id, opportunityLineItems.productId))
    .where(
      and(
        eq(opportunityLineItems.id, id),
        eq(opportunityLineItems.opportunityId, opportunityId),
        isNull(opportunityLineItems.deletedAt),
      ),
    );
  return row;
}

export async function insertLineItem(
  db: Db,
  row: Omit<typeof opportunityLineItems.$inferInsert, 'position'>,
): Promise<LineItemRow> {
  const [inserted] = await db
    .insert(opportunityLineItems)
    .values({
      ...row,
      position: sql`(select coalesce(max(position), 0) + 1 from ${opportunityLineItems} where opportunity_id = ${row.opportunityId})`,
    })
    .returning();
  return inserted as LineItemRow;
}

/** The sum of a deal's live lines, and how many there are. */
export async function sumLineItems(db: Db, opportunityId: string): Promise<{ total: number; count: number }> {
  const [row] = await queryRows<{ total: string | number; count: number }>(
    db,
    sql`select coalesce(sum(total), 0) as total, count(*)::int as count from ${opportunityLineItems}
      where opportunity_id = ${opportunityId} and deleted_at is null`,
  );
  return { total: Number(row?.total ?? 0), count: row?.count ?? 0 };
}
