import { z } from 'zod';
import {
  anyOf,
  currencySchema,
  filters,
  idSchema,
  listQuerySchema,
  moneySchema,
  pageSchema,
  recordFields,
  updatedAtFilters,
} from './common.js';

export const productSchema = z
  .object({
    ...recordFields,
    sku: z.string().meta({ description: 'The article number: unique among live products, whatever the case' }),
    name: z.string(),
    family: z.string().nullable().meta({ description: 'The product line, e.g. "Compact tractors"' }),
    description: z.string().nullable(),
    unitPrice: z.number().meta({ description: 'List price of one unit, in major units' }),
    currency: z.string(),
    active: z
      .boolean()
      .meta({ description: 'Inactive products stay on the deals that have them; new lines cannot use them' }),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof productSchema>;

const writableProductFields = {
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  family: z.string().trim().min(1).max(120).nullable(),
  description: z.string().trim().min(1).max(5000).nullable(),
  unitPrice: moneySchema,
  currency: currencySchema,
  active: z.boolean(),
};

export const createProductSchema = z.strictObject({
  ...writableProductFields,
  family: writableProductFields.family.default(null),
  description: writableProductFields.description.default(null),
  currency: writableProductFields.currency.optional().meta({ description: 'ISO 4217; defaults to the server setting' }),
  active: writableProductFields.active.default(true),
});
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = z.strictObject(writableProductFields).partial();
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const listProductsQuerySchema = listQuerySchema({
  sorts: ['name', 'sku', 'unitPrice', 'createdAt', 'updatedAt'],
  filters: {
    family: anyOf(z.string().min(1).max(120)).optional(),
    currency: anyOf(currencySchema).optional(),
    active: filters.boolean().optional(),
    unitPriceMin: filters.number().optional(),
    unitPriceMax: filters.number().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListProductsQuery = z.infer<typeof listProductsQuerySchema>;
export const productPageSchema = pageSchema(productSchema);

/** A product on a deal: how many, at what price, less what discount. */
export const lineItemSchema = z
  .object({
    ...recordFields,
    opportunityId: idSchema,
    productId: idSchema,
    sku: z.string().meta({ description: "The product's, for reading the line without another call" }),
    name: z.string().meta({ description: "The product's name" }),
    quantity: z.number(),
    unitPrice: z.number().meta({ description: "In the deal's currency; the product's list price unless given" }),
    discountPercent: z.number(),
    total: z.number().meta({ description: 'quantity × unitPrice, less the discount, to the cent' }),
  })
  .meta({ id: 'LineItem' });
export type LineItem = z.infer<typeof lineItemSchema>;

/**
 * A line's total: quantity × unit price, less the discount, to the cent. The server stores it; the
 * dashboard previews it with the same rule.
 */
export function lineTotal(line: { quantity: number; unitPrice: number; discountPercent: number }): number {
  return Math.round(line.quantity * line.unitPrice * (1 - line.discountPercent / 100) * 100) / 100;
}

/** A quantity on a deal's or a quote's line: more than none, to the hundredth. */
export const quantitySchema = z
  .number()
  .gt(0)
  .max(1_000_000)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
    message: 'at most two decimals',
  });
/** A line's discount in percent, to the hundredth. */
export const discountSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
    message: 'at most two decimals',
  });

export const createLineItemSchema = z.strictObject({
  productId: idSchema,
  quantity: quantitySchema.default(1),
  unitPrice: moneySchema
    .optional()
    .meta({ description: "Defaults to the product's list price (same currency as the deal)" }),
  discountPercent: discountSchema.default(0),
});
export type CreateLineItemInput = z.infer<typeof createLineItemSchema>;

export const updateLineItemSchema = z
  .strictObject({ quantity: quantitySchema, unitPrice: moneySchema, discountPercent: discountSchema })
  .partial();
export type UpdateLineItemInput = z.infer<typeof updateLineItemSchema>;

export const lineItemListSchema = z.object({
  data: z.array(lineItemSchema),
  amount: z.number().meta({ description: "The deal's amount: the sum of the lines' totals when it has lines" }),
  currency: z.string(),
});
export type LineItemList = z.infer<typeof lineItemListSchema>;

export const lineItemParamsSchema = z.strictObject({ id: idSchema, lineItemId: idSchema });
