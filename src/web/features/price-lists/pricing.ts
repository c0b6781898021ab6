import type { PriceSource, ProductPrice } from '../../../shared/contracts/price-lists.js';

const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "18%", "12.5%": a discount in words. */
export function percentText(discountPercent: number): string {
  return `${percentFormat.format(discountPercent)}%`;
}

/**
 * A list's discount as the catalogue shows it beside a price: "−18%", "−12.5%" (a true minus sign), and
 * "No discount" for 0, which is no reduction at all rather than "−0%".
 */
export function discountLabel(discountPercent: number): string {
  return discountPercent === 0 ? 'No discount' : `\u2212${percentText(discountPercent)}`;
}

/** "18% off list prices", "No discount off list prices": the list's rule in words, for its header and rows. */
export function discountRule(discountPercent: number): string {
  return discountPercent === 0 ? 'List prices' : `${percentText(discountPercent)} off list prices`;
}

/**
 * A list price less a discount, to the cent with halves away from zero, as the server's SQL `round(…, 2)`
 * prices it: what a product costs once its fixed price is taken off, shown before the server answers.
 */
export function discountedPrice(listPrice: number, discountPercent: number): number {
  // In whole ten-thousandths of a cent first, so 0.1 + 0.2 and the like do not tip a half the wrong way.
  const exact = Math.round(listPrice * (100 - discountPercent) * 1e4) / 1e6;
  return Math.sign(exact) * (Math.round(Math.abs(exact) * 100 + 1e-9) / 100);
}

/**
 * A product's price once its fixed price is removed: its discounted list price when it is listed in the
 * list's currency, else no price at all (one must be fixed for it).
 */
export function withoutFixedPrice(row: ProductPrice, discountPercent: number): ProductPrice {
  const sameCurrency = row.listCurrency === row.currency;
  return {
    ...row,
    unitPrice: sameCurrency ? discountedPrice(row.listPrice, discountPercent) : null,
    source: sameCurrency ? 'discount' : null,
  };
}

/** What the source filter offers, in the API's words (`source=fixed`). */
export const sourceOptions: { value: PriceSource; label: string }[] = [
  { value: 'fixed', label: 'Fixed prices' },
  { value: 'discount', label: 'Discounted' },
];

/** "3 accounts", "1 account", "No accounts". */
export function accountsCount(total: number): string {
  if (total === 0) return 'No accounts';
  return `${new Intl.NumberFormat('en-US').format(total)} ${total === 1 ? 'account' : 'accounts'}`;
}
