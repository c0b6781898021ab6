import { v7 as uuidv7 } from 'uuid';
import type {
  CreateProductInput,
  ListProductsQuery,
  Product,
  UpdateProductInput,
} from '../../../shared/contracts/products.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { products } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import type { Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { findProduct, findProductBySku, insertProduct, listProductRows, toProduct } from './products.repository.js';

const ENTITY = 'products';

/** Prices are the company's: managers and admins keep the catalogue, reps sell from it. */
export function requireCatalogueRight(viewer: Viewer) {
  if (viewer.role === 'rep')
    throw new AppError('forbidden', 'only managers and admins change the product catalogue and its prices');
}

function lifecycle(viewer: Viewer): Lifecycle<typeof products, Product> {
  return {
    table: products,
    entity: ENTITY,
    label: 'product',
    find: (tx, id, options) => findProduct(tx, id, options),
    toApi: toProduct,
    authorize: () => requireCatalogueRight(viewer),
  };
}

async function requireFreeSku(tx: Db, sku: string, exceptId?: string) {
  const taken = await findProductBySku(tx, sku, exceptId);
  if (taken) {
    throw new AppError('conflict', `another product has the SKU ${sku}`, {
      errors: [{ path: 'sku', message: 'already used' }],
      details: { existingId: taken.id },
    });
  }
}

export function listProducts(deps: Deps, _viewer: Viewer, query: ListProductsQuery) {
  return listProductRows(deps.database.db, query);
}

export async function getProduct(deps: Deps, _viewer: Viewer, id: string): Promise<Product> {
  const row = await findProduct(deps.database.db, id);
  if (!row) throw notFound('product');
  return toProduct(row);
}

export async function createProduct(
  deps: Deps,
  viewer: Viewer,
  input: CreateProductInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Product> {
  requireCatalogueRight(viewer);
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    await requireFreeSku(tx, input.sku);
    const row = await insertProduct(tx, {
      id: uuidv7(),
      ...input,
      currency: input.currency ?? deps.config.defaultCurrency,
    });
    const product = toProduct(row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: product.id,
      before: null,
      after: product,
    });
    return product;
  });
  return result;
}

/** A new list price applies to lines added from now on; the deals that have the product keep their prices. */
export async function updateProduct(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateProductInput,
  expectedVersion: number | undefined,
): Promise<Product> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async () => {
        if (input.sku) await requireFreeSku(tx, input.sku, id);
        return input;
      },
    }),
  );
  return after;
}

/** A deleted product stays on the deals that have it (their lines name it), and cannot be added anew. */
export async function deleteProduct(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

export async function restoreProduct(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Product> {
  return inTransaction(deps.database.db, async (tx) => {
    const row = await findProduct(tx, id, { includeDeleted: true });
    if (row) await requireFreeSku(tx, row.sku, id);
    return restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
  });
}
