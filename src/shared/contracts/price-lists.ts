import { z } from 'zod';
import {
  anyOf,
  currencySchema,
  filters,
  idSchema,
  listQuerySchema,
  moneySchema,
  optionalText,
  pageSchema,
  recordFields,
  updatedAtFilters,
} from './common.js';
import { discountSchema } from './products.js';

export const priceListSchema = z
  .object({
    ...recordFields,
    name: z.string().meta({ description: 'Unique among live price lists, whatever the case' }),
    description: z.string().nullable(),
    currency: z.string().meta({ description: 'The list prices deals in this currency only' }),
    discountPercent: z.number().meta({
      description:
        "Taken off the list price of every product in the list's currency that has no fixed price on the list",
    }),
    active: z.boolean().meta({
      description: 'An inactive list prices nothing and cannot be given to an account; accounts on it keep it',
    }),
  })
  .meta({ id: 'PriceList' });
export type PriceList = z.infer<typeof priceListSchema>;

const writablePriceListFields = {
  name: z.string().trim().min(1).max(120),
  description: optionalText(2000),
  currency: currencySchema,
  discountPercent: discountSchema,
  active: z.boolean(),
};

export const createPriceListSchema = z.strictObject({
  ...writablePriceListFields,
  description: writablePriceListFields.description.default(null),
  currency: writablePriceListFields.currency
    .optional()
    .meta({ description: 'ISO 4217; defaults to the server setting' }),
  discountPercent: writablePriceListFields.discountPercent.default(0),
  active: writablePriceListFields.active.default(true),
});
export type CreatePriceListInput = z.infer<typeof createPriceListSchema>;

export const updatePriceListSchema = z.strictObject(writablePriceListFields).partial();
export type UpdatePriceListInput = z.infer<typeof updatePriceListSchema>;

export const listPriceListsQuerySchema = listQuerySchema({
  sorts: ['name', 'updatedAt'],
  filters: {
    active: filters.boolean().optional(),
    currency: anyOf(currencySchema).optional(),
    ...updatedAtFilters,
  },
});
export type ListPriceListsQuery = z.infer<typeof listPriceListsQuerySchema>;
export const priceListPageSchema = pageSchema(priceListSchema);

/**
 * Where a product's price comes from: `fixed`, a price set for it on the price list; `discount`, its list
 * price less the list's discount; `list`, its catalogue list price (no price list applies); null, no
 * price in this currency (the product is listed in another and has no fixed price): one must be given.
 */
export const priceSources = ['fixed', 'discount', 'list'] as const;
export const priceSourceSchema = z.enum(priceSources);
export type PriceSource = z.infer<typeof priceSourceSchema>;

export const productPriceSchema = z
  .object({
    productId: idSchema,
    sku: z.string(),
    name: z.string(),
    family: z.string().nullable(),
    listPrice: z.number().meta({ description: "The catalogue's list price, in listCurrency" }),
    listCurrency: z.string(),
    unitPrice: z.number().nullable().meta({ description: 'The price in currency; null when none applies' }),
    currency: z.string(),
    source: priceSourceSchema.nullable(),
  })
  .meta({ id: 'ProductPrice' });
export type ProductPrice = z.infer<typeof productPriceSchema>;

export const listPricesQuerySchema = listQuerySchema({
  sorts: ['name', 'sku'],
  filters: {
    productId: anyOf(idSchema).optional().meta({ description: 'Some products by id, comma-separated' }),
    family: anyOf(z.string().min(1).max(120)).optional(),
    source: anyOf(priceSourceSchema).optional(),
  },
});
export type ListPricesQuery = z.infer<typeof listPricesQuerySchema>;

const pricingListSchema = z
  .object({ id: idSchema, name: z.string(), discountPercent: z.number() })
  .nullable()
  .meta({ description: 'The price list that prices them; null: catalogue list prices' });

/** The active products of the catalogue at the prices of a price list, or of a deal. */
export const productPricePageSchema = pageSchema(productPriceSchema).extend({
  currency: z.string(),
  priceList: pricingListSchema,
});
export type ProductPricePage = z.infer<typeof productPricePageSchema>;

export const setPriceSchema = z.strictObject({
  unitPrice: moneySchema.meta({ description: "In the list's currency" }),
});
export type SetPriceInput = z.infer<typeof setPriceSchema>;

export const priceParamsSchema = z.strictObject({ id: idSchema, productId: idSchema });
