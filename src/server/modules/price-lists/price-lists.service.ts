import { v7 as uuidv7 } from 'uuid';
import type {
  CreatePriceListInput,
  ListPriceListsQuery,
  ListPricesQuery,
  PriceList,
  ProductPrice,
  ProductPricePage,
  UpdatePriceListInput,
} from '../../../shared/contracts/price-lists.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { priceLists } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import type { Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { getOpportunity } from '../opportunities/opportunities.service.js';
import { findProduct } from '../products/products.repository.js';
import { requireCatalogueRight } from '../products/products.service.js';
import {
  countAccountsOnPriceList,
  deletePriceListEntry,
  findPriceList,
  findPriceListByName,
  findPriceListEntry,
  insertPriceList,
  listPriceListRows,
  listProductPrices,
  type PriceListRow,
  type Pricing,
  pricingOfAccount,
  toPriceList,
  upsertPriceListEntry,
} from './price-lists.repository.js';

const ENTITY = 'price_lists';
const ENTRY_ENTITY = 'price_list_entries';

function lifecycle(viewer: Viewer): Lifecycle<typeof priceLists, PriceList> {
  return {
    table: priceLists,
    entity: ENTITY,
    label: 'price list',
    find: (tx, id, options) => findPriceList(tx, id, options),
    toApi: toPriceList,
    authorize: () => requireCatalogueRight(viewer),
  };
}

async function requireFreeName(tx: Db, name: string, exceptId?: string) {
  const taken = await findPriceListByName(tx, name, exceptId);
  if (taken) {
    throw new AppError('conflict', `another price list is called ${name}`, {
      errors: [{ path: 'name', message: 'already used' }],
      details: { existingId: taken.id },
    });
  }
}

export function listPriceLists(deps: Deps, _viewer: Viewer, query: ListPriceListsQuery) {
  return listPriceListRows(deps.database.db, query);
}

export async function getPriceList(deps: Deps, _viewer: Viewer, id: string): Promise<PriceList> {
  return toPriceList(await requirePriceList(deps.database.db, id));
}

async function requirePriceList(db: Db, id: string): Promise<PriceListRow> {
  const row = await findPriceList(db, id);
  if (!row) throw notFound('price list');
  return row;
}

export async function createPriceList(
  deps: Deps,
  viewer: Viewer,
  input: CreatePriceListInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<PriceList> {
  requireCatalogueRight(viewer);
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    await requireFreeName(tx, input.name);
    const row = await insertPriceList(tx, {
      id: uuidv7(),
      ...input,
      currency: input.currency ?? deps.config.defaultCurrency,
    });
    const priceList = toPriceList(row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: priceList.id,
      before: null,
      after: priceList,
    });
    return priceList;
  });
  return result;
}

/** A new discount or currency prices the lines added from now on; deals keep the prices they have. */
export async function updatePriceList(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdatePriceListInput,
  expectedVersion: number | undefined,
): Promise<PriceList> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async () => {
        if (input.name) await requireFreeName(tx, input.name, id);
        return input;
      },
    }),
  );
  return after;
}

/** A list accounts are on stays until they are moved off it (or it is made inactive instead). */
export async function deletePriceList(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    requireCatalogueRight(viewer);
    const accountsOnIt = await countAccountsOnPriceList(tx, id);
    if (accountsOnIt > 0) {
      throw new AppError(
        'conflict',
        `${accountsOnIt} ${accountsOnIt === 1 ? 'account is' : 'accounts are'} on this price list: give them another (or none), or make the list inactive`,
        { details: { accounts: accountsOnIt } },
      );
    }
    await softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
  });
}

export async function restorePriceList(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<PriceList> {
  return inTransaction(deps.database.db, async (tx) => {
    const row = await findPriceList(tx, id, { includeDeleted: true });
    if (row) await requireFreeName(tx, row.name, id);
    return restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
  });
}

/** The active catalogue at a list's prices, whether or not the list is active (so it can be prepared). */
export async function listPriceListPrices(
  deps: Deps,
  _viewer: Viewer,
  id: string,
  query: ListPricesQuery,
): Promise<ProductPricePage> {
  const row = await requirePriceList(deps.database.db, id);
  const pricing: Pricing = { currency: row.currency, priceList: row };
  return { ...(await listProductPrices(deps.database.db, pricing, query)), ...pricingEnvelope(pricing) };
}

/** What a deal's new lines cost unless a price is given: its account's price list, else the catalogue. */
export async function listOpportunityPrices(
  deps: Deps,
  viewer: Viewer,
  opportunityId: string,
  query: ListPricesQuery,
): Promise<ProductPricePage> {
  const deal = await getOpportunity(deps, viewer, opportunityId);
  const pricing = await pricingOfAccount(deps.database.db, deal.accountId, deal.currency);
  return { ...(await listProductPrices(deps.database.db, pricing, query)), ...pricingEnvelope(pricing) };
}

function pricingEnvelope(pricing: Pricing) {
  const list = pricing.priceList;
  return {
    currency: pricing.currency,
    priceList: list ? { id: list.id, name: list.name, discountPercent: list.discountPercent } : null,
  };
}

/**
 * Gives a product its own price on a list (in the list's currency), or changes it. Lines already on
 * deals keep their prices. Retired products may not be priced: they cannot be added to a deal.
 */
export async function setPrice(
  deps: Deps,
  viewer: Viewer,
  priceListId: string,
  productId: string,
  unitPrice: number,
): Promise<ProductPrice> {
  requireCatalogueRight(viewer);
  return inTransaction(deps.database.db, async (tx) => {
    const list = await requirePriceList(tx, priceListId);
    const product = await findProduct(tx, productId);
    if (!product) throw notFound('product');
    if (!product.active) throw new AppError('conflict', 'this product is no longer sold: it has no price to set');
    const before = await findPriceListEntry(tx, priceListId, productId);
    const entry = await upsertPriceListEntry(tx, { id: uuidv7(), priceListId, productId, unitPrice });
    await recordChange(tx, viewer, {
      action: before ? 'update' : 'create',
      entity: ENTRY_ENTITY,
      entityId: entry.id,
      before: before ? entryRecord(before) : null,
      after: entryRecord(entry),
    });
    return {
      productId,
      sku: product.sku,
      name: product.name,
      family: product.family,
      listPrice: product.unitPrice,
      listCurrency: product.currency,
      unitPrice: entry.unitPrice,
      currency: list.currency,
      source: 'fixed',
    };
  });
}

/** Takes a product's own price off a list: it costs the discounted list price again. */
export async function removePrice(deps: Deps, viewer: Viewer, priceListId: string, productId: string) {
  requireCatalogueRight(viewer);
  await inTransaction(deps.database.db, async (tx) => {
    await requirePriceList(tx, priceListId);
    const entry = await findPriceListEntry(tx, priceListId, productId);
    if (!entry) throw notFound('price of this product on the list');
    await deletePriceListEntry(tx, priceListId, productId);
    await recordChange(tx, viewer, {
      action: 'delete',
      entity: ENTRY_ENTITY,
      entityId: entry.id,
      before: entryRecord(entry),
      after: null,
    });
  });
}

function entryRecord(entry: { id: string; priceListId: string; productId: string; unitPrice: number }) {
  return { id: entry.id, priceListId: entry.priceListId, productId: entry.productId, unitPrice: entry.unitPrice };
}
