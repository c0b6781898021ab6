import type { QueryFilter } from '../../../../shared/contracts/query.js';
import type { TextCursor } from './text-cursor.js';

/*
 * Products named on their own: "snow blower deals", "deals for hydraulic pumps", "the pipeline for
 * zero-turn mowers". The names come from the deals themselves (query.repository.ts), so the engine knows
 * the catalogue it is asked about without a word list of its own; "interested in …" (record-filters.ts)
 * still reads a product the data does not name yet.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One product name as a pattern: singular or plural ("mower", "mowers"), a hyphen or a space between words. */
function productPattern(name: string): string {
  const words = name
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  const last = words.pop() ?? '';
  const stem = /[^aeiou]ies$/.test(last)
    ? `${escapeRegExp(last.slice(0, -3))}(?:y|ies)`
    : /[^aeiou]y$/.test(last)
      ? `${escapeRegExp(last.slice(0, -1))}(?:y|ies)`
      : /(?:ss|x|ch|sh)es$/.test(last)
        ? `${escapeRegExp(last.slice(0, -2))}(?:es)?`
        : /[^s]s$/.test(last)
          ? `${escapeRegExp(last.slice(0, -1))}s?`
          : `${escapeRegExp(last)}s?`;
  return [...words.map(escapeRegExp), stem].join('[\\s-]*');
}

type Catalogue = { pattern: RegExp; byKey: Map<string, string> };
const catalogues = new WeakMap<readonly string[], Catalogue>();

/** The products as one pattern (longest first, so "zero-turn mowers" wins over "mowers"), built once per list. */
function catalogueOf(products: readonly string[]): Catalogue | undefined {
  if (products.length === 0) return undefined;
  let catalogue = catalogues.get(products);
  if (!catalogue) {
    const sorted = [...products].sort((a, b) => b.length - a.length);
    catalogue = {
      pattern: new RegExp(`\\b(?:${sorted.map((name) => `(${productPattern(name)})`).join('|')})\\b`),
      byKey: new Map(sorted.map((name, index) => [String(index), name])),
    };
    catalogues.set(products, catalogue);
  }
  return catalogue;
}

/**
 * The product a question names, consumed, as a filter on the deals' product interest (its singular, so
 * both "snow blower" and "snow blowers" are found). A match that continues a capitalised name ("Green
 * Country Mower") is part of an account's name, not a product.
 */
export function takeProduct(cursor: TextCursor, products: readonly string[]): QueryFilter | undefined {
  const catalogue = catalogueOf(products);
  if (!catalogue) return undefined;
  const match = catalogue.pattern.exec(cursor.text);
  if (!match) return undefined;
  const before = cursor.original.slice(0, match.index).trimEnd();
  const previous = /(\S+)$/.exec(before)?.[1] ?? '';
  if (/^[A-Z]/.test(previous) && before.length > previous.length) return undefined;
  const index = match.slice(1).findIndex((group) => group !== undefined);
  const name = catalogue.byKey.get(String(index)) ?? match[0];
  // "interested in snow blowers": the words that say it is wanted go with the product.
  const wanting =
    /\b(?:interested in|interest in|looking (?:at|for)|asking (?:for|about)|wants?|wanting|includ(?:e|es|ing)|for the product)\s+(?:a\s+|an\s+|the\s+|some\s+)?$/.exec(
      cursor.text.slice(0, match.index),
    );
  cursor.consume(wanting ? wanting.index : match.index, match.index + match[0].length);
  return { field: 'productInterest', op: 'contains', value: name.toLowerCase().replace(/(?<=[^s])s$/, '') };
}
