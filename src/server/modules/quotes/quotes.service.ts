import { v7 as uuidv7 } from 'uuid';
import { lineTotal } from '../../../shared/contracts/products.js';
import type {
  CreateQuoteInput,
  ListQuotesQuery,
  Quote,
  QuoteLineInput,
  RejectQuoteInput,
  SendQuoteInput,
  SentQuote,
  UpdateQuoteInput,
} from '../../../shared/contracts/quotes.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { quotes } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { staleVersion } from '../../platform/concurrency.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { keepGeneratedFile } from '../attachments/attachments.service.js';
import { recordChange } from '../audit/audit.service.js';
import { queueOutboundEmail } from '../communications/communications.service.js';
import { findContactInAccount } from '../contacts/contacts.repository.js';
import { findLineItems } from '../opportunities/line-items.repository.js';
import { replaceLineItems } from '../opportunities/line-items.service.js';
import { findVisibleOpportunity, type OpportunityRow } from '../opportunities/opportunities.repository.js';
import { requireChangeableOpportunity } from '../opportunities/opportunities.service.js';
import { defaultUnitPrice, type Pricing, pricingOfAccount } from '../price-lists/pricing.js';
import { findProduct } from '../products/products.repository.js';
import { renderQuotePdf } from './quote-pdf.js';
import {
  findAcceptedQuote,
  findLinesOf,
  findQuoteParties,
  findVisibleQuote,
  insertQuote,
  listQuoteRows,
  nextQuoteNumber,
  type QuoteLineRow,
  type QuoteRow,
  todayUtc,
  toQuote,
  writeQuoteLines,
} from './quotes.repository.js';

const ENTITY = 'quotes';
type Idempotency = Omit<IdempotentRequest, 'payload'>;
type NewLine = Omit<QuoteLineRow, 'quoteId' | 'position'>;

export function listQuotes(deps: Deps, viewer: Viewer, query: ListQuotesQuery) {
  return listQuoteRows(deps.database.db, viewer, query);
}

export async function getQuote(deps: Deps, viewer: Viewer, id: string): Promise<Quote> {
  const row = await findVisibleQuote(deps.database.db, viewer, id);
  if (!row) throw notFound('quote');
  return quoteOf(deps.database.db, row);
}

/**
 * A new draft quote for an open deal the viewer may change: addressed to the deal's contact, with the
 * deal's products at the deal's prices unless other lines are given, valid for the configured days.
 */
export async function createQuote(
  deps: Deps,
  viewer: Viewer,
  input: CreateQuoteInput,
  idempotency: Idempotency,
): Promise<Quote> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const deal = await findVisibleOpportunity(tx, viewer, input.opportunityId);
    if (!deal) {
      throw new AppError('invalid_request', 'no such deal', {
        errors: [{ path: 'opportunityId', message: 'not found' }],
      });
    }
    await requireChangeableOpportunity(tx, viewer, deal.id);
    if (!deal.accountId) throw new AppError('conflict', 'the deal has no account to address a quote to');
    const contactId = input.contactId === undefined ? deal.contactId : input.contactId;
    await requireContactOfAccount(tx, contactId, deal.accountId);
    requireNotPast(input.validUntil);
    const lines = input.lines
      ? await resolveLines(tx, await pricingOfAccount(tx, deal.accountId, deal.currency), input.lines, [])
      : await linesOfDeal(tx, deal);
    return insertDraft(tx, viewer, deal, {
      title: input.title ?? deal.name,
      contactId,
      validUntil: input.validUntil ?? daysFromToday(deps.config.quotes.validDays),
      terms: input.terms === undefined ? deps.config.quotes.terms : input.terms,
      taxPercent: input.taxPercent,
      lines,
    });
  });
  return result;
}

/**
 * A new draft from a quote that went out (turned down, lapsed, or to be offered again on other terms):
 * its title, contact, terms, tax and lines, with a new number and a fresh validity. The deal must still
 * be open and in the quote's currency; a contact who left the deal's account is left out.
 */
export async function reviseQuote(deps: Deps, viewer: Viewer, id: string, idempotency: Idempotency): Promise<Quote> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: { id } }, async (tx) => {
    const source = await findVisibleQuote(tx, viewer, id);
    if (!source) throw notFound('quote');
    const deal = await requireChangeableOpportunity(tx, viewer, source.opportunityId);
    if (!deal.accountId) throw new AppError('conflict', 'the deal has no account to address a quote to');
    if (deal.currency !== source.currency) {
      throw new AppError(
        'conflict',
        `the deal is now in ${deal.currency} and the quote in ${source.currency}: make a new quote from the deal`,
      );
    }
    const sourceLines = (await findLinesOf(tx, [id])).get(id) ?? [];
    const contactOfAccount = source.contactId && (await findContactInAccount(tx, source.contactId, deal.accountId));
    return insertDraft(tx, viewer, deal, {
      title: source.title,
      contactId: contactOfAccount ? source.contactId : null,
      validUntil: daysFromToday(deps.config.quotes.validDays),
      terms: source.terms,
      taxPercent: source.taxPercent,
      lines: await resolveLines(
        tx,
        await pricingOfAccount(tx, deal.accountId, source.currency),
        sourceLines,
        sourceLines,
      ),
    });
  });
  return result;
}

/** Writes a new numbered draft of the deal with its lines, audited, in the caller's transaction. */
async function insertDraft(
  tx: Db,
  viewer: Viewer,
  deal: OpportunityRow & { accountId: string },
  draft: {
    title: string;
    contactId: string | null;
    validUntil: string;
    terms: string | null;
    taxPercent: number;
    lines: NewLine[];
  },
): Promise<Quote> {
  const { lines, ...fields } = draft;
  const row = await insertQuote(tx, {
    id: uuidv7(),
    number: await nextQuoteNumber(tx),
    ...fields,
    opportunityId: deal.id,
    accountId: deal.accountId,
    ownerId: viewer.userId,
    currency: deal.currency,
    net: netOf(lines),
  });
  const quote = toQuote(row, await writeQuoteLines(tx, row.id, lines));
  await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: row.id, before: null, after: quote });
  return quote;
}

/** Changes a draft. A quote that has gone out is what the customer holds: it no longer changes (409). */
export async function updateQuote(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateQuoteInput,
  expectedVersion: number | undefined,
): Promise<Quote> {
  return inTransaction(deps.database.db, async (tx) => {
    const { row, lines: currentLines } = await requireChangeableQuote(tx, viewer, id, expectedVersion);
    if (row.status !== 'draft') {
      throw new AppError('conflict', `quote ${row.number} has been ${row.status}: it stays as it is; make a new quote`);
    }
    if (input.contactId !== undefined) await requireContactOfAccount(tx, input.contactId, row.accountId);
    requireNotPast(input.validUntil);
    const lines = input.lines
      ? await resolveLines(tx, await pricingOfAccount(tx, row.accountId, row.currency), input.lines, currentLines)
      : undefined;
    const { lines: _lines, ...fields } = input;
    const updated = await updateVersionedRow(
      tx,
      quotes,
      id,
      { ...fields, ...(lines ? { net: netOf(lines) } : {}) },
      { expectedVersion: row.version },
    );
    if (!updated) throw staleVersion(row.version + 1);
    const after = toQuote(updated, lines ? await writeQuoteLines(tx, id, lines) : currentLines);
    await recordChange(tx, viewer, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      before: toQuote(row, currentLines),
      after,
    });
    return after;
  });
}

export async function deleteQuote(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    const { row, lines } = await requireChangeableQuote(tx, viewer, id, expectedVersion);
    await writeStatus(tx, viewer, row, lines, 'delete', { deletedAt: new Date() });
  });
}

/** Brings a deleted quote back, unless it was accepted and its deal has accepted another since (409). */
export async function restoreQuote(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Quote> {
  return inTransaction(deps.database.db, async (tx) => {
    const { row, lines } = await requireChangeableQuote(tx, viewer, id, expectedVersion, { includeDeleted: true });
    if (!row.deletedAt) return toQuote(row, lines);
    if (row.status === 'accepted') await requireNoOtherAccepted(tx, row);
    return writeStatus(tx, viewer, row, lines, 'restore', { deletedAt: null });
  });
}

/**
 * Sends a quote: renders its PDF, keeps it with the deal, and queues an e-mail carrying it to the contact
 * (or `to`), from the viewer; a draft becomes sent. Sending a sent quote again sends the same document.
 */
export async function sendQuote(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: SendQuoteInput,
  options: { expectedVersion: number | undefined; idempotency: Idempotency },
): Promise<SentQuote> {
  const request = { ...options.idempotency, payload: { id, ...input } };
  const { result } = await runIdempotent(deps.database.db, viewer, request, async (tx) => {
    const { row, deal, lines } = await requireChangeableQuote(tx, viewer, id, options.expectedVersion);
    if (row.status === 'accepted' || row.status === 'rejected') {
      throw new AppError('conflict', `quote ${row.number} has been ${row.status}: there is nothing left to send`);
    }
    if (row.validUntil < todayUtc()) {
      throw new AppError('conflict', `quote ${row.number} expired on ${row.validUntil}: make a new quote to send`);
    }
    if (deal.stage === 'closed_won' || deal.stage === 'closed_lost') {
      throw new AppError('conflict', 'the deal is closed: reopen it before sending it a quote');
    }
    if (lines.length === 0) throw new AppError('conflict', `quote ${row.number} has no products: add some first`);
    const parties = await findQuoteParties(tx, row);
    const to = input.to ?? (parties.contact?.email ? [parties.contact.email] : []);
    if (to.length === 0) {
      throw new AppError('invalid_request', 'the quote has no recipient: its contact has no e-mail address', {
        errors: [{ path: 'to', message: 'give an address, or address the quote to a contact with one' }],
      });
    }
    const sent =
      row.status === 'draft'
        ? await writeStatus(tx, viewer, row, lines, 'send', { status: 'sent', sentAt: new Date() })
        : toQuote(row, lines);
    const communication = await queueOutboundEmail(tx, viewer, {
      subject: input.subject ?? `Quote ${sent.number}: ${sent.title}`,
      body: input.message ?? coverNote(sent, parties.contact?.firstName ?? null, parties.owner?.name ?? null),
      to,
      cc: input.cc,
      links: { accountId: row.accountId, contactId: row.contactId, opportunityId: row.opportunityId },
    });
    await keepGeneratedFile(tx, viewer, await pdfFile(deps, sent, parties), {
      accountId: row.accountId,
      contactId: row.contactId,
      opportunityId: row.opportunityId,
      communicationId: communication.id,
    });
    return { quote: sent, communication };
  });
  return result;
}

/**
 * The customer accepted: the deal's products become the quote's lines, so its amount is the quote's
 * net, in the same transaction. One quote per deal is accepted; the deal must still be open.
 */
export async function acceptQuote(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Quote> {
  return inTransaction(deps.database.db, async (tx) => {
    const { row, lines } = await requireChangeableQuote(tx, viewer, id, expectedVersion);
    if (row.status === 'accepted') return toQuote(row, lines);
    if (row.status === 'rejected') {
      throw new AppError('conflict', `quote ${row.number} was rejected: make a new quote for what was agreed`);
    }
    if (lines.length === 0) throw new AppError('conflict', `quote ${row.number} has no products to accept`);
    const deal = await requireChangeableOpportunity(tx, viewer, row.opportunityId);
    if (deal.currency !== row.currency) {
      throw new AppError(
        'conflict',
        `the deal is now in ${deal.currency} and the quote in ${row.currency}: make a new quote in ${deal.currency}`,
      );
    }
    await requireNoOtherAccepted(tx, row);
    const accepted = await writeStatus(tx, viewer, row, lines, 'accept', {
      status: 'accepted',
      acceptedAt: new Date(),
    });
    await replaceLineItems(tx, deps, viewer, row.opportunityId, lines);
    return accepted;
  });
}

/** The customer declined (or the rep withdrew the offer): the quote is kept, with why. */
export async function rejectQuote(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: RejectQuoteInput,
  expectedVersion: number | undefined,
): Promise<Quote> {
  return inTransaction(deps.database.db, async (tx) => {
    const { row, lines } = await requireChangeableQuote(tx, viewer, id, expectedVersion);
    if (row.status === 'rejected') return toQuote(row, lines);
    if (row.status === 'accepted') {
      throw new AppError('conflict', `quote ${row.number} was accepted: its products are on the deal now`);
    }
    return writeStatus(tx, viewer, row, lines, 'reject', {
      status: 'rejected',
      rejectedAt: new Date(),
      rejectionReason: input.reason ?? null,
    });
  });
}

/** The quote's PDF and the name to save it under, for whoever may see the quote. */
export async function getQuotePdf(deps: Deps, viewer: Viewer, id: string) {
  const { db } = deps.database;
  const row = await findVisibleQuote(db, viewer, id);
  if (!row) throw notFound('quote');
  const quote = await quoteOf(db, row);
  return { quote, ...(await pdfFile(deps, quote, await findQuoteParties(db, row))) };
}

// ---------------------------------------------------------------------------------------------------------

async function quoteOf(db: Db, row: QuoteRow): Promise<Quote> {
  const lines = await findLinesOf(db, [row.id]);
  return toQuote(row, lines.get(row.id) ?? []);
}

/**
 * The quote locked for the change, its deal and lines: `404` unless the viewer sees it, `403` unless they
 * may change it (as its preparer's or its deal owner's team), `412` on a stale If-Match.
 */
async function requireChangeableQuote(
  tx: Db,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
  options: { includeDeleted?: boolean } = {},
): Promise<{ row: QuoteRow; deal: OpportunityRow; lines: QuoteLineRow[] }> {
  const row = await findVisibleQuote(tx, viewer, id, { ...options, forUpdate: true });
  const deal = row && (await findVisibleOpportunity(tx, viewer, row.opportunityId));
  if (!row || !deal) throw notFound('quote');
  if (!mayChange(viewer, row.ownerId) && !mayChange(viewer, deal.ownerId)) {
    throw new AppError(
      'forbidden',
      "only the quote's preparer, the deal's owner, their managers and admins may change it",
    );
  }
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version);
  const lines = await findLinesOf(tx, [id]);
  return { row, deal, lines: lines.get(id) ?? [] };
}

/** Writes a status change (or a delete or restore) and audits it under its own action. */
async function writeStatus(
  tx: Db,
  viewer: Viewer,
  row: QuoteRow,
  lines: QuoteLineRow[],
  action: 'send' | 'accept' | 'reject' | 'delete' | 'restore',
  changes: Partial<typeof quotes.$inferInsert>,
): Promise<Quote> {
  const updated = await updateVersionedRow(tx, quotes, row.id, changes, {
    expectedVersion: row.version,
    ...(action === 'restore' ? { state: 'deleted' as const } : {}),
  });
  if (!updated) throw staleVersion(row.version + 1);
  const before = toQuote(row, lines);
  const after = toQuote(updated, lines);
  await recordChange(tx, viewer, {
    action,
    entity: ENTITY,
    entityId: row.id,
    before: action === 'restore' ? null : before,
    after: action === 'delete' ? null : after,
  });
  return after;
}

/** One accepted quote per deal, whoever may see the other (the unique index is everyone's). */
async function requireNoOtherAccepted(tx: Db, row: QuoteRow) {
  const other = await findAcceptedQuote(tx, row.opportunityId, row.id);
  if (other) {
    throw new AppError('conflict', `the deal has accepted quote ${other.number} already: reject it first`, {
      details: { existingId: other.id },
    });
  }
}

async function requireContactOfAccount(tx: Db, contactId: string | null, accountId: string) {
  if (contactId && !(await findContactInAccount(tx, contactId, accountId))) {
    throw new AppError('invalid_request', "the contact is not one of the deal's account", {
      errors: [{ path: 'contactId', message: "not a contact of the deal's account" }],
    });
  }
}

/** An offer that would stand until a day already gone is a typing mistake, not a quote. */
function requireNotPast(validUntil: string | undefined) {
  if (validUntil !== undefined && validUntil < todayUtc()) {
    throw new AppError('invalid_request', 'a quote stands until today or later', {
      errors: [{ path: 'validUntil', message: 'in the past' }],
    });
  }
}

/** The deal's products as quote lines, at the deal's prices and discounts. */
async function linesOfDeal(tx: Db, deal: OpportunityRow): Promise<NewLine[]> {
  const dealLines = await findLineItems(tx, deal.id);
  const given = dealLines.map((line) => ({
    productId: line.productId,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
  }));
  return resolveLines(tx, { currency: deal.currency, priceList: null }, given, dealLines);
}

/**
 * Lines as given, with the product's name, SKU and description copied and the account's price for it
 * (price list, else list price) unless a price is given. A product no longer sold may stay on a quote
 * that has it already, not be added.
 */
async function resolveLines(
  tx: Db,
  pricing: Pricing,
  given: (Omit<QuoteLineInput, 'description'> & { description?: string | null })[],
  current: { productId: string }[],
): Promise<NewLine[]> {
  const kept = new Set(current.map((line) => line.productId));
  const lines: NewLine[] = [];
  for (const [index, line] of given.entries()) {
    const product = await findProduct(tx, line.productId);
    if (!product || (!product.active && !kept.has(product.id))) {
      throw new AppError('invalid_request', product ? 'a product is no longer sold' : 'no such product', {
        errors: [{ path: `lines.${index}.productId`, message: product ? 'inactive' : 'not found' }],
      });
    }
    const unitPrice = line.unitPrice ?? (await defaultUnitPrice(tx, pricing, product, `lines.${index}.unitPrice`));
    const priced = { quantity: line.quantity, unitPrice, discountPercent: line.discountPercent };
    lines.push({
      productId: product.id,
      sku: product.sku,
      name: product.name,
      description: line.description === undefined ? product.description : line.description,
      ...priced,
      total: lineTotal(priced),
    });
  }
  return lines;
}

function netOf(lines: { total: number }[]): number {
  return Math.round(lines.reduce((sum, line) => sum + line.total * 100, 0)) / 100;
}

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function coverNote(quote: Quote, firstName: string | null, ownerName: string | null): string {
  return [
    firstName ? `Dear ${firstName},` : 'Hello,',
    '',
    `Please find attached our quote ${quote.number} for ${quote.title}, valid until ${quote.validUntil}.`,
    'I am glad to answer any questions.',
    '',
    'Kind regards,',
    ownerName ?? '',
  ]
    .join('\n')
    .trimEnd();
}

async function pdfFile(
  deps: Deps,
  quote: Quote,
  parties: Awaited<ReturnType<typeof findQuoteParties>>,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const { account, contact, owner } = parties;
  const content = await renderQuotePdf(quote, {
    issuer: deps.config.company,
    account: {
      name: account?.name ?? '',
      addressLines: [
        account?.street,
        [account?.postalCode, account?.city].filter(Boolean).join(' '),
        [account?.state, account?.country].filter(Boolean).join(', '),
      ].filter((line): line is string => Boolean(line)),
    },
    contact: contact ? { name: `${contact.firstName} ${contact.lastName}`, email: contact.email } : null,
    owner: { name: owner?.name ?? '', email: owner?.email ?? null },
  });
  return { fileName: `Quote ${quote.number}.pdf`, contentType: 'application/pdf', content: Buffer.from(content) };
}
