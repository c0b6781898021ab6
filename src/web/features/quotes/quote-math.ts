import type { z } from 'zod';
import type { ProductPrice } from '../../../shared/contracts/price-lists.js';
import { lineTotal, type Product } from '../../../shared/contracts/products.js';
import type {
  Quote,
  QuoteLine,
  QuoteStatus,
  quoteLineInputSchema,
  updateQuoteSchema,
} from '../../../shared/contracts/quotes.js';
import { type Pricing, priceHint } from '../opportunities/price-hints.js';

/*
 * The pure side of the quote page: a draft as a form holds it, what a save sends, and the figures shown
 * before the server has worked them out (with its rules, to the cent).
 */

/**
 * A number box's value: a number, or text while it is not one yet ('' when empty, "5." halfway through
 * typing a decimal).
 */
export type Typed = number | string;

/** The number a box holds, or null while it holds none. */
export function figure(value: Typed): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const trimmed = value.replace(/,/g, '').trim();
  const parsed = trimmed === '' ? Number.NaN : Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

/** One line as the form holds it: the product's name and SKU come along for showing, not for sending. */
export type DraftLine = {
  /** Stable across edits and removals, for React (a product may be on a quote twice). */
  key: string;
  productId: string;
  sku: string;
  name: string;
  description: string | null;
  quantity: Typed;
  unitPrice: Typed;
  discountPercent: Typed;
  /** A product just added whose list price is in another currency: shown, so the user can price it. */
  foreignListPrice: { amount: number; currency: string } | null;
  /** A product just added at the deal's price: where that comes from ("Dealer net $15,725 (list $18,500)"). */
  priceNote?: string | null;
};

/** A draft quote's fields as the form holds them: '' is an empty box. */
export type QuoteDraft = {
  title: string;
  contactId: string | null;
  validUntil: string;
  taxPercent: Typed;
  terms: string;
  lines: DraftLine[];
};

let lastKey = 0;
const nextKey = () => {
  lastKey += 1;
  return `line-${lastKey}`;
};

/** Only a draft changes; once sent, a quote is what the customer has (the server answers 409). */
export const isDraft = (status: QuoteStatus) => status === 'draft';

export function draftLineOf(line: QuoteLine): DraftLine {
  return {
    key: nextKey(),
    productId: line.productId,
    sku: line.sku,
    name: line.name,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    foreignListPrice: null,
  };
}

/**
 * A product just picked, as a new line of one: at its list price when that is in the quote's currency,
 * else with the price left for the user to give (a list price in another currency means nothing here).
 */
export function draftLineFromProduct(product: Product, currency: string): DraftLine {
  return {
    key: nextKey(),
    productId: product.id,
    sku: product.sku,
    name: product.name,
    // As the server would copy it, printed under the name.
    description: product.description,
    quantity: 1,
    unitPrice: product.currency === currency ? product.unitPrice : '',
    discountPercent: 0,
    foreignListPrice: product.currency === currency ? null : { amount: product.unitPrice, currency: product.currency },
  };
}

/**
 * A product just picked, at the price a new line of the quote's deal takes (`GET /opportunities/{id}/prices`:
 * its account's price list, else the list price), with where that price comes from. Without that answer
 * (or one in another currency than the quote's), as `draftLineFromProduct` prices it.
 */
export function draftLineFromPrice(
  product: Product,
  dealPrice: { price: ProductPrice | null; currency: string; priceList: Pricing } | undefined,
  currency: string,
): DraftLine {
  const line = draftLineFromProduct(product, currency);
  const price = dealPrice?.currency === currency ? dealPrice.price : null;
  if (!price) return line;
  if (price.unitPrice === null)
    return { ...line, unitPrice: '', foreignListPrice: { amount: price.listPrice, currency: price.listCurrency } };
  return {
    ...line,
    unitPrice: price.unitPrice,
    foreignListPrice: null,
    priceNote: price.source === 'list' ? null : priceHint(price, dealPrice?.priceList ?? null),
  };
}

export function draftOf(quote: Quote): QuoteDraft {
  return {
    title: quote.title,
    contactId: quote.contactId,
    validUntil: quote.validUntil,
    taxPercent: quote.taxPercent,
    terms: quote.terms ?? '',
    lines: quote.lines.map(draftLineOf),
  };
}

/** `{ [key]: value }`, or nothing when there is no value. */
const optional = <Key extends string>(key: Key, value: number | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<Key, number>>;

/** A line as `PATCH lines` takes it (before the contract's defaults). */
export type QuoteLinePayload = z.input<typeof quoteLineInputSchema>;
/** What a save sends (before the contract's defaults). */
export type QuoteChanges = z.input<typeof updateQuoteSchema>;

/**
 * What `PATCH lines` takes for the draft's lines. An empty quantity goes as nothing, which the form's check
 * refuses before anything is sent (the API would take it as 1); an empty price is the product's list price.
 */
export function linesInputOf(lines: readonly DraftLine[]): QuoteLinePayload[] {
  return lines.map((line) => ({
    productId: line.productId,
    ...optional('quantity', figure(line.quantity)),
    ...optional('unitPrice', figure(line.unitPrice)),
    discountPercent: figure(line.discountPercent) ?? 0,
    description: line.description,
  }));
}

const sameLines = (quote: Quote, lines: readonly DraftLine[]) =>
  lines.length === quote.lines.length &&
  lines.every((line, index) => {
    const saved = quote.lines[index];
    return (
      saved !== undefined &&
      saved.productId === line.productId &&
      saved.quantity === figure(line.quantity) &&
      saved.unitPrice === figure(line.unitPrice) &&
      saved.discountPercent === (figure(line.discountPercent) ?? 0) &&
      saved.description === line.description
    );
  });

/**
 * What a save sends: only the fields that differ from the quote as saved, so a save never rewrites what
 * it did not touch. The lines go whole (the API replaces every line) when any of them changed.
 */
export function changesOf(quote: Quote, draft: QuoteDraft): QuoteChanges {
  const changes: QuoteChanges = {};
  const title = draft.title.trim();
  if (title !== quote.title) changes.title = title;
  if (draft.contactId !== quote.contactId) changes.contactId = draft.contactId;
  if (draft.validUntil !== quote.validUntil) changes.validUntil = draft.validUntil;
  const taxPercent = figure(draft.taxPercent) ?? 0;
  if (taxPercent !== quote.taxPercent) changes.taxPercent = taxPercent;
  const terms = draft.terms.trim() === '' ? null : draft.terms.trim();
  if (terms !== (quote.terms ?? null)) changes.terms = terms;
  if (!sameLines(quote, draft.lines)) changes.lines = linesInputOf(draft.lines);
  return changes;
}

export const hasChanges = (quote: Quote, draft: QuoteDraft) => Object.keys(changesOf(quote, draft)).length > 0;

/** A line's total as the server will store it, or null while its quantity or price is not given. */
export function draftLineTotal(line: Pick<DraftLine, 'quantity' | 'unitPrice' | 'discountPercent'>): number | null {
  const quantity = figure(line.quantity);
  const unitPrice = figure(line.unitPrice);
  if (quantity === null || unitPrice === null) return null;
  return lineTotal({ quantity, unitPrice, discountPercent: figure(line.discountPercent) ?? 0 });
}

export type QuoteTotals = Pick<Quote, 'subtotal' | 'discount' | 'net' | 'tax' | 'total'>;

const cents = (amount: number) => Math.round(amount * 100);

/**
 * The quote's figures for lines not saved yet, as the contract defines them: subtotal Σ quantity × price,
 * net Σ line totals, discount what the lines' discounts take off, tax on the net to the cent, total net +
 * tax. Added in whole cents so no floating-point dust shows. A line without quantity or price counts as 0.
 */
export function totalsOf(lines: readonly DraftLine[], taxPercent: Typed): QuoteTotals {
  // The gross is rounded once, after adding, as the server does it.
  let gross = 0;
  let net = 0;
  for (const line of lines) {
    const total = draftLineTotal(line);
    if (total === null) continue;
    gross += (figure(line.quantity) ?? 0) * (figure(line.unitPrice) ?? 0);
    net += cents(total);
  }
  const subtotal = cents(gross);
  const tax = Math.round((net * (figure(taxPercent) ?? 0)) / 100);
  return {
    subtotal: subtotal / 100,
    discount: (subtotal - net) / 100,
    net: net / 100,
    tax: tax / 100,
    total: (net + tax) / 100,
  };
}

/** How many whole days from `today` (YYYY-MM-DD) to `day`: negative once it has passed. */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The browser's calendar day, YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * How long an offer stands, in words, for a quote still waiting on the customer ("valid 3 more days",
 * "last day today", "ran out 2 days ago"); null once it is decided, when it no longer matters.
 */
export function validityNote(quote: Pick<Quote, 'status' | 'validUntil'>, today: string): string | null {
  if (quote.status === 'accepted' || quote.status === 'rejected') return null;
  const left = daysUntil(quote.validUntil, today);
  if (left > 1) return `valid ${left} more days`;
  if (left === 1) return 'valid until tomorrow';
  if (left === 0) return 'last day today';
  return `ran out ${-left === 1 ? 'yesterday' : `${-left} days ago`}`;
}

/**
 * What the contract cannot say about boxes left empty (it sees no value rather than a wrong one): a line
 * needs its quantity and price, the offer its last day. Keyed by the form's paths, which are the API's.
 */
export function emptyFieldProblems(draft: QuoteDraft, currency: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (draft.validUntil === '') problems.validUntil = 'Give the last day the offer stands';
  draft.lines.forEach((line, index) => {
    if (figure(line.quantity) === null) problems[`lines.${index}.quantity`] = 'How many? Such as 1';
    if (figure(line.unitPrice) === null) problems[`lines.${index}.unitPrice`] = `Give the price of one in ${currency}`;
  });
  return problems;
}
