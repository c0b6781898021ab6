import type { QueryEntity, QueryField, QueryFilter } from '../../../../shared/contracts/query.js';
import type { TextCursor } from './text-cursor.js';

/*
 * Numbers compared in a question: "over 50k", "more than $1M", "between 10k and 20k", "$250k+",
 * "score above 70", "probability of at least 60%", "more than 500 employees". The words around the
 * number decide the field; without any, the entity's money (or main number) field.
 */

const NUMBER = String.raw`(\d+(?:[.,]\d+)*)\s*(k|m|mm|mn|b|bn|thousand|million|billion|%|percent)?`;
const CURRENCY = String.raw`(?:\$|usd\s*|€|eur\s*|£|gbp\s*)?`;
const LEAD_IN = String.raw`(?:(?:worth|valued at|value(?:d)?|amount(?:ing)?(?: to)?|sized?|with (?:an? )?(?:amount|value|size)(?: of)?|of)\s+)?`;

const GREATER =
  'over|above|more than|greater than|bigger than|larger than|higher than|longer than|exceeding|in excess of|>';
const AT_LEAST = 'at least|min(?:imum)?(?: of)?|no less than|not less than|>=|starting at|from';
const LESS = 'under|below|less than|fewer than|smaller than|lower than|shorter than|beneath|<';
const AT_MOST = 'at most|max(?:imum)?(?: of)?|no more than|not more than|up to|<=';

const comparison = new RegExp(
  String.raw`(?<![\w])${LEAD_IN}(${GREATER}|${AT_LEAST}|${LESS}|${AT_MOST})\s*${CURRENCY}${NUMBER}(?![\w/-])`,
);
const between = new RegExp(
  String.raw`\b${LEAD_IN}(?:between|from)\s*${CURRENCY}${NUMBER}\s*(?:and|to|-)\s*${CURRENCY}${NUMBER}(?![\w/-])`,
);
/** "20-50k", "$20k-$50k": a range written with a dash; the upper end's scale is required, so dates are not ranges. */
const dashedRange = new RegExp(
  String.raw`(?<![\w-])${CURRENCY}${NUMBER}\s*-\s*${CURRENCY}(\d+(?:[.,]\d+)*)\s*(k|m|mm|mn|b|bn|thousand|million|billion)(?![\w/-])`,
);
const openEnded = new RegExp(
  String.raw`${LEAD_IN}${CURRENCY}\b${NUMBER}\s*(\+|or more|or above|or higher|and up|and above|plus|or less|or below|or under|and below)`,
);
const exactAmount = new RegExp(
  String.raw`\b(?:worth|valued at|of)\s+(?:exactly\s+)?(\$|usd\s*|€|£)\s*${NUMBER}(?![\w/-])`,
);

const SCALE: Record<string, number> = {
  k: 1_000,
  thousand: 1_000,
  m: 1_000_000,
  mm: 1_000_000,
  mn: 1_000_000,
  million: 1_000_000,
  b: 1_000_000_000,
  bn: 1_000_000_000,
  billion: 1_000_000_000,
};

function numberOf(digits: string, scale: string | undefined): number {
  // "1,000,000" and "1.5": a comma is a thousands separator, a dot with 1–2 decimals a decimal point.
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits) ? digits.replaceAll(',', '') : digits.replace(',', '.');
  return Number(plain) * (SCALE[scale ?? ''] ?? 1);
}

/** The field a number is about, from the words just before and after it. */
function fieldOf(
  entity: QueryEntity,
  before: string,
  after: string,
  unit: string | undefined,
  hasCurrency: boolean,
): QueryField | undefined {
  const near = before.slice(-40);
  if (/\bscor(?:e|es|ed|ing)\b|\brated\b/.test(near) && entity === 'leads') return 'score';
  if (/\b(budget|funding)\b/.test(near) && entity === 'leads') return 'budgetAmount';
  if (/\b(probability|chance|likelihood|odds|confidence)\b/.test(near) || (unit && /%|percent/.test(unit))) {
    return entity === 'leads' ? 'score' : entity === 'opportunities' ? 'probability' : undefined;
  }
  if (/^\s*(employees|staff|people|headcount|workers)\b/.test(after) || /\b(employees|headcount|staff)\b/.test(near)) {
    return entity === 'accounts' ? 'employees' : undefined;
  }
  if (/^\s*(minutes?|mins?|hours?|hrs?)\b/.test(after)) return entity === 'activities' ? 'durationMinutes' : undefined;
  if (/^\s*(days?|weeks?|months?|years?)\b/.test(after)) return undefined;
  if (/\bweighted\b/.test(near) && entity === 'opportunities') return 'weightedAmount';
  if (/\b(revenue|turnover)\b/.test(near) && entity === 'accounts') return 'annualRevenue';
  switch (entity) {
    case 'opportunities':
      return 'amount';
    case 'accounts':
      return 'annualRevenue';
    case 'leads':
      // A sum of money about a lead is its budget; a bare number its score.
      return hasCurrency || (unit !== undefined && SCALE[unit] !== undefined) ? 'budgetAmount' : 'score';
    default:
      return undefined;
  }
}

const isGreater = new RegExp(`^(?:${GREATER})$`);
const isAtLeast = new RegExp(`^(?:${AT_LEAST})$`);
const isLess = new RegExp(`^(?:${LESS})$`);

const opOf = (word: string): 'gt' | 'gte' | 'lt' | 'lte' => {
  if (isGreater.test(word)) return 'gt';
  if (isAtLeast.test(word)) return 'gte';
  if (isLess.test(word)) return 'lt';
  return 'lte';
};

const minutesOf = (value: number, after: string) => (/^\s*(hours?|hrs?)\b/.test(after) ? value * 60 : value);

/** Every numeric comparison in the question, consumed from the cursor. */
export function takeComparisons(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  const filters: QueryFilter[] = [];
  for (let guard = 0; guard < 5; guard += 1) {
    const filter = takeOne(cursor, entity);
    if (!filter) break;
    if (filter !== 'skipped') filters.push(filter);
  }
  return filters;
}

function takeOne(cursor: TextCursor, entity: QueryEntity): QueryFilter | 'skipped' | undefined {
  const text = cursor.text;
  const range = between.exec(text) ?? dashedRange.exec(text);
  if (range) {
    const end = range.index + range[0].length;
    const field = fieldOf(
      entity,
      text.slice(0, range.index + 8),
      text.slice(end),
      range[2] ?? range[4],
      /[$€£]/.test(range[0]),
    );
    cursor.consume(range.index, end);
    if (!field) return 'skipped';
    const low = minutesOf(numberOf(range[1] ?? '0', range[2] ?? range[4]), text.slice(end));
    const high = minutesOf(numberOf(range[3] ?? '0', range[4]), text.slice(end));
    return { field, op: 'between', value: [Math.min(low, high), Math.max(low, high)] };
  }
  const compared = comparison.exec(text);
  if (compared) {
    const end = compared.index + compared[0].length;
    const after = text.slice(end);
    const field = fieldOf(
      entity,
      text.slice(0, compared.index + compared[0].length - (compared[2]?.length ?? 0)),
      after,
      compared[3],
      /[$€£]|usd|eur|gbp/.test(compared[0]),
    );
    cursor.consume(compared.index, end);
    if (!field) return 'skipped';
    const word = (compared[1] ?? '').trim();
    // "from 10k" alone reads as "at least"; a trailing "to" would have been a between.
    return { field, op: opOf(word), value: minutesOf(numberOf(compared[2] ?? '0', compared[3]), after) };
  }
  const open = openEnded.exec(text);
  if (open) {
    const end = open.index + open[0].length;
    const hasCurrency = /[$€£]|usd|eur|gbp/.test(open[0]);
    if (!hasCurrency && !open[2] && Number(open[1]) < 10 && entity !== 'leads') return undefined;
    const field = fieldOf(entity, text.slice(0, open.index), text.slice(end), open[2], hasCurrency);
    cursor.consume(open.index, end);
    if (!field) return 'skipped';
    const below = /less|below|under/.test(open[3] ?? '');
    return { field, op: below ? 'lte' : 'gte', value: numberOf(open[1] ?? '0', open[2]) };
  }
  const exact = exactAmount.exec(text);
  if (exact) {
    const end = exact.index + exact[0].length;
    cursor.consume(exact.index, end);
    const field = fieldOf(entity, text.slice(0, exact.index), text.slice(end), exact[3], true);
    return field ? { field, op: 'eq', value: numberOf(exact[2] ?? '0', exact[3]) } : 'skipped';
  }
  return undefined;
}
