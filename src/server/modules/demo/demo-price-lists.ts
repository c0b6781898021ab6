import type { priceListEntries, priceLists, products } from '../../db/schema/index.js';
import type { RowOf } from '../../seed/dataset.js';
import type { Rng } from '../../seed/random.js';

const DAY_MS = 86_400_000;

/** The channel prices: distributors buy deepest, dealers less so, end customers at list. */
const channelLists = [
  {
    key: 'distributor',
    name: 'Distributor net',
    description: 'Stocking distributors and their branches: list less 30 %, the 40 hp tractor at a fixed price.',
    discountPercent: 30,
    fixed: { 'CT-4040': 21_900 } as Record<string, number>,
  },
  {
    key: 'dealer',
    name: 'Dealer net',
    description: 'Authorised dealers: list less 18 %, the seasonal parts kit at a fixed price.',
    discountPercent: 18,
    fixed: { 'SP-KIT': 290 } as Record<string, number>,
  },
] as const;

export type DemoPriceLists = {
  priceLists: RowOf<typeof priceLists>[];
  entries: RowOf<typeof priceListEntries>[];
  /** The list an account of this type is on: distributors' and dealers' own; none for the others. */
  listOf(type: string): string | null;
  /** What a product costs on a list (null: the catalogue), as the application prices a new line. */
  priceOf(priceListId: string | null, product: RowOf<typeof products>): number;
};

export function buildDemoPriceLists(input: {
  rng: Rng;
  now: Date;
  catalogue: RowOf<typeof products>[];
}): DemoPriceLists {
  const createdAt = new Date(input.now.getTime() - 380 * DAY_MS);
  const rows = channelLists.map((list) => ({
    id: input.rng.uuidV7(createdAt),
    name: list.name,
    description: list.description,
    currency: 'USD',
    discountPercent: list.discountPercent,
    active: true,
    createdAt,
    updatedAt: createdAt,
    version: 1,
    deletedAt: null,
  }));
  const entries = channelLists.flatMap((list, index) =>
    input.catalogue
      .filter((product) => list.fixed[product.sku] !== undefined)
      .map((product) => ({
        id: input.rng.uuidV7(createdAt),
        priceListId: (rows[index] as (typeof rows)[number]).id,
        productId: product.id,
        unitPrice: list.fixed[product.sku] as number,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      })),
  );
  const idOf = new Map(channelLists.map((list, index) => [list.key as string, rows[index]?.id as string]));
  const discountOf = new Map(rows.map((row) => [row.id, row.discountPercent]));
  return {
    priceLists: rows,
    entries,
    listOf: (type) => idOf.get(type) ?? null,
    priceOf: (priceListId, product) => {
      if (!priceListId) return product.unitPrice;
      const fixed = entries.find((entry) => entry.priceListId === priceListId && entry.productId === product.id);
      if (fixed) return fixed.unitPrice;
      return Math.round(product.unitPrice * (100 - (discountOf.get(priceListId) ?? 0))) / 100;
    },
  };
}
