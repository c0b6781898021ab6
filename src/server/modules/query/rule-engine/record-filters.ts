import type { QueryEntity, QueryField, QueryFilter, QueryTimeRange } from '../../../../shared/contracts/query.js';
import { defaultTimeField, queryFields } from '../../../../shared/contracts/query.js';
import type { NamedPeople } from './names.js';
import type { TextCursor } from './text-cursor.js';
import { type Period, type TimeContext, todayIn } from './time-frames.js';
import { enumWords, JOB_TITLES, notANameWord } from './vocabulary.js';

/*
 * The conditions of a records question: people, names, titles, places, enum words (with negation),
 * lead temperature, and the period with the field it applies to, plus the defaults a sales team expects.
 */

/**
 * A period as a plan's time range. `rolling`: "the last 30 days" of a time (activities, when a lead came in,
 * when a deal was won) is the 30 × 24 hours up to now (`lastDays`), the window of the dashboard and the
 * activity summary, not 31 calendar days that include visits still planned for later today.
 */
export const timeRangeOf = (period: Period, field: QueryField, rolling = false): QueryTimeRange =>
  rolling && period.days
    ? { field, lastDays: period.days, label: period.label }
    : {
        field,
        ...(period.from ? { from: period.from } : {}),
        ...(period.to ? { to: period.to } : {}),
        label: period.label,
      };
/**
 * The field a person filter applies to: tasks are someone's by assignment (or by creation, when the
 * question says who created them), everything else by owner.
 */
function personField(entity: QueryEntity, creator: boolean): QueryField {
  if (entity !== 'tasks') return 'owner';
  return creator ? 'creator' : 'assignee';
}

const CREATING = '(?:created|added|set up|opened|raised|logged)';

/**
 * "tasks created by Ana", "how many tasks did Rob create", "tasks I created": the question is about who
 * created the tasks. A word before "created" only counts when it is "I", "we" or part of a colleague's name
 * ("tasks created this week" is about the date).
 */
export function asksForCreator(text: string, people: readonly { name: string }[]): boolean {
  if (new RegExp(String.raw`\b${CREATING} by\b`).test(text)) return true;
  if (/\b(?:did|has|have|had)\b.{1,40}?\b(?:create|add|set up|open|raise|log)\b/.test(text)) return true;
  const isNamePart = (word: string) => people.some((person) => person.name.toLowerCase().split(/\s+/).includes(word));
  for (const match of text.matchAll(new RegExp(String.raw`\b([a-z]+)(?:'s)?\s+${CREATING}\b`, 'g'))) {
    const word = match[1] ?? '';
    // The directory is only searched for a word that stands right before "created" (rare).
    if (word === 'i' || word === 'we' || isNamePart(word)) return true;
  }
  return false;
}

export function personFilters(entity: QueryEntity, people: NamedPeople, creator = false): QueryFilter[] {
  const field = personField(entity, creator);
  const names = [...(people.me ? ['me'] : []), ...people.names];
  if (people.unowned) return [{ field, op: 'isNull' }];
  if (names.length === 0) return [];
  if (names.length === 1) return [{ field, op: people.negated ? 'neq' : 'eq', value: names[0] ?? 'me' }];
  return [{ field, op: 'in', value: names }];
}

/** A name in a question means the account of the record, except for leads (their company) and accounts. */
export function nameFilter(entity: QueryEntity, name: string): QueryFilter {
  switch (entity) {
    case 'leads':
      return { field: 'company', op: 'contains', value: name };
    case 'accounts':
      return { field: 'name', op: 'contains', value: name };
    default:
      return { field: 'account', op: 'eq', value: name };
  }
}

/** Country names people type, with the ISO code accounts store (as typed when unknown, so both match). */
const COUNTRIES: Record<string, string> = {
  'united states': 'US',
  usa: 'US',
  us: 'US',
  america: 'US',
  canada: 'CA',
  mexico: 'MX',
  brazil: 'BR',
  argentina: 'AR',
  chile: 'CL',
  colombia: 'CO',
  peru: 'PE',
  'united kingdom': 'GB',
  uk: 'GB',
  britain: 'GB',
  ireland: 'IE',
  germany: 'DE',
  france: 'FR',
  spain: 'ES',
  portugal: 'PT',
  italy: 'IT',
  netherlands: 'NL',
  belgium: 'BE',
  austria: 'AT',
  switzerland: 'CH',
  poland: 'PL',
  sweden: 'SE',
  norway: 'NO',
  denmark: 'DK',
  finland: 'FI',
  japan: 'JP',
  china: 'CN',
  india: 'IN',
  australia: 'AU',
};

/** US states as people name them, with the postal code addresses usually store. */
const US_STATES: Record<string, string> = {
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  'new hampshire': 'NH',
  'new jersey': 'NJ',
  'new mexico': 'NM',
  'new york state': 'NY',
  'north carolina': 'NC',
  'north dakota': 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  'rhode island': 'RI',
  'south carolina': 'SC',
  'south dakota': 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  'west virginia': 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
};

/** The text field a record is named by. */
const nameField: Record<QueryEntity, QueryField> = {
  opportunities: 'name',
  leads: 'name',
  accounts: 'name',
  contacts: 'name',
  activities: 'subject',
  tasks: 'title',
  notes: 'body',
  quotes: 'title',
};

const TEXT_END = String.raw`(?=$|[?.,!]|\s(?:at|in|for|and|who|that|which|from|with|closing|owned|assigned|due|this|next|last|over|under|by)\b)`;
const NAMED = new RegExp(
  String.raw`\b(?:named|called|titled|with (?:the )?name|whose (?:name|title|subject) (?:is|contains|includes)|(?:name|title|subject) (?:contains|includes|like)|about)\s+"?([\w&.'-]+(?: [\w&.'-]+){0,4}?)"?${TEXT_END}`,
);
const JOB_TITLE = new RegExp(
  String.raw`\b(?:with (?:the )?(?:job )?title|(?:job )?title(?: of| is)?)\s+"?([\w&.'-]+(?: [\w&.'-]+){0,3}?)"?${TEXT_END}`,
);

const PARENT =
  /\b(?:(?:child(?:ren)?|sub-?accounts?|subsidiaries|branches|locations)\s+(?:accounts?\s+)?(?:of|under)|(?<=\b(?:accounts?|dealers?|distributors?|customers?|companies)\s+)(?:under|below|beneath))\s+(?:the\s+)?([a-z0-9][^?!]{1,80}?)\s*[?!.]?\s*$/;

/** "dealers supplied by Lone Star", "which dealers does Lone Star supply": the distributor above them. */
const SUPPLIED =
  /\b(?:(?:supplied|served|serviced|stocked)\s+by|(?:does|do)(?=\s+(?:the\s+)?[a-z0-9][^?!]{1,80}?\s+(?:supply|serve|service|stock)\s*[?!.]?\s*$))\s+(?:the\s+)?([a-z0-9][^?!]{1,80}?)(?:\s+(?:supply|serve|service|stock))?\s*[?!.]?\s*$/;

/** Whether the question ends in the account other accounts sit under, read whole by `parentFilters`. */
export const namesParent = (text: string): boolean => PARENT.test(text) || SUPPLIED.test(text);

/** "child accounts of Heartland", "dealers under Lone Star": accounts by the account they sit under. */
export function parentFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  if (entity !== 'accounts') return [];
  const match = cursor.take(PARENT, false) ?? cursor.take(SUPPLIED, false);
  if (!match?.[1]) return [];
  const name = typedText(cursor, match, match[1]);
  cursor.consume(match.index, match.index + match[0].length);
  return [{ field: 'parent', op: 'eq', value: name }];
}

/** "named Smith", "called Renewal", "with title CFO": a substring of the record's name or title. */
export function textFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  const filters: QueryFilter[] = [];
  if (entity === 'contacts') {
    const title = cursor.take(JOB_TITLE);
    if (title?.[1]) filters.push({ field: 'title', op: 'contains', value: typedText(cursor, title, title[1]) });
    // "CEOs at my accounts": the title named as the kind of contact, singular ("ceo" is in "CEO & Owner").
    const named = title ? null : cursor.take(new RegExp(String.raw`\b${JOB_TITLES}\b`));
    if (named) filters.push({ field: 'title', op: 'contains', value: named[0].replace(/s$/, '') });
  }
  // "about" names a record's subject only for activities and tasks; elsewhere it introduces an account.
  const named = cursor.take(NAMED, false);
  if (named?.[1] && (!named[0].startsWith('about') || entity === 'activities' || entity === 'tasks')) {
    cursor.consume(named.index, named.index + named[0].length);
    filters.push({ field: nameField[entity], op: 'contains', value: typedText(cursor, named, named[1]) });
  }
  return filters;
}

const ACCOUNT_KINDS: Record<string, string> = {
  dealer: 'dealer',
  reseller: 'dealer',
  distributor: 'distributor',
  wholesaler: 'distributor',
  supplier: 'supplier',
  vendor: 'supplier',
  partner: 'partner',
};
const ACCOUNT_KIND = '(dealer|reseller|distributor|wholesaler|supplier|vendor|partner)s?';

/** The stored account type a kind word names ("dealers", "vendor"), if it names one. */
export const accountKindOf = (word: string): string | undefined => ACCOUNT_KINDS[word.replace(/s$/, '')];

/**
 * The kind of account a deal, contact, activity or task hangs off: "deals with dealers", "dealer deals",
 * "contacts at distributors", "visits to our dealers". "Customers" stays generic ("customers we visited"
 * are any accounts), and so does a kind word that names the records themselves ("dealers in Texas").
 */
export function accountTypeFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  if (entity === 'accounts' || entity === 'leads') return [];
  const match =
    cursor.take(
      new RegExp(
        String.raw`(\bnot\s+)?\b(?:at|for|with|of|from|to|on|by|across)\s+(?:(?:our|my|the|their|all|any|a|an)\s+)?${ACCOUNT_KIND}(?!['’]s)\b`,
      ),
    ) ??
    cursor.take(
      new RegExp(
        // Not the last word of a name ("Great Lakes Power Equipment Distributors deals").
        String.raw`(?<=(?:^|[,(]|\b(?:my|our|the|all|any|of|for|list|show|me|many|much|open|new|total|top|\d+))\s*)\b${ACCOUNT_KIND}\s+(?=(?:deals?|opportunit(?:y|ies)|opps?|pipeline|contacts?|visits?|calls?|meetings?|activit(?:y|ies)|tasks?|follow[- ]?ups?)\b)`,
      ),
    );
  const word = match?.[2] ?? match?.[1];
  const kind = word ? ACCOUNT_KINDS[word] : undefined;
  if (!match || !kind) return [];
  // "deals that are not with dealers"
  const negated = match.length > 2 && match[1] !== undefined;
  return [{ field: 'accountType', op: negated ? 'neq' : 'eq', value: kind }];
}

const MISSING_WORDS: Record<string, QueryField> = {
  email: 'email',
  'e-mail': 'email',
  phone: 'phone',
  'phone number': 'phone',
  mobile: 'phone',
  telephone: 'phone',
  title: 'title',
  industry: 'industry',
  city: 'city',
  country: 'country',
  company: 'company',
  'annual revenue': 'annualRevenue',
  revenue: 'annualRevenue',
  'loss reason': 'lossReason',
  'due date': 'dueAt',
  deadline: 'dueAt',
  'decision date': 'decisionDate',
  'close date': 'closeDate',
  'budget amount': 'budgetAmount',
};

/** "contacts without an email", "accounts with no industry": the field is empty. */
/** Accounts by their deals: "with no deals", "without open deals", "with open opportunities". */
export function dealCountFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  if (entity !== 'accounts') return [];
  const DEALS = '(open\\s+|active\\s+)?(?:deals?|opportunit(?:y|ies)|opps?)\\b';
  const none = cursor.take(
    new RegExp(`\\b(?:with\\s+no|without(?:\\s+any)?|that\\s+have\\s+no|having\\s+no|with\\s+zero|no)\\s+${DEALS}`),
  );
  if (none) return [{ field: none[1] ? 'openDeals' : 'deals', op: 'eq', value: 0 }];
  const some = cursor.take(
    new RegExp(
      `\\b(?:with|(?:that\\s+)?(?:have|has)|having)\\s+(?:any\\s+)?${DEALS}(?!\\s+(?:over|above|under|of|worth))`,
    ),
  );
  if (some) return [{ field: some[1] ? 'openDeals' : 'deals', op: 'gt', value: 0 }];
  return [];
}

const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10 };

/**
 * Accounts by how many deals they have: "with more than 2 open deals", "with at least 3 opportunities",
 * "with 5 or more deals". Read before the numbers pass, which would take "more than 2" for revenue.
 */
export function dealCountComparisons(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  if (entity !== 'accounts') return [];
  const match = cursor.take(
    /\b(?:with|having|that\s+have|that\s+has|has|have)\s+(more than|over|at least|fewer than|less than|under|exactly)?\s*(\d{1,4}|one|two|three|four|five|ten)\s+(or more\s+|or fewer\s+|or less\s+)?(open\s+|active\s+)?(?:deals?|opportunit(?:y|ies)|opps?)\b/,
  );
  if (!match?.[2]) return [];
  const count = COUNT_WORDS[match[2]] ?? Number(match[2]);
  const word = match[1] ?? '';
  const tail = match[3] ?? '';
  const op: QueryFilter['op'] = /more|over/.test(word)
    ? 'gt'
    : /at least/.test(word) || /more/.test(tail)
      ? 'gte'
      : /fewer|less|under/.test(word)
        ? 'lt'
        : /fewer|less/.test(tail)
          ? 'lte'
          : 'eq';
  return [{ field: match[4] ? 'openDeals' : 'deals', op, value: count }];
}

export function missingFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  // "contacts with phone numbers", "leads with an email": the field is filled in.
  const present = cursor.take(
    /\bwith\s+(?:an?\s+|their\s+)?(e-?mail|phone number|phone|mobile)(?:s|\s+address(?:es)?)?\b/,
    false,
  );
  const presentField = present ? MISSING_WORDS[present[1] ?? ''] : undefined;
  if (present && presentField && queryFields[entity][presentField]) {
    cursor.consume(present.index, present.index + present[0].length);
    return [{ field: presentField, op: 'isNotNull' }];
  }
  const match = cursor.take(
    /\b(?:without|with no|missing|lacking|no)\s+(?:an?\s+|any\s+)?(e-?mail|phone number|phone|mobile|telephone|title|industry|city|country|company|annual revenue|revenue|loss reason|due date|deadline|decision date|close date|budget amount)(?:\s+address)?\b/,
    false,
  );
  const field = match ? MISSING_WORDS[match[1] ?? ''] : undefined;
  if (!match || !field || !queryFields[entity][field]) return [];
  cursor.consume(match.index, match.index + match[0].length);
  return [{ field, op: 'isNull' }];
}

/** The words of a match as the asker typed them (casing kept). */
function typedText(cursor: TextCursor, match: RegExpExecArray, words: string): string {
  const start = match.index + match[0].lastIndexOf(words);
  return cursor.originalOf(start, start + words.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A territory named in the question, as the directory spells it: "the pipeline in Great Lakes", "deals
 * for Texas & Oklahoma", "Great Lakes leads". The name must stand on its own (the end of the question, a
 * comma, or a word such as "this", "closing", "by", "deals" after it), so "Great Lakes Power" is left to
 * be an account.
 */
export function takeTerritoryName(cursor: TextCursor, territories: readonly string[]): string | undefined {
  if (territories.length === 0) return undefined;
  const names = [...territories].sort((a, b) => b.length - a.length);
  const alternatives = names.map((name) => escapeRegExp(name.toLowerCase())).join('|');
  const match = new RegExp(
    `(?:^\\s*|\\b(?:in|for|from|across|within|of|at)\\s+)(?:the\\s+)?(${alternatives})(?:\\s+(?:territory|region|area))?(?=\\s*$|\\s*[?.!,;:]|\\s+(?:and|or|this|next|last|by|closing|close|due|with|over|under|above|below|for|in|that|which|who|pipeline|forecast|deals?|opportunit(?:y|ies)|opps?|leads?|accounts?|customers?|sorted|grouped|per|each)\\b)`,
  ).exec(cursor.text);
  if (!match?.[1]) return undefined;
  cursor.consume(match.index, match.index + match[0].length);
  return names.find((name) => name.toLowerCase() === match[1]);
}

const PLACE =
  /\b(?:in|from|based in|located in)\s+([a-z][a-z .'-]{1,30}?)(?=\s*(?:$|[?.,!]|\s(?:with|that|which|who|where|and|over|above|under|owned|by|sorted|order|have|has|having|without|are|is|closing|this|next|last)\b|\s{2}))/;

/**
 * The place named after "in" ("in Texas", "in germany", "in Berlin"), not consumed: a country or US state
 * as its filter, anything else as a city (`region` false).
 */
function placeNamed(
  cursor: TextCursor,
): { filter: QueryFilter; region: boolean; start: number; end: number } | undefined {
  const place = PLACE.exec(cursor.text);
  if (!place?.[1]) return undefined;
  const name = place[1].trim();
  const start = place.index + place[0].length - place[1].length;
  const typed = cursor.originalOf(start, start + name.length);
  const bare = name.replace(/^the\s+/, '');
  const country = COUNTRIES[bare];
  // A state's postal code counts when typed as one ("in TX"): "in or", "in me" are words.
  const state = US_STATES[bare] ?? (/^[A-Z]{2}$/.test(typed) ? STATE_CODES.get(typed) : undefined);
  const filter: QueryFilter = country
    ? { field: 'country', op: 'in', value: [typed, country] }
    : state
      ? { field: 'state', op: 'in', value: [...new Set([typed, state])] }
      : { field: 'city', op: 'eq', value: typed };
  return { filter, region: Boolean(country ?? state), start: place.index, end: place.index + place[0].length };
}

/** A country or US state named after "in", not consumed. */
export function regionNamed(cursor: TextCursor): { filter: QueryFilter; start: number; end: number } | undefined {
  const place = placeNamed(cursor);
  return place?.region ? place : undefined;
}

const STATE_CODES = new Map(Object.values(US_STATES).map((code) => [code, code]));

/** Accounts in a place, territory or industry: "in Germany", "in the North territory", "in retail". */
export function placeFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  const filters: QueryFilter[] = [];
  // Only records with a territory take one (their account's for deals, contacts, activities and tasks).
  const hasTerritory = queryFields[entity].territory !== undefined;
  const territory = cursor.take(
    /\b(?:in|from|of)\s+(?:the\s+)?([a-z][\w -]{1,40}?)\s+(?:territory|region)\b|\bterritory\s+([a-z][\w-]{1,40})\b/,
    hasTerritory,
  );
  if (territory && hasTerritory) {
    const name = (territory[1] ?? territory[2] ?? '').trim();
    const start = cursor.original.toLowerCase().indexOf(name, territory.index);
    filters.push({ field: 'territory', op: 'eq', value: cursor.originalOf(start, start + name.length) });
  }
  if (entity !== 'accounts') {
    // Deals, contacts, activities and tasks are where their account is, leads where they say they are. A
    // country or a state reads as a place; so does a city of the account when typed with a capital ("deals
    // in Milwaukee", "contacts in Austin"), as "deals in negotiation" and "in play" are not places.
    const place = placeNamed(cursor);
    const typed = place ? cursor.originalOf(place.start, place.end) : '';
    const capitalised = /^[A-Z]/.test(typed.replace(/^\S+\s+/, ''));
    // "Deals in Negotiation", "Tasks In Progress": a stage or status, capitals or not.
    const namesAStatus = enumWords[entity].some((word) => word.pattern.test(typed.toLowerCase()));
    if (place && (place.region || (entity !== 'leads' && capitalised && !namesAStatus))) {
      cursor.consume(place.start, place.end);
      filters.push(place.filter);
    }
    return filters;
  }
  if (entity !== 'accounts') return filters;
  const industry = cursor.take(/\b(?:in|from)\s+(?:the\s+)?([a-z][a-z &-]{1,30}?)\s+(?:industry|sector)\b/);
  if (industry?.[1]) filters.push({ field: 'industry', op: 'contains', value: industry[1].trim() });
  const place = placeNamed(cursor);
  if (place) {
    cursor.consume(place.start, place.end);
    filters.push(place.filter);
  }
  return filters;
}

/** "not converted", "haven't closed", "non-referral": the enum word right after it is negated. */
const NEGATION =
  /\b(?:not|never|no longer|isn't|aren't|haven't|hasn't|weren't|wasn't|n't|non|except|excluding|other than)\s*-?\s*(?:yet\s+|been\s+|be\s+|in\s+|from\s+)?$/;

const OPEN_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'];
const STAGE_WORD = '(prospecting|qualification|proposal|negotiation)';

/**
 * Stages named as a stretch of the pipeline: "late stage" (proposal on), "early stage", "proposal or
 * later", "at least qualification", "past proposal".
 */
function stageStretch(cursor: TextCursor): QueryFilter | undefined {
  const from = (stage: string, inclusive: boolean) =>
    OPEN_STAGES.slice(OPEN_STAGES.indexOf(stage) + (inclusive ? 0 : 1));
  let stages: string[] | undefined;
  if (cursor.take(/\b(?:late|later|advanced|final)[- ]stages?\b/)) stages = ['proposal', 'negotiation'];
  else if (cursor.take(/\bearly[- ]stages?\b/)) stages = ['prospecting', 'qualification'];
  else {
    const orLater = cursor.take(
      new RegExp(
        `\\b${STAGE_WORD}(?:\\s+stage)?\\s+(?:or|and|&)\\s+(?:later|beyond|above|further|higher|up|after|on)\\b`,
      ),
    );
    const atLeast = orLater ?? cursor.take(new RegExp(`\\b(?:at least|from)\\s+(?:the\\s+)?${STAGE_WORD}\\b`));
    const past = atLeast ? null : cursor.take(new RegExp(`\\b(?:past|beyond|after)\\s+(?:the\\s+)?${STAGE_WORD}\\b`));
    const match = atLeast ?? past;
    if (match?.[1]) stages = from(match[1], Boolean(atLeast));
  }
  if (!stages || stages.length === 0) return undefined;
  return stages.length === 1
    ? { field: 'stage', op: 'eq', value: stages[0] ?? '' }
    : { field: 'stage', op: 'in', value: stages };
}

/** "lost to a competitor", "lost because of price", "lost on timing": the loss reason, by its stem. */
function lossReasonWords(cursor: TextCursor): QueryFilter | undefined {
  const match = cursor.take(
    /\b(?:lost|lose|losses?|losing)\s+(?:(?:deals?|opps?|opportunities|them|it)\s+)?(?:to|because of|due to|on|over|for)\s+(?:a\s+|an\s+|the\s+|our\s+)?(competitors?|competition|pric(?:e|es|ing)|budgets?|timing|features?|funding|support|quality|delivery)(?:\s+(?:cuts?|issues?|concerns?|reasons?|problems?))?\b/,
  );
  if (!match?.[1]) return undefined;
  const stem = match[1].startsWith('compet') ? 'compet' : match[1].replace(/(?:ing|es|s|e)$/, '');
  // "lost" says the status as well: it goes back for the enum pass.
  const lost = match[0].split(' ')[0] ?? '';
  cursor.text = cursor.text.slice(0, match.index) + lost + cursor.text.slice(match.index + lost.length);
  return { field: 'lossReason', op: 'contains', value: stem };
}

/** Up to three words after `start` that are not the plan's vocabulary: a competitor's or a product's name. */
function phraseFrom(cursor: TextCursor, start: number): { text: string; end: number } | undefined {
  const words: string[] = [];
  let end = start;
  for (const match of cursor.text.slice(start).matchAll(/\S+/g)) {
    const word = match[0].replace(/[?.,!]+$/, '');
    if (match.index !== undefined && start + match.index > end + 1 && words.length > 0) break;
    // A capitalised word continues a name ("Kessler Tractor Works") even if it is one of the plan's words.
    const typed = cursor.originalOf(start + (match.index ?? 0), start + (match.index ?? 0) + word.length);
    const inName = words.length > 0 && /^[A-Z]/.test(typed);
    if (!word || (notANameWord.has(word) && !inName) || words.length === 3) break;
    words.push(word);
    end = start + (match.index ?? 0) + word.length;
  }
  if (words.length === 0) return undefined;
  return { text: cursor.originalOf(start, end), end };
}

/**
 * What the deal is up against and what the buyer wants: "lost to Orion Outdoor", "competing with Deere",
 * "interested in snow blowers" (a plural's last "s" dropped, so "snow blower" matches too).
 */
function competitionWords(cursor: TextCursor): QueryFilter[] {
  const filters: QueryFilter[] = [];
  const lostTo = /\b(lost|lose|losing)\s+(?:(?:deals?|opps?|opportunities)\s+)?to\s+(?:the\s+)?(?=[a-z0-9])/.exec(
    cursor.text,
  );
  const against =
    /\b(?:compet(?:e|es|ing)\s+(?:with|against)|up against|against|with\s+(?:the\s+)?competitor|competitor)\s+(?:the\s+)?(?=[a-z0-9])/.exec(
      cursor.text,
    );
  // "deals where Greenfield Machinery is competing": the competitor named before the verb.
  const competing = cursor.take(
    /\b(?:where|with)\s+(?:the\s+)?([a-z0-9][\w&.'-]*(?:\s+[a-z0-9][\w&.'-]*){0,3}?)\s+(?:is|are)\s+(?:also\s+)?(?:competing|bidding|in the (?:mix|running))\b/,
    false,
  );
  if (competing?.[1] && !competing[1].split(/\s+/).some((word) => notANameWord.has(word))) {
    const start = competing.index + competing[0].indexOf(competing[1], competing[0].indexOf(' '));
    filters.push({ field: 'competitor', op: 'contains', value: cursor.originalOf(start, start + competing[1].length) });
    cursor.consume(competing.index, competing.index + competing[0].length);
  }
  for (const lead of [lostTo, against]) {
    if (!lead) continue;
    const phrase = phraseFrom(cursor, lead.index + lead[0].length);
    if (!phrase) continue;
    // "lost" still says the status: only the words after it are consumed.
    cursor.consume(lead[1] ? lead.index + lead[1].length : lead.index, phrase.end);
    filters.push({ field: 'competitor', op: 'contains', value: phrase.text });
  }
  const wants =
    /\b(?:interested in|interest in|looking (?:at|for)|asking (?:for|about)|wants?|wanting|includ(?:e|es|ing)|that include|for the product)\s+(?:a\s+|an\s+|the\s+|some\s+)?(?=[a-z0-9])/.exec(
      cursor.text,
    );
  const product = wants ? phraseFrom(cursor, wants.index + wants[0].length) : undefined;
  if (wants && product) {
    cursor.consume(wants.index, product.end);
    filters.push({ field: 'productInterest', op: 'contains', value: product.text.replace(/s$/i, '') });
  }
  return filters;
}

/**
 * "deals at risk", "at-risk deals", "risky opportunities", "the pipeline at risk": open deals past their
 * close date or left without activity (the `atRisk` field says how long); "not at risk" is the others.
 */
export function riskFilters(cursor: TextCursor): QueryFilter[] {
  const match = cursor.take(
    /(\b(?:not|no longer|isn't|aren't|never)\s+)?\b(?:at[- ]risk|risky|in danger|endangered|in jeopardy|in trouble)\b/,
  );
  return match ? [{ field: 'atRisk', op: 'eq', value: match[1] === undefined }] : [];
}

export function enumFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  if (entity === 'opportunities') {
    const leading = [
      stageStretch(cursor),
      lossReasonWords(cursor),
      ...riskFilters(cursor),
      ...competitionWords(cursor),
    ].filter((filter): filter is QueryFilter => filter !== undefined);
    return [...leading, ...wordFilters(cursor, entity)];
  }
  return wordFilters(cursor, entity);
}

function wordFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  const byField = new Map<QueryField, string[]>();
  const negated = new Set<QueryField>();
  for (const word of enumWords[entity]) {
    const match = word.pattern.exec(cursor.text);
    if (!match) continue;
    // "deals in the pipeline" is open, "open deals" too: one value per word.
    cursor.consume(match.index, match.index + match[0].length);
    const negation = NEGATION.exec(cursor.text.slice(0, match.index));
    if (negation) {
      negated.add(word.field);
      // Read: a "not" left over would refuse the question (unread-words.ts).
      cursor.consume(negation.index, match.index);
    }
    const values = byField.get(word.field) ?? [];
    if (!values.includes(word.value)) values.push(word.value);
    byField.set(word.field, values);
    // The same value said twice ("revenue we booked", "won deals we won") is one condition, both read.
    for (let again = word.pattern.exec(cursor.text); again; again = word.pattern.exec(cursor.text)) {
      if (NEGATION.test(cursor.text.slice(0, again.index))) break;
      cursor.consume(again.index, again.index + again[0].length);
    }
  }
  const filters: QueryFilter[] = [];
  for (const [field, values] of byField) {
    if (field === 'isPrimary' || field === 'pinned' || field === 'visitDue') {
      filters.push({ field, op: 'eq', value: true });
      continue;
    }
    const kept = field === 'status' ? strongestStatus(entity, values) : values;
    if (negated.has(field) && kept.length === 1) filters.push({ field, op: 'neq', value: kept[0] ?? '' });
    else if (kept.length === 1) filters.push({ field, op: 'eq', value: kept[0] ?? '' });
    else filters.push({ field, op: 'in', value: kept });
  }
  return filters;
}

/** "open won deals" is not a thing: a specific status wins over the generic open/pending. */
function strongestStatus(entity: QueryEntity, values: string[]): string[] {
  const generic = entity === 'tasks' ? 'pending' : 'open';
  const specific = values.filter((value) => value !== generic);
  if (entity === 'activities' && specific.includes('completed') && specific.includes('planned')) return ['completed'];
  return specific.length > 0 ? specific : values;
}

/** "hot leads" and friends; "not hot", "aren't cold" (or "arent") and "non-hot" turn the band around. */
export function scoreWords(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  if (entity !== 'leads') return [];
  const NOT = "(?:(\\bnot|\\bnon|\\b(?:aren|isn|wasn|weren|don|doesn)'?t)[- ]?\\s*(?:that\\s+|very\\s+|so\\s+)?)?";
  const band = (pattern: string) => cursor.take(new RegExp(`${NOT}(?:${pattern})`));
  const high = band(
    '\\b(?:hot|hottest)\\b|\\b(?:high|good|strong|great|top)[- ]scor(?:e|es|ing|ed)\\b|\\bhigh(?:ly)?[- ]rated\\b',
  );
  if (high) return [high[1] ? { field: 'score', op: 'lt', value: 70 } : { field: 'score', op: 'gte', value: 70 }];
  const low = band('\\b(?:low|poor|weak)[- ]scor(?:e|es|ing|ed)\\b|\\bcold\\b(?![- ]?call)');
  if (low) return [low[1] ? { field: 'score', op: 'gte', value: 40 } : { field: 'score', op: 'lt', value: 40 }];
  const warm = band('\\bwarm\\b');
  if (warm) return [{ field: 'score', op: 'between', value: [40, 69] }];
  return [];
}

const BANT_CONFIRMED =
  '(?:confirmed|approved|in place|secured|available|identified|known|engaged|involved|set|agreed|established|checked|ticked)';

/** Each BANT switch: the words that say it is on, and the words that say it is not. */
const BANT_WORDS: { field: QueryField; noun: string; yes: RegExp; no: RegExp }[] = [
  {
    field: 'budget',
    noun: '(?:budget|funding)',
    yes: new RegExp(
      `\\b(?:budget|funding)\\s+(?:is\\s+|was\\s+)?${BANT_CONFIRMED}\\b|\\b(?:confirmed|approved|secured)\\s+(?:budget|funding)\\b|\\b(?:with|has|have|having|got)\\s+(?:a\\s+|the\\s+)?(?:budget|funding)\\b(?!\\s+(?:over|above|under|below|of|more|less|greater|>|<))`,
    ),
    no: /\b(?:no|without|missing|lacking|lack of)\s+(?:a\s+|confirmed\s+)?(?:budget|funding)\b|\bbudget\s+(?:not\s+(?:yet\s+)?confirmed|unconfirmed|unknown)\b/,
  },
  {
    field: 'authority',
    noun: '(?:authority|decision[- ]?makers?|economic buyers?)',
    yes: new RegExp(
      `\\b(?:authority|decision[- ]?makers?|economic buyers?)\\s+(?:is\\s+|was\\s+)?${BANT_CONFIRMED}\\b|\\b(?:with|has|have|having)\\s+(?:the\\s+)?(?:authority|decision[- ]?maker)\\b`,
    ),
    no: /\b(?:no|without|missing|lacking)\s+(?:the\s+|a\s+)?(?:authority|decision[- ]?makers?)\b/,
  },
  {
    field: 'need',
    noun: '(?:need|pain|use case)',
    yes: new RegExp(
      `\\b(?:need|pain|use case)\\s+(?:is\\s+|was\\s+)?${BANT_CONFIRMED}\\b|\\b(?:confirmed|clear|real)\\s+need\\b`,
    ),
    no: /\b(?:no|without|missing|lacking)\s+(?:a\s+)?(?:clear\s+|real\s+|confirmed\s+)?need\b/,
  },
  {
    field: 'timeline',
    noun: '(?:timeline|timeframe|time frame)',
    yes: new RegExp(
      `\\b(?:timeline|timeframe|time frame)\\s+(?:is\\s+|was\\s+)?${BANT_CONFIRMED}\\b|\\b(?:with|has|have)\\s+(?:a\\s+)?(?:timeline|timeframe)\\b`,
    ),
    no: /\b(?:no|without|missing|lacking)\s+(?:a\s+)?(?:timeline|timeframe|time frame)\b/,
  },
];

const BANT_NOUN = '(budget|funding|authority|decision[- ]?makers?|need|timeline|timeframe|time frame)';
const BANT_FIELD_OF: Record<string, QueryField> = {
  budget: 'budget',
  funding: 'budget',
  authority: 'authority',
  decisionmaker: 'authority',
  decisionmakers: 'authority',
  need: 'need',
  timeline: 'timeline',
  timeframe: 'timeline',
};
const BANT_ITEM = new RegExp(`\\b${BANT_NOUN}\\b`, 'g');
/** Two or more switches in a row after "with", "has", "no", "missing": each one is meant. */
const BANT_LIST = new RegExp(
  `\\b(with|has|have|having|got|no|without|missing|lacking|lack of)\\s+((?:(?:a|an|the|confirmed|clear)\\s+)?${BANT_NOUN}(?:\\s*(?:,|and|&|or|nor)\\s*(?:(?:a|an|the)\\s+)?${BANT_NOUN})+)\\b`,
);
/**
 * A switch said to be off in other words: "have not confirmed budget", "haven't confirmed the timeline",
 * "unconfirmed budget", "budget hasn't been confirmed".
 */
function notConfirmed(noun: string): RegExp {
  const done = '(?:confirmed|verified|secured|identified|established|set|approved|agreed)';
  return new RegExp(
    `\\b(?:(?:not|n't|never)\\s+(?:yet\\s+)?(?:been\\s+)?${done}\\s+(?:a\\s+|an\\s+|the\\s+|their\\s+|its\\s+|any\\s+)?${noun}|un${done}\\s+${noun}|${noun}\\s+(?:is\\s+|has\\s+|was\\s+|have\\s+)?(?:not|n't|never|isn't|hasn't|wasn't)\\s+(?:yet\\s+)?(?:been\\s+)?${done})\\b`,
  );
}

/** The BANT switches of leads: "budget confirmed", "no decision maker", "fully qualified on BANT". */
export function bantFilters(cursor: TextCursor, entity: QueryEntity, found: readonly QueryFilter[]): QueryFilter[] {
  if (entity !== 'leads') return [];
  if (
    cursor.take(
      /\b(?:fully\s+qualified|all\s+(?:four\s+|4\s+)?(?:of\s+the\s+)?bant(?:\s+criteria)?|bant\s+(?:complete|met|all)|meet(?:s|ing)?\s+(?:all\s+)?(?:the\s+)?bant(?:\s+criteria)?)\b/,
    )
  ) {
    return BANT_WORDS.map(({ field }) => ({ field, op: 'eq', value: true }));
  }
  const filters: QueryFilter[] = [];
  // "with authority and need", "no budget or timeline": a list of switches after one word that says yes or no.
  const list = cursor.take(BANT_LIST);
  if (list?.[1] && list[2]) {
    const on = !/^(?:no|without|missing|lacking|lack of)$/.test(list[1]);
    for (const item of list[2].matchAll(BANT_ITEM)) {
      const field = BANT_FIELD_OF[(item[1] ?? '').replace(/[- ]/g, '')];
      if (field && !filters.some((filter) => filter.field === field)) filters.push({ field, op: 'eq', value: on });
    }
  }
  // "with a budget over 50k" is about the amount, not whether the budget is confirmed.
  const amountAsked = found.some((filter) => filter.field === 'budgetAmount');
  for (const word of BANT_WORDS) {
    if (filters.some((filter) => filter.field === word.field)) continue;
    if (cursor.take(word.no) || cursor.take(notConfirmed(word.noun)))
      filters.push({ field: word.field, op: 'eq', value: false });
    else if (word.field === 'budget' && amountAsked) cursor.take(word.yes);
    else if (cursor.take(word.yes)) filters.push({ field: word.field, op: 'eq', value: true });
  }
  return filters;
}

/** The period applies to the field the question implies: due, completed, created, closed. */
export function periodFor(
  entity: QueryEntity,
  cursor: TextCursor,
  filters: QueryFilter[],
  period: Period | undefined,
  context: TimeContext,
  /** `anyStatus`: the question spans every status ("tasks by status"), so none is assumed. */
  options: { share?: boolean; anyStatus?: boolean } = {},
): QueryTimeRange | undefined {
  const text = cursor.original.toLowerCase();
  const statusOf = (value: string) =>
    filters.some(
      (filter) =>
        filter.field === 'status' &&
        (filter.value === value || (Array.isArray(filter.value) && filter.value.includes(value))),
    );
  // "tasks Rob created this week": a period on the tasks someone created is their creation date.
  // "got" is creation in "leads we got this week", but having in "what have I got next week" and "what
  // has Rita got closing this quarter".
  const gotAsHaving = /\b(clos(?:e|es|ing)|due|next|coming|upcoming|planned|scheduled|tomorrow|on)\b/.test(text);
  // An activity logged this week is one done this week (vocabulary.ts reads "logged" as completed), at its
  // own moment: a call entered today for last month is last month's, as on the dashboard.
  const creationText = entity === 'activities' ? text.replace(/\blogged\b/g, '') : text;
  const created =
    /\b(created|added|new|came in|come in|arrived|entered|generated|logged|registered|signed up|acquired|received|opened|older than|(?:days?|weeks?|months?|years?) old)\b/.test(
      creationText,
    ) ||
    (/\bgot\b/.test(text) && !gotAsHaving) ||
    filters.some((filter) => filter.field === 'creator');
  const overdue =
    /\bclose dates?\s+(?:is\s+|are\s+|was\s+)?in the past\b|\b(overdue|past due|late(?![- ]stages?)|slipped|slipping|behind|pushed past|past (?:their|its|the) close(?: date)?)\b/.test(
      text,
    );
  const upcoming = /\b(upcoming|coming up|ahead|future|next)\b/.test(text);

  if (entity === 'tasks') {
    if (overdue) filters.push({ field: 'overdue', op: 'eq', value: true });
    const hasStatus = filters.some((filter) => filter.field === 'status');
    // A share of tasks ("what percentage of tasks are completed") is of all of them, not the pending ones;
    // so are the tasks someone created ("tasks created this week", "tasks Rob created").
    // "all tasks", "all of my tasks": every status.
    const all = /\ball\s+(?:of\s+)?(?:the\s+|my\s+|our\s+|\w+'s\s+)?tasks\b/.test(text);
    const anyStatus =
      options.share || options.anyStatus || all || created || filters.some((filter) => filter.field === 'creator');
    if (!hasStatus && !overdue && !anyStatus) filters.push({ field: 'status', op: 'eq', value: 'pending' });
  }
  if (entity === 'opportunities' && !filters.some((filter) => filter.field === 'status' || filter.field === 'stage')) {
    // "How much did Sam close this month" is what Sam won; "how many deals did we close" the closed ones.
    const closedByThen = /\b(?:did|have|has|had)\s+(?:[a-z']+\s+){0,3}clos(?:e|ed)\b/.test(text);
    // "deals Rob closed": what a person closed they won (as "who closed the most", text-cursor.ts).
    const someoneClosed =
      /\b(?:deals?|opportunit(?:y|ies)|opps?)\s+(?!(?:that|which|were|was|are|is|been|already|recently|just|not|being|we|i|you|they|this|last|next)\b)[a-z]+(?:\s+[a-z]+)?\s+(?:has\s+|have\s+|had\s+)?closed\b/.test(
        text,
      );
    if (someoneClosed && !overdue) filters.push({ field: 'status', op: 'eq', value: 'won' });
    else if (overdue) {
      filters.push({ field: 'status', op: 'eq', value: 'open' });
      if (!period) return { field: 'closeDate', to: dayBefore(todayIn(context)), label: 'before today' };
    } else if (closedByThen) {
      const money = /\bhow much\b|\b(revenue|value|worth|total|amount|dollars)\b/.test(text);
      filters.push({ field: 'status', op: 'eq', value: money ? 'won' : 'closed' });
    } else if (period && /\bclos(?:e|es|ing)\b/.test(text) && period.direction !== 'past') {
      filters.push({ field: 'status', op: 'eq', value: 'open' });
    } else if (/\bclosed\b/.test(text)) {
      filters.push({ field: 'status', op: 'eq', value: 'closed' });
    }
  }
  // "overdue activities": planned ones whose moment has passed.
  if (entity === 'activities' && overdue && !filters.some((filter) => filter.field === 'status')) {
    filters.push({ field: 'status', op: 'eq', value: 'planned' });
    if (!period) return { field: 'at', to: dayBefore(todayIn(context)), label: 'before today' };
  }
  if (!period) {
    if (upcoming && (entity === 'tasks' || entity === 'activities')) {
      return { field: defaultTimeField[entity], from: todayIn(context), label: 'from today on' };
    }
    return undefined;
  }
  // "visits since the 1st" are those up to now, not the ones still planned after today.
  if (entity === 'activities' && period.label.startsWith('since') && period.from && !period.to) {
    const today = todayIn(context);
    if (period.from <= today) period = { ...period, to: today };
  }
  let field = defaultTimeField[entity];
  if (created) field = 'createdAt';
  else if (entity === 'opportunities' && (statusOf('won') || statusOf('lost') || statusOf('closed')))
    field = 'closedAt';
  else if (entity === 'tasks' && statusOf('completed')) field = 'completedAt';
  else if (entity === 'leads' && /\bdecision(?:[- ]date)?s?\b(?![- ]?makers?)|\bdecid(?:e|es|ing)\b/.test(text))
    field = 'decisionDate';
  else if (entity === 'leads' && statusOf('converted')) field = 'convertedAt';
  else if (entity === 'leads' && statusOf('disqualified')) field = 'disqualifiedAt';
  // Quotes: "expiring / valid until / running out this week" ask for the last day, "accepted last month"
  // for the answer, "sent this month" for when they went out.
  else if (
    entity === 'quotes' &&
    /\b(expir(?:e|es|ing|y)|valid until|run(?:s|ning)? out|laps(?:e|es|ing))\b/.test(text)
  )
    field = 'validUntil';
  else if (entity === 'quotes' && statusOf('accepted')) field = 'acceptedAt';
  else if (entity === 'quotes' && /\b(sent|send|sending|went out|mailed|e-?mailed)\b/.test(text)) field = 'sentAt';
  // "quotes expiring this week" are those out and awaiting an answer, not the drafts or the answered.
  if (entity === 'quotes' && field === 'validUntil' && !filters.some((filter) => filter.field === 'status')) {
    filters.push({ field: 'status', op: 'eq', value: 'sent' });
  }
  // "leads deciding next month": a decision still to come is an open lead's; a converted one has decided.
  if (field === 'decisionDate' && !filters.some((filter) => filter.field === 'status')) {
    filters.push({ field: 'status', op: 'eq', value: 'open' });
  }
  const isTime = queryFields[entity][field]?.kind === 'instant';
  // "older than 60 days": a time compares with the exact instant, not with whole days.
  if (period.before && isTime) {
    filters.push({ field, op: 'lt', value: period.before });
    return undefined;
  }
  return timeRangeOf(period, field, isTime);
}

function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
