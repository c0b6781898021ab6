import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { findProductPrice, type Pricing, pricingOfAccount } from './price-lists.repository.js';

export { type Pricing, pricingOfAccount };

/**
 * The unit price a new line of a deal or quote takes when none is given: the account's price list, else
 * the catalogue's list price. A product with no price in the deal's currency needs one given.
 */
export async function defaultUnitPrice(
  db: Db,
  pricing: Pricing,
  product: { id: string; currency: string },
  path = 'unitPrice',
): Promise<number> {
  const price = await findProductPrice(db, pricing, product.id);
  if (price !== null) return price;
  throw new AppError(
    'invalid_request',
    `the product is priced in ${product.currency} and the deal is in ${pricing.currency}: give the unit price in ${pricing.currency}`,
    { errors: [{ path, message: `required: the list price is in ${product.currency}` }] },
  );
}
