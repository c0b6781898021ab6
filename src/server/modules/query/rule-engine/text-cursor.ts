import { spelledNumbersAsDigits } from './number-words.js';
import { PEOPLE_NOUNS } from './vocabulary.js';

/**
 * Shorthand people type into a search box, read as the words the passes know: "closing this wk", "tasks
 * due tmrw", "opps this qtr", "how's Acme doing".
 */
const SHORTHAND: Record<string, string> = {
  wk: 'week',
  wks: 'weeks',
  nxt: 'next',
  mnth: 'month',
  mth: 'month',
  mnths: 'months',
  mths: 'months',
  qtr: 'quarter',
  qtrs: 'quarters',
  yr: 'year',
  yrs: 'years',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tomorow: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  yday: 'yesterday',
  thru: 'through',
  b4: 'before',
  'w/': 'with',
  avg: 'average',
  oppty: 'opp',
  oppties: 'opps',
  opptys: 'opps',
  pipe: 'pipeline',
  pipline: 'pipeline',
  pipleine: 'pipeline',
  piepline: 'pipeline',
  rundown: 'summary',
  lowdown: 'summary',
  prio: 'priority',
  hw: 'how',
  r: 'are',
  u: 'you',
  til: 'until',
  "how's": 'how is',
  // Contractions typed without the apostrophe.
  havent: "haven't",
  hasnt: "hasn't",
  didnt: "didn't",
  dont: "don't",
  doesnt: "doesn't",
  isnt: "isn't",
  arent: "aren't",
  wasnt: "wasn't",
  werent: "weren't",
  // Misspellings of words the passes read.
  negociation: 'negotiation',
  negociations: 'negotiations',
  negotation: 'negotiation',
  propsal: 'proposal',
  prospectng: 'prospecting',
  oportunities: 'opportunities',
  oportunity: 'opportunity',
  opportunites: 'opportunities',
  overdu: 'overdue',
  ovedue: 'overdue',
  cusomers: 'customers',
  custmers: 'customers',
  acounts: 'accounts',
};
const SHORTHAND_PATTERN = new RegExp(
  // Longest first, so "w/" is read before "w".
  `(?<![\\p{L}\\p{N}'])(?:${Object.keys(SHORTHAND)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}\\p{N}'/])`,
  'giu',
);

const LOSS_REASONS = new RegExp(
  [
    String.raw`\b(?:what\s+are\s+|show\s+(?:me\s+)?)?(?:the\s+|our\s+)?(?:(?:top|main|biggest|most\s+common|common)\s+)?(?:loss\s+reasons|reasons\s+(?:we|for)\s+(?:lose|lost|losing)(?:\s+deals)?)\b`,
    String.raw`\bwhy\s+(?:do|did|are)\s+we\s+(?:lose|losing)(?:\s+(?:deals|opps|opportunities))?(?:\s+most)?\b`,
  ].join('|'),
  'gi',
);

/** Who deals are lost to: the competitors the lost deals name. */
const LOST_TO = new RegExp(
  [
    String.raw`\b(?:who|which\s+competitors?)\s+(?:do|did|are)\s+we\s+(?:lose|losing)\s+(?:(?:deals|opps|opportunities|most)\s+)?to(?:\s+(?:the\s+)?most)?\b`,
    String.raw`\bwhich\s+competitors?\s+(?:beat|win\s+against)\s+us(?:\s+(?:the\s+)?most)?\b`,
  ].join('|'),
  'gi',
);

/**
 * Words that open a question without asking anything: greetings, hesitation, "quick question:", "I was
 * wondering", "just curious". Removed before the passes, so they are never read as names or conditions.
 */
const OPENINGS =
  /^(?:\s*(?:hey(?:\s+there)?|hi(?:\s+there)?|hello|yo|um+|uh+|uhm|erm?|hmm+|hm+|ok(?:ay)?|alright|right|so|well|btw|by the way|also|and|oh|quick question|one more question|question|just (?:wondering|curious|checking)|i (?:was|am|'m) (?:just )?(?:wondering|curious)(?: about)?|i wonder|i'd like to know|i would like to know|i want to know|wondering|curious)(?:\s*[,:;.!?-]+\s*|\s+))+/i;

/** Courtesy at the end: "… please", "…, thanks", "thank you!", "cheers". */
const CLOSINGS =
  /(?:[\s,;.!-]+(?:please|pls|plz|thanks|thank you|thx|ty|cheers|asap|thanks in advance)[\s.!]*)+(?=[?]?\s*$)/i;

const PERSON_CLOSED = new RegExp(
  String.raw`\b(who|(?:which|what)(?:\s+ones?)?(?:\s+of(?:\s+all)?(?:\s+of)?\s+(?:my|our|your|the|these|those|[a-z][a-z.-]*'s?))?\s+(?:${PEOPLE_NOUNS})|i|we)\s+(?:have\s+|has\s+|'ve\s+)?closed\b`,
  'gi',
);

/**
 * The question as the planner reads it: lower-cased, with typographic quotes and dashes made plain.
 * A step that understands some words consumes them (they become spaces, so offsets keep matching the
 * original), and later steps cannot read the same words again ("march" as a month, not an account).
 */
export class TextCursor {
  /** The question as typed, for names whose casing matters in answers. */
  readonly original: string;
  text: string;

  constructor(question: string) {
    this.original = question
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, '-')
      // "hey, …", "um, can you tell me …", "quick question: …", "I was wondering …": openings that ask nothing.
      .replace(OPENINGS, '')
      .replace(CLOSINGS, '')
      // "amount>10000", "stage=proposal": comparison signs read as words of their own.
      .replace(/\s*(>=|<=|=>|=<|>|<|=)\s*/g, ' $1 ')
      // "over fifty thousand", "half a million": amounts in digits.
      .replace(/.+/s, spelledNumbersAsDigits)
      .replace(SHORTHAND_PATTERN, (word) => SHORTHAND[word.toLowerCase()] ?? word)
      // "meetings w lone star": a lone lower-case w between words; a capital W may be a name ("W Dealer").
      .replace(/(?<=\S\s)w(?=\s\S)/g, 'with')
      // "next 30d", "in 2wks": a count glued to its unit.
      .replace(/\b(\d{1,3})\s?(d|days?)\b/gi, '$1 days')
      .replace(/\b(\d{1,3})\s?(wks?|weeks?)\b/gi, '$1 weeks')
      // Holidays people plan around, as the dates they are.
      .replace(/\b(?:christmas|xmas)\s+eve\b/gi, 'dec 24')
      .replace(/\b(?:christmas|xmas)(?:\s+day)?\b/gi, 'dec 25')
      .replace(/\bnew\s+year'?s\s+eve\b/gi, 'dec 31')
      .replace(/\bnew\s+year'?s(?:\s+day)?\b/gi, 'jan 1')
      .replace(/\b(after|before|by|since|until|till|through)\s+(?:the\s+)?new\s+year\b/gi, '$1 jan 1')
      .replace(/\bcoming up\b/gi, 'upcoming')
      // "on or before the 15th" is by then, "on or after" from then; "no later than" is by.
      .replace(/\bon or before\b|\bno later than\b/gi, 'by')
      .replace(/\bon or after\b/gi, 'from')
      // "over the past fortnight", "in the next fortnight": two weeks.
      .replace(/\b(last|past|previous|next|coming)\s+fortnight\b/gi, '$1 2 weeks')
      .replace(/\b(?:a|one)\s+fortnight\b/gi, '2 weeks')
      .replace(/\b(?:this|the)\s+fortnight\b/gi, 'the next 2 weeks')
      // "what's the status of the Alamo deal": that account's deals.
      .replace(
        /\b(?:what'?s|whats|what is)\s+the\s+(?:status|latest|state)\s+(?:of|on)\s+(?=(?:the\s+)?\S+(?:\s+\S+){0,3}\s+(?:deals?|opportunit(?:y|ies)|opps?)\b)/gi,
        'show ',
      )
      // Why deals are lost: the lost deals by their loss reason; who to: by the competitors they name.
      .replace(LOSS_REASONS, 'lost deals by loss reason')
      .replace(LOST_TO, 'lost deals by competitor')
      // "lost deals with reasons", "lost deals and their reasons": by loss reason.
      .replace(/\b(?:with|and)\s+(?:the\s+|their\s+)?(?:loss\s+)?reasons?(?:\s+why)?\b/gi, 'by loss reason')
      // A person who closed deals won them ("who closed the most deals", "how many did Ana close", "what
      // have we closed"); "closed deals" as a state stays won and lost alike.
      .replace(PERSON_CLOSED, (_match, subject: string) => `${subject} won`)
      .replace(/\b(how many\b[^?.!]*?\bdid\s+[^?.!]+?)\s+close\b/gi, '$1 win')
      // "the lead funnel": leads by stage; "the sales funnel": the pipeline by stage.
      .replace(/\b(?:the\s+)?(?:leads?|conversion)\s+funnel\b/gi, 'leads by stage')
      .replace(/\b(?:the\s+)?(?:sales|deals?|opportunit(?:y|ies)|pipeline)\s+funnel\b/gi, 'pipeline by stage')
      // "deals moved to won in November": won then (a closed stage's date is when it closed).
      .replace(/\b(?:that\s+)?(?:moved|went|got moved|turned)\s+(?:to\s+)?(?:closed[ -])?(won|lost)\b/gi, '$1')
      // "longer than an hour", "half an hour": minutes.
      .replace(/\bhalf an hour\b/gi, '30 minutes')
      .replace(/\b(?:an|one) hour\b/gi, '60 minutes')
      // British spelling and other names of an account.
      .replace(/\borgani[sz]ations?\b/gi, (word) => (word.toLowerCase().endsWith('s') ? 'accounts' : 'account'))
      .replace(/\b(?:equipment\s+)?dealerships?\b/gi, (word) =>
        word.toLowerCase().endsWith('s') ? 'dealers' : 'dealer',
      )
      // "managed by Rita", "looked after by Sam": the account manager is the owner.
      .replace(/\b(?:managed|looked after|handled|covered|run)\s+by\b/gi, 'owned by')
      // "100,000 dollars", "50k USD": the amount's currency is the default one.
      .replace(/(\d(?:[\d,.]*\d)?\s*(?:k|m|thousand|million)?)\s+(?:dollars|bucks|usd)\b/gi, '$1')
      // "my calendar for tomorrow", "what's on my schedule today": the activities planned then.
      .replace(
        /\b(?:what'?s\s+|what is\s+)?(?:on\s+)?(my|our|\w+'s)\s+(?:calendar|schedule|diary|agenda)\b/gi,
        '$1 planned activities',
      )
      // "open deals with Orion as a competitor": the competitor named first.
      .replace(
        /\bwith\s+([A-Za-z0-9][\w&.'-]*(?:\s+[A-Za-z0-9][\w&.'-]*){0,3}?)\s+as\s+(?:an?\s+|the\s+)?competitors?\b/gi,
        'competing with $1',
      )
      // "top accounts by won revenue", "which customers bought the most": the won deals added up per account.
      .replace(
        /\b(?:(?:the\s+)?(?:top|biggest|largest|best)\s+)?(?:accounts|customers|clients)\s+by\s+(?:won\s+revenue|revenue\s+won|sales|bookings|purchases)\b/gi,
        'top revenue by account',
      )
      .replace(
        /\b(?:which|what)\s+(?:accounts|customers|clients|companies)\s+(?:bought|purchased|spent|ordered|bought from us)\s+(?:the\s+)?most\b/gi,
        'top revenue by account',
      )
      // "lead sources", "industries of our accounts": the records by that field.
      .replace(/\b(which|what)\s+lead\s+(sources?|channels?)\b/gi, '$1 $2')
      .replace(/\blead\s+sources\b/gi, 'leads by source')
      .replace(
        /\b(industries|sources|stages|types|territories)\s+of\s+(?:our\s+|my\s+|the\s+)?(accounts|leads|deals)\b/gi,
        '$2 by $1',
      )
      // "leads form trade shows": a typing slip for "from" between a record kind and what it came from.
      .replace(/\b(leads?|deals?|opportunit(?:y|ies)|opps?|contacts?|accounts?)\s+form\s+(?!fields?\b)/gi, '$1 from ')
      // "200 grand" is 200k.
      .replace(/\b(\d+(?:\.\d+)?)\s+grand\b/gi, '$1k')
      .replace(/\s+/g, ' ')
      .trim();
    this.text = this.original.toLowerCase();
  }

  consume(start: number, end: number): void {
    this.text = this.text.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + this.text.slice(end);
  }

  /** Finds the pattern in what is left; consumes it when `consume` is true (the default). */
  take(pattern: RegExp, consume = true): RegExpExecArray | null {
    const match = pattern.exec(this.text);
    if (match && consume) this.consume(match.index, match.index + match[0].length);
    return match;
  }

  /**
   * Gives back what a pass consumed: the words that were read between `before` and `after` (two copies
   * of `text`), so a reading that turned out not to apply leaves them to the others.
   */
  giveBack(before: string, after: string): void {
    let text = '';
    for (let index = 0; index < this.text.length; index += 1) {
      text += after[index] !== before[index] ? (before[index] ?? ' ') : (this.text[index] ?? ' ');
    }
    this.text = text;
  }

  has(pattern: RegExp): boolean {
    return pattern.test(this.text);
  }

  /** The original text (with its casing) of a span. */
  originalOf(start: number, end: number): string {
    return this.original.slice(start, end);
  }
}
