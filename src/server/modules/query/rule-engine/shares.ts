import type { QueryEntity, QueryField, QueryFilter } from '../../../../shared/contracts/query.js';
import type { TextCursor } from './text-cursor.js';
import { enumWords } from './vocabulary.js';

/*
 * Questions about a share: the rates a sales team names (win rate, conversion rate…) and "what
 * percentage of … are …". The answer is a rate plan: the plan's filters choose the records measured
 * (closed deals, leads that came in this year), the rate's own conditions the part whose share is asked
 * (won, converted).
 */

/**
 * A share the question asks for; `of` and `base` are set by the named rates, else read from the filters.
 * `predicate` is what follows "are / were / that…" ("what percent of open tasks are high priority"): the
 * conditions named there are the share's.
 */
export type ShareIntent = { entity?: QueryEntity; of?: QueryFilter[]; base: QueryFilter[]; predicate?: string };

const status = (value: string): QueryFilter => ({ field: 'status', op: 'eq', value });
/** "rate" and its synonyms after the outcome word; `%` is no word character, hence no `\b` after it. */
const RATE = String.raw`\s*(?:rate|ratio|percentage|percent|share|%)(?!\w)`;

const NAMED_RATES: { pattern: RegExp; entity: QueryEntity; of: QueryFilter[]; base: QueryFilter[] }[] = [
  {
    pattern: new RegExp(String.raw`\b(?:win(?:ning)?|close|closing|hit|success)${RATE}|\bwin[- ]loss\s+ratio\b`),
    entity: 'opportunities',
    of: [status('won')],
    base: [status('closed')],
  },
  {
    pattern: new RegExp(String.raw`\blos(?:s|e|ing)${RATE}`),
    entity: 'opportunities',
    of: [status('lost')],
    base: [status('closed')],
  },
  {
    // "which source converts best": the conversion rate, ranked.
    pattern: new RegExp(
      String.raw`\b(?:lead[- ]to[- ](?:deal|opportunity|customer)\s+)?conver(?:sion|t|ting)${RATE}|\bconverts?(?=\s+(?:the\s+)?(?:best|worst)\b)`,
    ),
    entity: 'leads',
    of: [status('converted')],
    base: [],
  },
  {
    // "task completion rate": the share of tasks done, of all of them.
    pattern: new RegExp(String.raw`\b(?:tasks?\s+)?(?:completion|completed|done)${RATE}(?:\s+(?:of|for)\s+tasks)?`),
    entity: 'tasks',
    of: [status('completed')],
    base: [],
  },
  {
    pattern: new RegExp(String.raw`\bdisqualif(?:ication|ied|y)${RATE}`),
    entity: 'leads',
    of: [status('disqualified')],
    base: [],
  },
];

const SHARE_WORDS =
  /\b(?:what|which)?\s*(?:percent(?:age)?|proportion|fraction|share|ratio)\s+of\b|\bwhat\s+(?:percent(?:age)?|proportion|fraction|share)\b|\bhow many percent\b|(?<=\s|^)%\s+of\b/;

/** The share a question asks for, with its words consumed; undefined when it asks none. */
export function takeShare(cursor: TextCursor): ShareIntent | undefined {
  for (const rate of NAMED_RATES) {
    if (cursor.take(rate.pattern)) return { entity: rate.entity, of: rate.of, base: rate.base };
  }
  const share = cursor.take(SHARE_WORDS);
  if (!share) return undefined;
  const after = cursor.original.toLowerCase().slice(share.index + share[0].length);
  const copula = /\b(?:are|is|were|was|that|which|who|get|got|came|come|have|has|had)\b/.exec(after);
  return { base: [], ...(copula ? { predicate: after.slice(copula.index) } : {}) };
}

/**
 * The share's conditions, taken out of the question's filters, and the records it is measured over added
 * to them; before the period is placed, which then applies to the records measured.
 */
export function startShare(intent: ShareIntent, filters: QueryFilter[], entity: QueryEntity): QueryFilter[] {
  const of = intent.of ?? takeShareConditions(filters, entity, intent.predicate);
  addBase(filters, shareBase(intent, of, entity));
  return of;
}

/** After the period: a share of overdue tasks only has its condition once the period pass placed it. */
export function finishShare(
  intent: ShareIntent,
  started: QueryFilter[],
  filters: QueryFilter[],
  entity: QueryEntity,
): QueryFilter[] {
  if (started.length > 0) return started;
  const of = takeShareConditions(filters, entity, intent.predicate);
  addBase(filters, shareBase(intent, of, entity));
  return of;
}

/** Adds the base conditions on fields the question left open; a stage already says which deals. */
function addBase(filters: QueryFilter[], base: QueryFilter[]): void {
  for (const condition of base) {
    const chosen = (filter: QueryFilter) =>
      filter.field === condition.field || (condition.field === 'status' && filter.field === 'stage');
    if (!filters.some(chosen)) filters.push(condition);
  }
}

/**
 * The conditions whose share is asked, taken out of the question's filters: those named after "are /
 * that…", else the outcome (overdue tasks, deals at risk, a status), else a stage, else the one other enum condition
 * ("what share of leads come from referrals"). What is left chooses the records measured.
 */
function takeShareConditions(filters: QueryFilter[], entity: QueryEntity, predicate?: string): QueryFilter[] {
  const named = predicate ? filters.filter((filter) => namedIn(predicate, filter, entity)) : [];
  if (named.length > 0) return removeAll(filters, named);
  const order: QueryField[] =
    entity === 'tasks'
      ? ['overdue', 'status']
      : entity === 'opportunities'
        ? ['atRisk', 'status', 'stage']
        : ['status', 'stage'];
  for (const field of order) {
    const found = filters.filter((filter) => filter.field === field);
    if (found.length > 0) return removeAll(filters, found);
  }
  const enums = filters.filter((filter) => SHARE_FIELDS.has(filter.field));
  return enums.length === 1 ? removeAll(filters, enums) : [];
}

/** Fields a share can be of besides the outcomes: the kinds of a record. */
const SHARE_FIELDS = new Set<QueryField>([
  'source',
  'type',
  'priority',
  'role',
  'isPrimary',
  'approvalStatus',
  'accountType',
]);

/**
 * The records a share is measured over, besides what the question chose: won or lost deals are a share
 * of the closed ones (what a sales team means by "what percentage of my deals were won"), overdue tasks
 * a share of the pending ones.
 */
function shareBase(intent: ShareIntent, of: QueryFilter[], entity: QueryEntity): QueryFilter[] {
  if (intent.of) return intent.base;
  const outcome = of.find((filter) => filter.field === 'status' && filter.op === 'eq')?.value;
  if (entity === 'opportunities' && (outcome === 'won' || outcome === 'lost')) return [status('closed')];
  if (entity === 'tasks' && of.some((filter) => filter.field === 'overdue')) return [status('pending')];
  // Only open deals can be at risk: the share is of the open ones.
  if (entity === 'opportunities' && of.some((filter) => filter.field === 'atRisk')) return [status('open')];
  return [];
}

/** Whether the words of a condition appear in `text`: its enum word, or the words overdue and score words. */
function namedIn(text: string, filter: QueryFilter, entity: QueryEntity): boolean {
  if (filter.field === 'overdue') return /\b(overdue|past due|late)\b/.test(text);
  if (filter.field === 'atRisk') return /\b(at[- ]risk|risky|in danger|endangered|in jeopardy|in trouble)\b/.test(text);
  if (filter.field === 'score') return /\b(hot|warm|cold|scor(?:e|es|ing|ed))\b/.test(text);
  if (filter.field === 'accountType')
    return /\b(dealer|reseller|distributor|wholesaler|supplier|vendor|partner)s?\b/.test(text);
  const values = Array.isArray(filter.value) ? filter.value : [filter.value];
  return enumWords[entity].some(
    (word) => word.field === filter.field && values.includes(word.value) && word.pattern.test(text),
  );
}

function removeAll(filters: QueryFilter[], taken: QueryFilter[]): QueryFilter[] {
  for (const filter of taken) filters.splice(filters.indexOf(filter), 1);
  return taken;
}
