import type { PriceList, ProductPrice, ProductPricePage } from '../../../shared/contracts/price-lists.js';
import { money } from '../../lib/format.js';

/*
 * Channel pricing in words: what a deal's new line costs and why (its account's price list, or the
 * catalogue), and how a price list is named where an account shows it. Pure, so it is unit-tested.
 */

/** The price list that prices a deal, as `GET /opportunities/{id}/prices` names it (null: list prices). */
export type Pricing = ProductPricePage['priceList'];

/** "18", "12.5": a discount as people write it, without trailing zeros. */
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * A price list as an account shows it: its name and what it takes off the list price ("Dealer net · −18%"),
 * its currency when that is not the one deals are usually in, and whether it no longer prices anything.
 * The discount is written as the price lists' own pages write it (a true minus sign).
 */
export function priceListLabel(
  list: Pick<PriceList, 'name' | 'discountPercent'> & Partial<Pick<PriceList, 'currency' | 'active'>>,
  defaultCurrency?: string,
): string {
  const parts = [list.name];
  if (list.discountPercent > 0) parts.push(`\u2212${percentFormat.format(list.discountPercent)}%`);
  if (list.currency && defaultCurrency && list.currency !== defaultCurrency) parts.push(list.currency);
  return `${parts.join(' · ')}${list.active === false ? ' (inactive)' : ''}`;
}

/** The words for an account on no price list: its deals take the catalogue's list prices. */
export const LIST_PRICES = 'List prices';

/**
 * What a new line of a deal costs and where the price comes from, beside the unit price
 * ("Dealer net $15,725 (list $18,500)", "List price $1,200"). Null when the product has no price in the
 * deal's currency: `noPriceWarning` says that.
 */
export function priceHint(price: ProductPrice, pricing: Pricing): string | null {
  if (price.unitPrice === null) return null;
  const unit = money(price.unitPrice, price.currency);
  const list = money(price.listPrice, price.listCurrency);
  const name = pricing?.name ?? 'Price list';
  switch (price.source) {
    case 'fixed':
      return price.listCurrency === price.currency && price.listPrice === price.unitPrice
        ? `${name} ${unit} (the list price)`
        : `${name} ${unit} (fixed price; list ${list})`;
    case 'discount':
      return price.unitPrice === price.listPrice
        ? `${name} ${unit} (the list price)`
        : `${name} ${unit} (list ${list})`;
    default:
      return `List price ${unit}`;
  }
}

/**
 * A product the deal's price list and catalogue give no price in the deal's currency: say so, and what it
 * is listed at, so the user can type a price.
 */
export function noPriceWarning(price: Pick<ProductPrice, 'name' | 'listPrice' | 'listCurrency' | 'currency'>): string {
  return `${price.name} has no price in ${price.currency}: its list price is ${money(price.listPrice, price.listCurrency)}. Give its price in ${price.currency}.`;
}

/**
 * A picker option's price line: the deal's price, with the list price beside it when the deal's price list
 * changes it ("Dealer net $15,725 · list $18,500"); the list price alone otherwise; the product's list price
 * in its own currency when it has none in the deal's.
 */
export function optionPrice(price: ProductPrice, pricing: Pricing): string {
  const list = money(price.listPrice, price.listCurrency);
  if (price.unitPrice === null) return `${list} · no ${price.currency} price`;
  const unit = money(price.unitPrice, price.currency);
  if (price.source === 'list' || price.source === null) return unit;
  if (price.unitPrice === price.listPrice && price.currency === price.listCurrency)
    return `${pricing?.name ?? ''} ${unit}`.trim();
  return `${pricing?.name ?? 'Price list'} ${unit} · list ${list}`;
}
