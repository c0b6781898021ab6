import { v7 as uuidv7 } from 'uuid';
import type {
  CreateLineItemInput,
  LineItem,
  LineItemList,
  UpdateLineItemInput,
} from '../../../shared/contracts/products.js';
import { lineTotal } from '../../../shared/contracts/products.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { opportunityLineItems } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { staleVersion } from '../../platform/concurrency.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import type { Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { defaultUnitPrice, pricingOfAccount } from '../price-lists/pricing.js';
import { findProduct } from '../products/products.repository.js';
import { findLineItem, findLineItems, insertLineItem, sumLineItems, toLineItem } from './line-items.repository.js';
import { getOpportunity, requireChangeableOpportunity, setAmountFromLineItems } from './opportunities.service.js';

const ENTITY = 'opportunity_line_items';

/** A deal's products, and its amount: for whoever may see the deal. */
export async function listLineItems(deps: Deps, viewer: Viewer, opportunityId: string): Promise<LineItemList> {
  const deal = await getOpportunity(deps, viewer, opportunityId);
  return { data: await findLineItems(deps.database.db, opportunityId), amount: deal.amount, currency: deal.currency };
}

/**
 * Adds a product to an open deal the viewer may change, at its account's price (price list, else list
 * price) unless another is given, and
 * makes the deal's amount the sum of its lines, in one transaction.
 */
export async function addLineItem(
  deps: Deps,
  viewer: Viewer,
  opportunityId: string,
  input: CreateLineItemInput,
): Promise<LineItem> {
  return inTransaction(deps.database.db, async (tx) => {
    const deal = await requireChangeableOpportunity(tx, viewer, opportunityId);
    const product = await findProduct(tx, input.productId);
    if (!product?.active) {
      throw new AppError('invalid_request', product ? 'this product is no longer sold' : 'no such product', {
        errors: [{ path: 'productId', message: product ? 'inactive' : 'not found' }],
      });
    }
    const unitPrice =
      input.unitPrice ??
      (await defaultUnitPrice(tx, await pricingOfAccount(tx, deal.accountId, deal.currency), product));
    const row = await insertLineItem(tx, {
      id: uuidv7(),
      opportunityId,
      productId: product.id,
      quantity: input.quantity,
      unitPrice,
      discountPercent: input.discountPercent,
      total: lineTotal({ ...input, unitPrice }),
    });
    const line = toLineItem(row, product);
    await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: line.id, before: null, after: line });
    await refreshAmount(tx, deps, viewer, opportunityId);
    return line;
  });
}

export async function updateLineItem(
  deps: Deps,
  viewer: Viewer,
  opportunityId: string,
  id: string,
  input: UpdateLineItemInput,
  expectedVersion: number | undefined,
): Promise<LineItem> {
  return inTransaction(deps.database.db, async (tx) => {
    await requireChangeableOpportunity(tx, viewer, opportunityId);
    const current = await requireLine(tx, opportunityId, id, expectedVersion);
    const next = { ...current.line, ...input };
    const row = await updateVersionedRow(
      tx,
      opportunityLineItems,
      id,
      { ...input, total: lineTotal(next) },
      { expectedVersion: current.line.version },
    );
    if (!row) throw staleVersion(current.line.version + 1);
    const before = toLineItem(current.line, current);
    const after = toLineItem(row, current);
    await recordChange(tx, viewer, { action: 'update', entity: ENTITY, entityId: id, before, after });
    await refreshAmount(tx, deps, viewer, opportunityId);
    return after;
  });
}

/** Takes a product off a deal; when it was the last, the amount stays as it was and is the deal's own again. */
export async function removeLineItem(
  deps: Deps,
  viewer: Viewer,
  opportunityId: string,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  await inTransaction(deps.database.db, async (tx) => {
    await requireChangeableOpportunity(tx, viewer, opportunityId);
    const current = await requireLine(tx, opportunityId, id, expectedVersion);
    const row = await updateVersionedRow(
      tx,
      opportunityLineItems,
      id,
      { deletedAt: new Date() },
      { expectedVersion: current.line.version },
    );
    if (!row) throw staleVersion(current.line.version + 1);
    await recordChange(tx, viewer, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      before: toLineItem(current.line, current),
      after: null,
    });
    await refreshAmount(tx, deps, viewer, opportunityId);
  });
}

/**
 * Makes a deal's products exactly `lines` (an accepted quote's), in the caller's transaction, after the
 * caller has checked the deal may change: the old lines are taken off and the new added, each audited,
 * and the amount becomes their sum.
 */
export async function replaceLineItems(
  tx: Db,
  deps: Deps,
  viewer: Viewer,
  opportunityId: string,
  lines: {
    productId: string;
    sku: string;
    name: string;
    quantity: number;
    unitPrice: number;
    discountPercent: number;
  }[],
): Promise<void> {
  for (const current of await findLineItems(tx, opportunityId)) {
    const row = await updateVersionedRow(
      tx,
      opportunityLineItems,
      current.id,
      { deletedAt: new Date() },
      {
        expectedVersion: current.version,
      },
    );
    if (!row) throw staleVersion(current.version + 1);
    await recordChange(tx, viewer, {
      action: 'delete',
      entity: ENTITY,
      entityId: current.id,
      before: current,
      after: null,
    });
  }
  for (const line of lines) {
    const row = await insertLineItem(tx, {
      id: uuidv7(),
      opportunityId,
      productId: line.productId,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      total: lineTotal(line),
    });
    const after = toLineItem(row, line);
    await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: row.id, before: null, after });
  }
  await refreshAmount(tx, deps, viewer, opportunityId);
}

async function requireLine(tx: Db, opportunityId: string, id: string, expectedVersion: number | undefined) {
  const current = await findLineItem(tx, opportunityId, id);
  if (!current) throw notFound('line item');
  if (expectedVersion !== undefined && expectedVersion !== current.line.version) {
    throw staleVersion(current.line.version);
  }
  return current;
}

/** The deal's amount becomes the sum of its lines, unless none is left. */
async function refreshAmount(tx: Db, deps: Deps, viewer: Viewer, opportunityId: string): Promise<void> {
  const { total, count } = await sumLineItems(tx, opportunityId);
  if (count > 0) await setAmountFromLineItems(tx, deps, viewer, opportunityId, total);
}
