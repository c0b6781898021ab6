import { z } from 'zod';
import {
  anyOf,
  dateSchema,
  filters,
  idSchema,
  listQuerySchema,
  moneySchema,
  optionalText,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';
import { communicationSchema, mailboxSchema } from './communications.js';
import { discountSchema, quantitySchema } from './products.js';

export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/** One product on a quote: a copy of what was offered, kept as it was when the quote went out. */
export const quoteLineSchema = z
  .object({
    productId: idSchema,
    sku: z.string().meta({ description: "The product's, as it was when the line was written" }),
    name: z.string().meta({ description: "The product's name, as it was when the line was written" }),
    description: z.string().nullable().meta({ description: 'What is offered, beyond the name (printed under it)' }),
    quantity: z.number(),
    unitPrice: z.number().meta({ description: "In the quote's currency" }),
    discountPercent: z.number(),
    total: z.number().meta({ description: 'quantity × unitPrice, less the discount, to the cent' }),
  })
  .meta({ id: 'QuoteLine' });
export type QuoteLine = z.infer<typeof quoteLineSchema>;

export const quoteLineInputSchema = z.strictObject({
  productId: idSchema,
  quantity: quantitySchema.default(1),
  unitPrice: moneySchema.optional().meta({ description: "Defaults to the product's list price" }),
  discountPercent: discountSchema.default(0),
  description: optionalText(2000).optional(),
});
export type QuoteLineInput = z.infer<typeof quoteLineInputSchema>;

export const quoteSchema = z
  .object({
    ...recordFields,
    number: z.string().meta({ description: 'Q-00042: assigned on creation, never reused (read-only)' }),
    title: z.string().meta({ description: "What is offered; defaults to the deal's name" }),
    opportunityId: idSchema,
    accountId: idSchema.meta({ description: "The deal's account (read-only)" }),
    contactId: idSchema.nullable().meta({ description: "Who it is addressed to: a contact of the deal's account" }),
    ownerId: idSchema.meta({ description: 'Who prepared it; whoever may change the deal may change it' }),
    status: z.enum(quoteStatuses).meta({
      description:
        'draft (being written, may change) → sent (frozen) → accepted | rejected; a sent quote past validUntil reads expired',
    }),
    currency: z.string().meta({ description: "The deal's" }),
    validUntil: dateSchema.meta({ description: 'The last day the offer stands' }),
    terms: z.string().nullable().meta({ description: 'Payment and delivery terms, printed under the lines' }),
    taxPercent: z.number().meta({ description: 'Sales tax or VAT on the net total (0: none shown)' }),
    lines: z.array(quoteLineSchema),
    subtotal: z.number().meta({ description: 'Σ quantity × unitPrice, before discounts' }),
    discount: z.number().meta({ description: 'What the lines’ discounts take off' }),
    net: z.number().meta({ description: 'Σ line totals: what the deal is worth if accepted' }),
    tax: z.number().meta({ description: 'net × taxPercent / 100, to the cent' }),
    total: z.number().meta({ description: 'net + tax: what the customer pays' }),
    sentAt: timestampSchema.nullable(),
    acceptedAt: timestampSchema.nullable(),
    rejectedAt: timestampSchema.nullable(),
    rejectionReason: z.string().nullable(),
  })
  .meta({ id: 'Quote' });
export type Quote = z.infer<typeof quoteSchema>;

export const createQuoteSchema = z.strictObject({
  opportunityId: idSchema.meta({ description: 'An open deal the caller may change' }),
  title: optionalText(200).optional(),
  contactId: idSchema.nullable().optional().meta({ description: "Defaults to the deal's contact" }),
  validUntil: dateSchema.optional().meta({ description: 'Defaults to MERIDIAN_QUOTE_VALID_DAYS from today' }),
  terms: optionalText(4000).optional().meta({ description: 'Defaults to MERIDIAN_QUOTE_TERMS' }),
  taxPercent: discountSchema.default(0),
  lines: z
    .array(quoteLineInputSchema)
    .max(200)
    .optional()
    .meta({ description: "Defaults to the deal's products, at the deal's prices and discounts" }),
});
export type CreateQuoteInput = z.infer<typeof createQuoteSchema>;

/** A draft's fields; a sent quote is what the customer has and no longer changes (409). */
export const updateQuoteSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    contactId: idSchema.nullable(),
    validUntil: dateSchema,
    terms: optionalText(4000),
    taxPercent: discountSchema,
    lines: z.array(quoteLineInputSchema).max(200).meta({ description: 'Replaces every line' }),
  })
  .partial();
export type UpdateQuoteInput = z.infer<typeof updateQuoteSchema>;

export const listQuotesQuerySchema = listQuerySchema({
  sorts: ['createdAt', 'updatedAt', 'number', 'validUntil', 'total'],
  filters: {
    opportunityId: anyOf(idSchema).optional(),
    accountId: anyOf(idSchema).optional(),
    contactId: anyOf(idSchema).optional(),
    ownerId: filters.person().optional(),
    status: anyOf(z.enum(quoteStatuses)).optional(),
    q: z.string().trim().min(1).max(200).optional().meta({ description: 'Number or title' }),
    validUntilFrom: filters.date().optional(),
    validUntilTo: filters.date().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListQuotesQuery = z.infer<typeof listQuotesQuerySchema>;
export const quotePageSchema = pageSchema(quoteSchema);

export const sendQuoteSchema = z.strictObject({
  to: z
    .array(mailboxSchema)
    .min(1)
    .max(20)
    .optional()
    .meta({ description: "Defaults to the quote's contact's e-mail address" }),
  cc: z.array(mailboxSchema).max(20).default([]),
  subject: z.string().trim().min(1).max(300).optional().meta({ description: 'Defaults to "Quote Q-00042: title"' }),
  message: z
    .string()
    .trim()
    .max(20_000)
    .optional()
    .meta({ description: 'The e-mail’s text; a short cover note by default' }),
});
export type SendQuoteInput = z.infer<typeof sendQuoteSchema>;

export const sentQuoteSchema = z
  .object({
    quote: quoteSchema,
    communication: communicationSchema.meta({
      description:
        'The queued e-mail, with the PDF attached; it goes out as any other (and may be undone while queued)',
    }),
  })
  .meta({ id: 'SentQuote' });
export type SentQuote = z.infer<typeof sentQuoteSchema>;

export const rejectQuoteSchema = z.strictObject({ reason: optionalText(2000).optional() });
export type RejectQuoteInput = z.infer<typeof rejectQuoteSchema>;
