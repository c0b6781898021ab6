import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/contracts/products.js';
import type { Quote, QuoteLine } from '../../../shared/contracts/quotes.js';
import {
  changesOf,
  type DraftLine,
  daysUntil,
  draftLineFromProduct,
  draftLineTotal,
  draftOf,
  emptyFieldProblems,
  figure,
  hasChanges,
  localToday,
  totalsOf,
  validityNote,
} from './quote-math.js';

const line = (overrides: Partial<QuoteLine> = {}): QuoteLine => ({
  productId: '00000000-0000-4000-8000-000000000001',
  sku: 'BAL-1',
  name: 'Round baler',
  description: null,
  quantity: 3,
  unitPrice: 1200,
  discountPercent: 10,
  total: 3240,
  ...overrides,
});

const quote = (overrides: Partial<Quote> = {}): Quote => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  version: 1,
  number: 'Q-00042',
  title: 'Hay season',
  opportunityId: '00000000-0000-4000-8000-0000000000bb',
  accountId: '00000000-0000-4000-8000-0000000000cc',
  contactId: null,
  ownerId: '00000000-0000-4000-8000-0000000000dd',
  status: 'draft',
  currency: 'USD',
  validUntil: '2026-12-01',
  terms: 'Net 30',
  taxPercent: 0,
  lines: [line()],
  subtotal: 3600,
  discount: 360,
  net: 3240,
  tax: 0,
  total: 3240,
  sentAt: null,
  acceptedAt: null,
  rejectedAt: null,
  rejectionReason: null,
  ...overrides,
});

const draftLine = (overrides: Partial<DraftLine> = {}): DraftLine => ({
  key: 'k',
  productId: 'p',
  sku: 'S',
  name: 'N',
  description: null,
  quantity: 1,
  unitPrice: 100,
  discountPercent: 0,
  foreignListPrice: null,
  ...overrides,
});

describe('changesOf', () => {
  it('sends nothing for a draft as it was saved', () => {
    const saved = quote();
    expect(changesOf(saved, draftOf(saved))).toEqual({});
    expect(hasChanges(saved, draftOf(saved))).toBe(false);
  });

  it('sends only the fields that changed, the title trimmed and empty terms as none', () => {
    const saved = quote();
    const draft = { ...draftOf(saved), title: '  Hay season 2027 ', terms: '  ', taxPercent: 20 as const };
    expect(changesOf(saved, draft)).toEqual({ title: 'Hay season 2027', terms: null, taxPercent: 20 });
  });

  it('sends every line when one of them changed, as the API replaces them all', () => {
    const saved = quote({ lines: [line(), line({ productId: '00000000-0000-4000-8000-000000000002', sku: 'T' })] });
    const draft = draftOf(saved);
    const [first, second] = draft.lines;
    if (!first || !second) throw new Error('two lines expected');
    draft.lines = [{ ...first, quantity: 5 }, second];
    expect(changesOf(saved, draft).lines).toEqual([
      { productId: first.productId, quantity: 5, unitPrice: 1200, discountPercent: 10, description: null },
      { productId: second.productId, quantity: 3, unitPrice: 1200, discountPercent: 10, description: null },
    ]);
  });

  it('sends the lines when one was removed, and an empty discount as none', () => {
    const saved = quote();
    const [first] = draftOf(saved).lines;
    if (!first) throw new Error('a line expected');
    expect(changesOf(saved, { ...draftOf(saved), lines: [] }).lines).toEqual([]);
    expect(changesOf(saved, { ...draftOf(saved), lines: [{ ...first, discountPercent: '' }] }).lines).toEqual([
      { productId: first.productId, quantity: 3, unitPrice: 1200, discountPercent: 0, description: null },
    ]);
  });

  it('leaves out an empty price (the list price applies) and an empty quantity (for the check to refuse)', () => {
    const saved = quote({ lines: [] });
    const draft = { ...draftOf(saved), lines: [draftLine({ quantity: '', unitPrice: '' })] };
    expect(changesOf(saved, draft).lines).toEqual([{ productId: 'p', discountPercent: 0, description: null }]);
  });

  it('notices a contact chosen or cleared', () => {
    const saved = quote({ contactId: '00000000-0000-4000-8000-0000000000ee' });
    expect(changesOf(saved, { ...draftOf(saved), contactId: null })).toEqual({ contactId: null });
  });
});

describe('a new line from a product', () => {
  const product = (currency: string): Product => ({
    id: 'p1',
    createdAt: '',
    updatedAt: '',
    version: 1,
    sku: 'TED-1',
    name: 'Tedder',
    family: null,
    description: 'Four rotors',
    unitPrice: 750.25,
    currency,
    active: true,
  });

  it('takes one at the list price in the quote’s currency', () => {
    expect(draftLineFromProduct(product('USD'), 'USD')).toMatchObject({
      productId: 'p1',
      sku: 'TED-1',
      name: 'Tedder',
      description: 'Four rotors',
      quantity: 1,
      unitPrice: 750.25,
      discountPercent: 0,
    });
  });

  it('leaves the price to be given when the list price is in another currency', () => {
    expect(draftLineFromProduct(product('EUR'), 'USD')).toMatchObject({
      unitPrice: '',
      foreignListPrice: { amount: 750.25, currency: 'EUR' },
    });
    expect(draftLineFromProduct(product('USD'), 'USD').foreignListPrice).toBeNull();
  });

  it('gives every line its own key, so the same product twice stays two rows', () => {
    expect(draftLineFromProduct(product('USD'), 'USD').key).not.toBe(draftLineFromProduct(product('USD'), 'USD').key);
  });
});

describe('figures before saving', () => {
  it('works a line out as the server does, and not before quantity and price are given', () => {
    expect(draftLineTotal({ quantity: 3, unitPrice: 1200, discountPercent: 10 })).toBe(3240);
    expect(draftLineTotal({ quantity: 3, unitPrice: 19.99, discountPercent: '' })).toBe(59.97);
    expect(draftLineTotal({ quantity: '', unitPrice: 10, discountPercent: 0 })).toBeNull();
    expect(draftLineTotal({ quantity: 1, unitPrice: '', discountPercent: 0 })).toBeNull();
  });

  it('adds the lines in cents: subtotal, discount, net, tax on the net and total', () => {
    const lines = [
      draftLine({ quantity: 3, unitPrice: 1200, discountPercent: 10 }),
      draftLine({ quantity: 3, unitPrice: 0.1 }),
    ];
    expect(totalsOf(lines, 7.5)).toEqual({ subtotal: 3600.3, discount: 360, net: 3240.3, tax: 243.02, total: 3483.32 });
  });

  it('counts lines still missing a figure as nothing, and no tax as none', () => {
    expect(totalsOf([draftLine({ unitPrice: '' }), draftLine({ quantity: 2 })], '')).toEqual({
      subtotal: 200,
      discount: 0,
      net: 200,
      tax: 0,
      total: 200,
    });
    expect(totalsOf([], 20)).toEqual({ subtotal: 0, discount: 0, net: 0, tax: 0, total: 0 });
  });
});

describe('how long the offer stands', () => {
  it('counts calendar days, whatever the time zone', () => {
    expect(daysUntil('2026-12-01', '2026-11-29')).toBe(2);
    expect(daysUntil('2026-03-30', '2026-03-28')).toBe(2);
    expect(daysUntil('2026-11-28', '2026-11-29')).toBe(-1);
  });

  it('says it in words while the customer has not decided', () => {
    const sent = (validUntil: string) => ({ status: 'sent' as const, validUntil });
    expect(validityNote(sent('2026-12-09'), '2026-12-01')).toBe('valid 8 more days');
    expect(validityNote(sent('2026-12-02'), '2026-12-01')).toBe('valid until tomorrow');
    expect(validityNote(sent('2026-12-01'), '2026-12-01')).toBe('last day today');
    expect(validityNote(sent('2026-11-30'), '2026-12-01')).toBe('ran out yesterday');
    expect(validityNote({ status: 'expired', validUntil: '2026-11-20' }, '2026-12-01')).toBe('ran out 11 days ago');
  });

  it('says nothing once the customer has decided', () => {
    expect(validityNote({ status: 'accepted', validUntil: '2026-11-20' }, '2026-12-01')).toBeNull();
    expect(validityNote({ status: 'rejected', validUntil: '2026-12-20' }, '2026-12-01')).toBeNull();
  });

  it('takes today from the browser’s calendar', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('boxes left empty', () => {
  it('asks for each line’s quantity and price, and the last day of the offer', () => {
    const draft = {
      ...draftOf(quote()),
      validUntil: '',
      lines: [draftLine(), draftLine({ quantity: '', unitPrice: '' })],
    };
    expect(emptyFieldProblems(draft, 'EUR')).toEqual({
      validUntil: 'Give the last day the offer stands',
      'lines.1.quantity': 'How many? Such as 1',
      'lines.1.unitPrice': 'Give the price of one in EUR',
    });
    expect(emptyFieldProblems(draftOf(quote()), 'USD')).toEqual({});
  });
});

describe('what a number box holds', () => {
  it('reads numbers, and text halfway through typing one', () => {
    expect(figure(5)).toBe(5);
    expect(figure('5.')).toBe(5);
    expect(figure('1,200.5')).toBe(1200.5);
    expect(figure('')).toBeNull();
    expect(figure('-')).toBeNull();
  });

  it('sends what the text stands for', () => {
    const saved = quote();
    const [first] = draftOf(saved).lines;
    if (!first) throw new Error('a line expected');
    const draft = { ...draftOf(saved), taxPercent: '7.', lines: [{ ...first, quantity: '4.' }] };
    expect(changesOf(saved, draft)).toMatchObject({ taxPercent: 7, lines: [{ quantity: 4 }] });
    expect(totalsOf(draft.lines, draft.taxPercent).total).toBe(4622.4);
  });
});
