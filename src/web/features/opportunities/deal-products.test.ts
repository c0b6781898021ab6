import { describe, expect, it, vi } from 'vitest';
import { type LineItem, lineTotal } from '../../../shared/contracts/products.js';

// The API client keeps its session in the browser's storage from the moment it loads: a bare one here.
vi.stubGlobal('window', { addEventListener: () => undefined, localStorage: { getItem: () => null } });
const { sumOfLines } = await import('./deal-products.js');

describe('a deal line in the browser', () => {
  it('comes to what the server works out: to the cent, after the discount', () => {
    expect(lineTotal({ quantity: 3, unitPrice: 1200, discountPercent: 10 })).toBe(3240);
    expect(lineTotal({ quantity: 1.5, unitPrice: 19.99, discountPercent: 12.5 })).toBe(26.24);
  });

  it('adds totals without floating-point dust', () => {
    const lines = [0.1, 0.2, 1234.56].map((total) => ({ total }) as LineItem);
    expect(sumOfLines(lines)).toBe(1234.86);
  });
});
