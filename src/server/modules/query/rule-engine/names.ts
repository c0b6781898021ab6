import { matchPeople, mayBeNamePart, namePartsOf, type Person } from './people.js';
import type { TextCursor } from './text-cursor.js';
import { notANameWord } from './vocabulary.js';

/*
 * Names in a question: the asker ("my", "me", "I"), colleagues from the user directory ("Ana",
 * "Ana's", "Ana Lopez"), and the account a question is about ("for Acme", "the Globex account",
 * "Initech's deals"). Account names are only read here; the server resolves them by fuzzy match.
 */

/** `negated`: the question excludes the one person it names ("deals not owned by me", "except Rob's"). */
export type NamedPeople = { me: boolean; names: string[]; unowned: boolean; negated?: boolean };

/** Words right before a person that exclude them: "not owned by", "other than", "except for". */
const EXCLUDING =
  /(?:\b(?:not|isn't|aren't|wasn't|weren't)\s+(?:(?:owned|assigned|handled|managed|run|worked(?: on)?|created|logged|made|done)\s+(?:by|to)\s+|(?:mine|me)\b)?|\b(?:(?:someone|somebody|anyone|anybody|people)\s+)?(?:other than|else than|except(?: for)?|excluding|besides|apart from|but not|but)\s+)$/;

const SELF_PATTERNS = [
  /\b(?:my|mine|myself)\b/,
  /\b(?:assigned to|owned by|for|with|belonging to|of)\s+me\b/,
  // The auxiliary stays for later passes: "did" in "how many calls did I make" means completed.
  /(?<=\b(?:do|did|have|had|am|should|must|can|will|shall)\s+)i\b/,
  /\bi(?=\s+(?:have|own|had|made|make|did|do|logged|need(?!\s+(?:a|an|the|to (?:see|know|find|get|check|look))\b)|am|must|should|will|can|'ve|'m|(?!need\b)\w+ed|lost|won|sold|met|got|sent|took|brought|wrote|spoke)\b)/,
  /\bi'(?:ve|m)\b/,
];

const SELF = SELF_PATTERNS.map((pattern) => new RegExp(pattern.source, 'g'));

/** The people the question names, consumed from the cursor. */
export function takePeople(cursor: TextCursor, people: readonly Person[]): NamedPeople {
  // "my team", "our reps": everyone the asker sees, which visibility already gives; no person filter.
  cursor.take(
    /\b(?:my|our|the)\s+(?:whole\s+|entire\s+)?(?:teams?|reps|sales ?team|group|org(?:anization)?|company|people)(?:'s|')?(?=\s|$)/,
  );
  let me = false;
  let negated = false;
  // "not mine", "not my deals": the asker excluded.
  const notMine = cursor.take(/\b(?:not|isn't|aren't)\s+(?:mine|my\s+own|my)\b/);
  if (notMine) {
    me = true;
    negated = true;
  }
  const excludes = (start: number) => {
    const before = EXCLUDING.exec(cursor.text.slice(0, start));
    if (!before || before[0].trim() === '') return false;
    cursor.consume(before.index, start);
    return true;
  };
  for (const global of SELF) {
    global.lastIndex = 0;
    for (let match = global.exec(cursor.text); match; match = global.exec(cursor.text)) {
      me = true;
      const owner = /^(?:assigned to|owned by|belonging to)/.test(match[0]);
      if (excludes(match.index) || (owner && /\bnot\s+$/.test(cursor.text.slice(0, match.index)))) negated = true;
      cursor.consume(match.index, match.index + match[0].length);
    }
  }
  const unowned =
    cursor.take(
      /\b(?:unassigned|unowned|without an? (?:owner|assignee)|with no (?:owner|assignee)|no owner|(?:assigned|owned) (?:by|to) (?:nobody|no one|noone)|(?:that |which )?(?:nobody|no one|noone) (?:owns|has|is working(?: on)?))\b/,
    ) !== null;
  const names = takeColleagues(cursor, people, excludes);
  if (names.negated) negated = true;
  const strangers = takeStrangers(cursor);
  return { me, names: [...names.names, ...strangers], unowned, ...(negated ? { negated } : {}) };
}

/** Words that say a person comes next: "owned by", "assigned to", "created by". */
const PERSON_AFTER =
  /\b(?:owned|assigned|handled|created|written|logged)\s+(?:by|to)\s+([a-z\u00c0-\u024f][\w\u00c0-\u024f'-]*(?:\s+[a-z\u00c0-\u024f][\w\u00c0-\u024f'-]*)?)/g;

/**
 * A name after "owned by", "assigned to" that is no one in the directory ("deals owned by Raj" where
 * nobody is called Raj): still a person, whom the answer says it does not know, rather than a word read
 * as an account or a company. Colleagues were read before, so what is left here names no one.
 */
function takeStrangers(cursor: TextCursor): string[] {
  const strangers: string[] = [];
  for (const match of cursor.text.matchAll(PERSON_AFTER)) {
    const phrase = match[1] ?? '';
    const words = phrase.split(/\s+/);
    const stop = words.findIndex((word) => notANameWord.has(word.replace(/'s$/, '')));
    const kept = stop < 0 ? words : words.slice(0, stop);
    if (kept.length === 0 || /^\d/.test(kept[0] ?? '')) continue;
    const start = (match.index ?? 0) + match[0].length - phrase.length;
    const end = start + kept.join(' ').length;
    strangers.push(cursor.originalOf(start, end));
    cursor.consume(start, end);
  }
  return strangers;
}

function takeColleagues(
  cursor: TextCursor,
  people: readonly Person[],
  excludes: (start: number) => boolean,
): { names: string[]; negated: boolean } {
  let negated = false;
  if (people.length === 0) return { names: [], negated };
  const parts = namePartsOf(people);
  const words = [...cursor.text.matchAll(/[a-z\u00c0-\u024f][a-z\u00c0-\u024f'.-]*/g)].map((match) => {
    const raw = match[0];
    const bare = raw.replace(/'s?$/, '').replace(/[.-]+$/, '');
    return {
      start: match.index ?? 0,
      end: (match.index ?? 0) + bare.length,
      fullEnd: (match.index ?? 0) + raw.length,
      bare,
    };
  });
  const names: string[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index];
    if (!word || notANameWord.has(word.bare) || !mayBeNamePart(word.bare, parts)) {
      index += 1;
      continue;
    }
    // The longest run of name-like words that still matches someone: "ana lopez", else "ana".
    let last = index;
    while (last + 1 < words.length) {
      const next = words[last + 1];
      const current = words[last];
      if (!next || !current || notANameWord.has(next.bare) || !mayBeNamePart(next.bare, parts)) break;
      if (current.fullEnd !== current.end || next.start - current.fullEnd > 1) break;
      last += 1;
    }
    for (let end = last; end >= index; end -= 1) {
      const first = words[index];
      const final = words[end];
      if (!first || !final) break;
      const phrase = cursor.originalOf(first.start, final.end);
      if (matchPeople(phrase, people).length > 0) {
        if (excludes(first.start)) negated = true;
        names.push(phrase);
        cursor.consume(first.start, final.fullEnd);
        index = end;
        break;
      }
    }
    index += 1;
  }
  return { names, negated };
}

/** Where a phrase after a preposition stops: any word of the plan's vocabulary or a period. */
function nameWordsFrom(cursor: TextCursor, start: number): { end: number; words: number } {
  const rest = cursor.text.slice(start);
  // A dash between spaces joins two parts of one name: "Heartland Equipment Distribution - Kansas City".
  const pattern = /[a-z0-9\u00c0-\u024f&][\w\u00c0-\u024f&.'-]*|[ ]+|-(?= [a-z0-9\u00c0-\u024f&])/g;
  let end = start;
  let words = 0;
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
    if (match.index !== end - start) break;
    const token = match[0];
    if (token.trim() === '' || token === '-') {
      if (token.length > 1 || (token === '-' && words === 0)) break;
      end += token.length;
      continue;
    }
    const bare = token.replace(/'s$/, '').replace(/[.,]+$/, '');
    // "Badger Lawn and Tractor" for "Badger Lawn & Tractor": an "and" between two words of a name.
    if (bare === 'and' && words > 0) {
      const following = /^and ([a-z0-9\u00c0-\u024f&][\w\u00c0-\u024f&.'-]*)/.exec(rest.slice(match.index));
      const next = following?.[1]?.replace(/'s$/, '').replace(/[.,?!]+$/, '');
      if (next && !notANameWord.has(next)) {
        end += token.length;
        continue;
      }
    }
    if (notANameWord.has(bare) || words >= 5) break;
    words += 1;
    end = start + match.index + (token.endsWith("'s") ? token.length - 2 : token.length);
  }
  return { end: cursor.text.slice(start, end).replace(/[\s-]+$/, '').length + start, words };
}

// One space between the word and the name: a wider gap is a consumed phrase ("for [this week] assigned").
const ACCOUNT_AFTER =
  /\b(?:for|at|with|on|from|of|about|regarding|to|under|summari[sz]e|summary|overview|brief me on|tell me about|everything about|everything on|all about|know about|details on|info on|information on|information about|update on|how is|how's|how are) (?:the )?(?:(?:account|customer|client|company) )?(?=[a-z0-9\u00c0-\u024f&])/g;
const ACCOUNT_BEFORE =
  /([a-z0-9\u00c0-\u024f&][\w\u00c0-\u024f&.-]*(?:\s+[a-z0-9\u00c0-\u024f&][\w\u00c0-\u024f&.-]*){0,3})(?:'s|\s+(?:account|customer|client))\b/g;

/** "the Initech deals": a name right before the record kind it qualifies. */
const ACCOUNT_BEFORE_NOUN =
  /([a-z0-9\u00c0-\u024f&][\w\u00c0-\u024f&.-]*(?:\s+[a-z0-9\u00c0-\u024f&][\w\u00c0-\u024f&.-]*){0,3})\s+(?:deals?|opportunit(?:y|ies)|opps?|pipeline|forecast|tasks?|contacts?|activit(?:y|ies)|meetings?|visits?|calls?|leads?|people)\b/g;

/** A quoted phrase ("Acme Corp"), consumed: the clearest way to name a record. */
export function takeQuoted(cursor: TextCursor): string | undefined {
  // Single quotes stand apart from words: in "rob's deals haven't" they are apostrophes.
  const match = cursor.take(/"([^"]{1,120})"|(?<![\p{L}\p{N}])'([^']{2,120})'(?![\p{L}\p{N}])/u);
  if (!match) return undefined;
  return cursor.originalOf(match.index + 1, match.index + match[0].length - 1).trim();
}

/** The account a question is about, as typed; consumed. Undefined when none is named. */
export function takeAccountName(cursor: TextCursor): string | undefined {
  const after = takeNameAfter(cursor, ACCOUNT_AFTER);
  if (after) return after;
  for (const match of cursor.text.matchAll(ACCOUNT_BEFORE)) {
    const phrase = match[1] ?? '';
    const words = phrase.split(/\s+/);
    // Walk back from the possessive to the first vocabulary word: "show me acme's deals" → "acme".
    let first = words.length;
    while (first > 0 && !notANameWord.has(words[first - 1] ?? '')) first -= 1;
    const kept = words.slice(first).join(' ');
    if (!kept) continue;
    const start = (match.index ?? 0) + phrase.length - kept.length;
    const name = cleanName(cursor.originalOf(start, start + kept.length));
    if (!name) continue;
    cursor.consume(start, (match.index ?? 0) + match[0].length);
    return name;
  }
  // Only a name that looks like one: capitalised as typed, or a question typed all in lower case.
  const lowerCaseQuestion = cursor.original.slice(1) === cursor.original.slice(1).toLowerCase();
  for (const match of cursor.text.matchAll(ACCOUNT_BEFORE_NOUN)) {
    const phrase = match[1] ?? '';
    const words = phrase.split(/\s+/);
    let first = words.length;
    while (first > 0 && !notANameWord.has(words[first - 1] ?? '')) first -= 1;
    const kept = words.slice(first).join(' ');
    if (!kept) continue;
    const start = (match.index ?? 0) + phrase.length - kept.length;
    const typed = cursor.originalOf(start, start + kept.length);
    const afterThe = /\bthe\s+$/.test(cursor.text.slice(0, start));
    if (typed === typed.toLowerCase() && !(lowerCaseQuestion && afterThe)) continue;
    const name = cleanName(typed);
    if (!name) continue;
    cursor.consume(start, start + kept.length);
    return name;
  }
  return capitalisedName(cursor);
}

/**
 * "did Sam visit Bayou City", "when did we call Acme", "who visited Initech": the account is what the
 * activity was done to. A bare noun ("call duration") is not a verb: the base form needs its auxiliary.
 */
const ACTIVITY_VERB =
  /(?:\b(?:visited|called|phoned|met|saw|seen|e-?mailed)|\b(?:did|do|does|to|will|can|should|must|never|not)\s+(?:[a-z']+\s+){0,2}?(?:visit|call|phone|meet|see|e-?mail)) (?:the )?(?=[a-z0-9\u00c0-\u024f&])/g;

/** The account right after an activity verb, consumed (the verb stays, for the type). */
export function takeVisitedAccount(cursor: TextCursor): string | undefined {
  return takeNameAfter(cursor, ACTIVITY_VERB);
}

/** The name right after the first match of `lead` (a global pattern) that has one, consumed. */
function takeNameAfter(cursor: TextCursor, lead: RegExp): string | undefined {
  for (const match of cursor.text.matchAll(lead)) {
    const start = (match.index ?? 0) + match[0].length;
    const { end, words } = nameWordsFrom(cursor, start);
    if (words === 0) continue;
    const name = cleanName(cursor.originalOf(start, end));
    if (!name) continue;
    cursor.consume(start, end);
    return name;
  }
  return undefined;
}

/**
 * The last resort: a capitalised name somewhere in a question typed with capitals ("when did we last
 * visit Initech"), once every other pass has consumed what it understood. Not the first word: that is
 * capitalised anyway.
 */
function capitalisedName(cursor: TextCursor): string | undefined {
  if (cursor.original === cursor.original.toLowerCase()) return undefined;
  const pattern = /[A-Z0-9\u00c0-\u00de][\w\u00c0-\u024f&.-]*(?: [A-Z0-9\u00c0-\u00de&][\w\u00c0-\u024f&.-]*){0,3}/g;
  for (const match of cursor.original.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (start === 0 || cursor.text.slice(start, end).trim() !== match[0].toLowerCase()) continue;
    const words = match[0].toLowerCase().split(' ');
    if (words.some((word) => notANameWord.has(word)) || /^\d/.test(match[0])) continue;
    const name = cleanName(match[0]);
    if (!name) continue;
    cursor.consume(start, end);
    return name;
  }
  return undefined;
}

function cleanName(text: string): string | undefined {
  const name = text.replace(/[?.!,;:]+$/, '').trim();
  // Digits and date punctuation alone ("2026", "2026-02-30") are a number or a date that was not read.
  if (name.length < 2 || /^[\d\s./-]+$/.test(name)) return undefined;
  return name;
}

/** One or two words that may be a colleague's name ("ben", "ana lopez", "bens" for Ben's), or "my", "me", "i". */
const WORD = String.raw`(?!own\b)[a-z\u00c0-\u024f][\w\u00c0-\u024f.-]*`;
const WHO = `(?<who>${WORD}(?: ${WORD})?)`;
const SELF_WORD = /^(?:my|me|i)$/;

/**
 * The person a matched phrase names in its `who` group: "me" for the asker's own words, else a colleague
 * as typed, its words tried whole and then without the word farthest from `anchor` ("all bens" is Ben's,
 * "maria this" is Maria). Each word is looked up in the directory's name index before the directory is
 * searched, so a phrase that names no one costs no search. The match is consumed up to the name;
 * `negated` when its `not` group matched ("outside Maria's team").
 */
function takePerson(
  cursor: TextCursor,
  pattern: RegExp,
  people: readonly Person[],
  anchor: 'start' | 'end',
  { self = true }: { self?: boolean } = {},
): { name: string; negated: boolean } | undefined {
  const match = pattern.exec(cursor.text);
  const span = match?.indices?.groups?.who;
  if (!match || !span) return undefined;
  const words = [...cursor.text.slice(span[0], span[1]).matchAll(/\S+/g)].map((word) => ({
    start: span[0] + (word.index ?? 0),
    end: span[0] + (word.index ?? 0) + word[0].length,
    text: word[0],
  }));
  const runs = words.length > 1 ? [words, anchor === 'end' ? words.slice(1) : words.slice(0, 1)] : [words];
  const parts = namePartsOf(people);
  for (const run of runs) {
    const first = run[0];
    const last = run.at(-1);
    if (!first || !last) continue;
    const isSelf = self && run.length === 1 && SELF_WORD.test(first.text);
    const named =
      !isSelf &&
      run.every((word) => !notANameWord.has(word.text) && mayBeNamePart(word.text, parts)) &&
      matchPeople(cursor.originalOf(first.start, last.end), people).length > 0;
    if (!isSelf && !named) continue;
    // A name read from its start leaves what follows it to the other passes ("maria this quarter").
    cursor.consume(match.index, anchor === 'start' ? last.end : match.index + match[0].length);
    return { name: isSelf ? 'me' : cursor.originalOf(first.start, last.end), negated: match.groups?.not !== undefined };
  }
  return undefined;
}

const ACCOUNTS = '(?:accounts|customers|clients)';
const LINKED =
  '(?:on|for|at|of|with|to|in|across|under|against|from|about|regarding|(?:linked|tied|related|attached) to)';
const RECORDS =
  '(?:deals?|opportunit(?:y|ies)|opps?|pipeline|tasks?|to-?dos?|follow[- ]?ups?|activit(?:y|ies)|visits?|calls?|meetings?|e-?mails|contacts?|notes?)';

const ANY_ACCOUNTS = new RegExp(`\\b${ACCOUNTS}\\b`);

/** Whose accounts records are on: "tasks for my accounts", "visits to Ben's customers", "deals on accounts I own". */
const ACCOUNT_OWNER: { pattern: RegExp; anchor: 'start' | 'end' }[] = [
  {
    pattern: new RegExp(String.raw`\b${LINKED}\s+(?:all\s+(?:of\s+)?)?${WHO}(?:'s|')?\s+(?:own\s+)?${ACCOUNTS}\b`, 'd'),
    anchor: 'end',
  },
  {
    pattern: new RegExp(
      String.raw`(?<![\w'])${WHO}(?:'s|')?\s+(?:own\s+)?${ACCOUNTS}'?\s+(?=(?:open\s+|overdue\s+|pending\s+|upcoming\s+|recent\s+)?${RECORDS}\b)`,
      'd',
    ),
    anchor: 'end',
  },
  {
    pattern: new RegExp(
      String.raw`\b${LINKED}\s+(?:the\s+)?${ACCOUNTS}\s+(?:that\s+|which\s+)?${WHO}\s+(?:own|owns|manage|manages|handle|handles|cover|covers)\b`,
      'd',
    ),
    anchor: 'end',
  },
  { pattern: new RegExp(String.raw`\b${LINKED}\s+(?:the\s+)?${ACCOUNTS}\s+owned by\s+${WHO}`, 'd'), anchor: 'start' },
];

/**
 * The person whose accounts the question asks about ("tasks for my accounts": the tasks on accounts the
 * asker owns, whoever they are assigned to), consumed; "me" for the asker.
 */
export function takeAccountOwner(cursor: TextCursor, people: readonly Person[]): string | undefined {
  // Most questions name no accounts: one cheap test spares them the patterns.
  if (!ANY_ACCOUNTS.test(cursor.text)) return undefined;
  for (const { pattern, anchor } of ACCOUNT_OWNER) {
    const owner = takePerson(cursor, pattern, people, anchor);
    if (owner) return owner.name;
  }
  return undefined;
}

const TEAM =
  '(?:(?:whole|entire)\\s+)?(?:sales\\s+)?(?:team|reps|(?:direct\\s+)?reports|people|group|org|organi[sz]ation|squad)';

/** A manager's team: "Maria's team pipeline", "deals of Maria's reps", "people reporting to Maria". */
const ANY_TEAM = /\b(?:team|reps|reports|people|group|org|organi[sz]ation|squad|everyone|everybody)\b/;
const NOT_IN = `(?<not>\\b(?:not\\s+(?:in|on|of|from|by)|outside(?:\\s+of)?)\\s+(?:the\\s+)?)?`;
const TEAM_OF: { pattern: RegExp; anchor: 'start' | 'end' }[] = [
  {
    pattern: new RegExp(`${NOT_IN}(?<![\\w'])${WHO}(?:'s|')?\\s+${TEAM}(?:'s|')?(?![\\w-])`, 'd'),
    anchor: 'end',
  },
  {
    pattern: new RegExp(
      `${NOT_IN}\\b(?:(?:the\\s+)?team|reps|(?:direct\\s+)?reports|people|everyone|everybody)\\s+(?:of|under|below|reporting to|(?:who|that)\\s+reports?\\s+to|(?:who|that)\\s+works?\\s+for|working for)\\s+${WHO}`,
      'd',
    ),
    anchor: 'start',
  },
];

/**
 * The manager whose team the question asks about ("Maria's team pipeline": the deals of Maria and
 * everyone reporting to her), consumed; `negated` for the records outside it ("deals not in Maria's
 * team"). "My team" is not read here: it is what the asker may see.
 */
export function takeTeam(
  cursor: TextCursor,
  people: readonly Person[],
): { name: string; negated: boolean } | undefined {
  if (!ANY_TEAM.test(cursor.text)) return undefined;
  for (const { pattern, anchor } of TEAM_OF) {
    const manager = takePerson(cursor, pattern, people, anchor, { self: false });
    if (manager) return manager;
  }
  return undefined;
}
