import { describe, expect, it } from 'vitest';
import type { ProductPrice } from '../../../shared/contracts/price-lists.js';
import { accountsCount, discountedPrice, discountLabel, discountRule, withoutFixedPrice } from './pricing.js';

describe('discountLabel', () => {
  it('writes the discount with a true minus sign and up to two decimals', () => {
    expect(discountLabel(18)).toBe('\u221218%');
    expect(discountLabel(12.5)).toBe('\u221212.5%');
    expect(discountLabel(33.33)).toBe('\u221233.33%');
  });
  it('says a list without a discount in words', () => {
    expect(discountLabel(0)).toBe('No discount');
    expect(discountRule(0)).toBe('List prices');
    expect(discountRule(30)).toBe('30% off list prices');
  });
});

describe('discountedPrice', () => {
  it('takes the discount off to the cent', () => {
    expect(discountedPrice(1200, 18)).toBe(984);
    expect(discountedPrice(1000, 30)).toBe(700);
    expect(discountedPrice(99.99, 12.5)).toBe(87.49);
  });
  it('rounds halves away from zero, as the server does', () => {
    // 0.05 × 0.9 = 0.045 → 0.05
    expect(discountedPrice(0.05, 10)).toBe(0.05);
    // 10.01 × 0.5 = 5.005 → 5.01
    expect(discountedPrice(10.01, 50)).toBe(5.01);
  });
  it('leaves the list price as it is without a discount, and nothing at 100%', () => {
    expect(discountedPrice(750.25, 0)).toBe(750.25);
    expect(discountedPrice(750.25, 100)).toBe(0);
  });
});

describe('withoutFixedPrice', () => {
  const row: ProductPrice = {
    productId: '00000000-0000-4000-8000-000000000001',
    sku: 'BAL-1',
    name: 'Round baler',
    family: 'Balers',
    listPrice: 1200,
    listCurrency: 'USD',
    unitPrice: 900,
    currency: 'USD',
    source: 'fixed',
  };
  it('goes back to the discounted list price in the same currency', () => {
    expect(withoutFixedPrice(row, 18)).toMatchObject({ unitPrice: 984, source: 'discount' });
  });
  it('has no price when the product is listed in another currency', () => {
    expect(withoutFixedPrice({ ...row, listCurrency: 'EUR' }, 18)).toMatchObject({ unitPrice: null, source: null });
  });
});

describe('accountsCount', () => {
  it('counts accounts in words', () => {
    expect(accountsCount(0)).toBe('No accounts');
    expect(accountsCount(1)).toBe('1 account');
    expect(accountsCount(1250)).toBe('1,250 accounts');
  });
});
