import { describe, expect, it } from 'vitest';
import type { ProductPrice } from '../../../shared/contracts/price-lists.js';
import type { Product } from '../../../shared/contracts/products.js';
import { draftLineFromPrice } from '../quotes/quote-math.js';
import { noPriceWarning, optionPrice, priceHint, priceListLabel } from './price-hints.js';

const dealerNet = { id: '00000000-0000-4000-8000-000000000009', name: 'Dealer net', discountPercent: 18 };

const price = (overrides: Partial<ProductPrice> = {}): ProductPrice => ({
  productId: '00000000-0000-4000-8000-000000000001',
  sku: 'BAL-1',
  name: 'Round baler',
  family: 'Balers',
  listPrice: 18_500,
  listCurrency: 'USD',
  unitPrice: 15_170,
  currency: 'USD',
  source: 'discount',
  ...overrides,
});

const product: Product = {
  id: '00000000-0000-4000-8000-000000000001',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  version: 1,
  sku: 'BAL-1',
  name: 'Round baler',
  family: 'Balers',
  description: 'Net wrap, 1.2 m bales',
  unitPrice: 18_500,
  currency: 'USD',
  active: true,
};

describe('a price list beside an account', () => {
  it('is named with what it takes off the list price', () => {
    expect(priceListLabel({ name: 'Dealer net', discountPercent: 18 })).toBe('Dealer net · −18%');
    expect(priceListLabel({ name: 'Distributor net', discountPercent: 12.5 })).toBe('Distributor net · −12.5%');
    expect(priceListLabel({ name: 'Key accounts', discountPercent: 0 })).toBe('Key accounts');
  });

  it('says its currency when deals are usually in another, and when it no longer prices anything', () => {
    const euro = { name: 'Dealer net EU', discountPercent: 18, currency: 'EUR', active: true };
    expect(priceListLabel(euro, 'USD')).toBe('Dealer net EU · −18% · EUR');
    expect(priceListLabel(euro, 'EUR')).toBe('Dealer net EU · −18%');
    expect(priceListLabel({ ...euro, active: false }, 'EUR')).toBe('Dealer net EU · −18% (inactive)');
  });
});

describe("a deal's price of a product", () => {
  it("names the account's price list and the list price it comes from", () => {
    expect(priceHint(price(), dealerNet)).toBe('Dealer net $15,170 (list $18,500)');
    expect(priceHint(price({ unitPrice: 15_725.5, source: 'fixed' }), dealerNet)).toBe(
      'Dealer net $15,725.50 (fixed price; list $18,500)',
    );
  });

  it('is the list price when no price list applies', () => {
    expect(priceHint(price({ unitPrice: 18_500, source: 'list' }), null)).toBe('List price $18,500');
  });

  it('is no price at all for a product listed in another currency only, which the user must price', () => {
    const foreign = price({ listPrice: 900, listCurrency: 'EUR', unitPrice: null, source: null });
    expect(priceHint(foreign, dealerNet)).toBeNull();
    expect(noPriceWarning(foreign)).toBe(
      'Round baler has no price in USD: its list price is €900. Give its price in USD.',
    );
    expect(optionPrice(foreign, dealerNet)).toBe('€900 · no USD price');
  });

  it("shows in a picker's option with the list price beside it", () => {
    expect(optionPrice(price(), dealerNet)).toBe('Dealer net $15,170 · list $18,500');
    expect(optionPrice(price({ unitPrice: 18_500, source: 'list' }), null)).toBe('$18,500');
  });
});

describe("a product added to a quote at its deal's price", () => {
  it("takes the account's price, and says where it comes from", () => {
    const line = draftLineFromPrice(product, { price: price(), currency: 'USD', priceList: dealerNet }, 'USD');
    expect(line).toMatchObject({
      unitPrice: 15_170,
      foreignListPrice: null,
      priceNote: 'Dealer net $15,170 (list $18,500)',
      description: 'Net wrap, 1.2 m bales',
    });
  });

  it('asks for a price when the deal has none for it', () => {
    const none = price({ listPrice: 900, listCurrency: 'EUR', unitPrice: null, source: null });
    const line = draftLineFromPrice(
      { ...product, unitPrice: 900, currency: 'EUR' },
      {
        price: none,
        currency: 'USD',
        priceList: dealerNet,
      },
      'USD',
    );
    expect(line).toMatchObject({ unitPrice: '', foreignListPrice: { amount: 900, currency: 'EUR' } });
  });

  it("takes the list price without the deal's answer, or with one in another currency than the quote's", () => {
    expect(draftLineFromPrice(product, undefined, 'USD')).toMatchObject({ unitPrice: 18_500, foreignListPrice: null });
    const inEuros = draftLineFromPrice(
      product,
      { price: price({ currency: 'EUR' }), currency: 'EUR', priceList: null },
      'USD',
    );
    expect(inEuros).toMatchObject({ unitPrice: 18_500 });
    expect(inEuros.priceNote).toBeUndefined();
  });
});
