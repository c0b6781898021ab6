/*
 * People named in a question, matched against the user directory: "Ana", "ana's", "Ana Lopez", "Lopez",
 * or a small typo ("Anna" for "Ana" is two edits away and does not match; "Lopes" for "Lopez" does).
 * The directory is small (the team), so matching in memory is faster than any round trip.
 */

export type Person = { id: string; name: string };

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Names and the short forms people use for them: "Dave" is David, "Rob" and "Bob" are Robert. */
const NICKNAME_GROUPS = [
  'robert rob bob bobby robbie',
  'david dave davey',
  'samuel sam sammy',
  'samantha sam sammie',
  'michael mike mikey',
  'william will bill billy liam',
  'james jim jimmy jamie',
  'richard rick rich ricky',
  'thomas tom tommy',
  'christopher chris',
  'christine chris christina',
  'daniel dan danny',
  'matthew matt',
  'anthony tony',
  'joseph joe joey',
  'steven steve',
  'stephen steve',
  'andrew andy drew',
  'patrick pat',
  'patricia pat patty trish',
  'elizabeth liz beth betty lizzie',
  'katherine kate katie kathy',
  'catherine cathy kate',
  'jennifer jen jenny',
  'margaret maggie meg peggy',
  'rebecca becky becca',
  'susan sue susie',
  'edward ed eddie ted',
  'gregory greg',
  'jeffrey jeff',
  'kenneth ken kenny',
  'ronald ron ronnie',
  'donald don donny',
  'benjamin ben benny',
  'alexander alex',
  'alexandra alex lexi',
  'nicholas nick nicky',
  'victoria vicky tori',
  'timothy tim',
  'joshua josh',
  'zachary zach zack',
  'charles charlie chuck',
  'nathan nate',
  'peter pete',
  'raymond ray',
  'lawrence larry',
  'frederick fred freddie',
  'douglas doug',
  'phillip phil',
  'philip phil',
  'francis frank',
  'jacob jake',
  'abigail abby',
  'deborah deb debbie',
  'pamela pam',
  'margarita rita',
].map((group) => group.split(' '));

/** Every name a word may stand for: itself and, for a known name or short form, the others of its groups. */
const nameForms = new Map<string, Set<string>>();
for (const group of NICKNAME_GROUPS) {
  for (const name of group) {
    const forms = nameForms.get(name) ?? new Set([name]);
    for (const other of group) forms.add(other);
    nameForms.set(name, forms);
  }
}

/** The formal names a short form stands for: "dave" is David, "rob" Robert; never the other way round. */
const formalNames = new Map<string, Set<string>>();
for (const [formal, ...shortForms] of NICKNAME_GROUPS) {
  for (const short of shortForms) {
    const names = formalNames.get(short) ?? new Set<string>();
    if (formal) names.add(formal);
    formalNames.set(short, names);
  }
}

/**
 * A word that names a part for sure: the same word, a short form of it ("dave" for David), a possessive
 * without its apostrophe, or one typing slip in a long name. A formal name typed for a short one in the
 * directory ("Robert" for Rob Miller) or one short form for another ("Bob" for Rob) is a guess: Rob may
 * be a Robin, and nobody may be called Robert.
 */
function surelyMatches(word: string, namePart: string): boolean {
  if (word === namePart || formalNames.get(word)?.has(namePart)) return true;
  if (word.length >= 3 && word.endsWith('s') && surelyMatches(word.slice(0, -1), namePart)) return true;
  return namePart.length >= 5 && word.length >= 5 && editDistance(word, namePart, 1) <= 1;
}

/** Whether the name typed finds the person only by guessing a form of a name (see surelyMatches). */
export function isGuessedName(name: string, person: Person): boolean {
  const parts = fold(person.name)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return !wordsOfName(name).every((word) => parts.some((part) => surelyMatches(word, part)));
}

const wordsOfName = (name: string) =>
  fold(name)
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * A word close enough to a name part: equal, the same name in another form ("dave" for David), a
 * possessive typed without its apostrophe ("robs"), or one edit apart for names of five letters or more.
 */
function wordMatches(word: string, namePart: string): boolean {
  if (word === namePart || nameForms.get(word)?.has(namePart)) return true;
  if (word.length >= 3 && word.endsWith('s') && wordMatches(word.slice(0, -1), namePart)) return true;
  return namePart.length >= 5 && word.length >= 5 && editDistance(word, namePart, 1) <= 1;
}

/**
 * The people a name (one or more words as typed) may mean, best first: full-name matches, then every
 * user with a name part matching each word. Several results mean the name is ambiguous.
 */
export function matchPeople(name: string, people: readonly Person[]): Person[] {
  const words = wordsOfName(name);
  if (words.length === 0) return [];
  const directory = foldedDirectoryOf(people);
  const whole = words.join(' ');
  const exact = directory.filter((entry) => entry.folded === whole).map((entry) => entry.person);
  if (exact.length > 0) return exact;
  return directory
    .filter((entry) => words.every((word) => entry.parts.some((part) => wordMatches(word, part))))
    .map((entry) => entry.person);
}

type FoldedPerson = { person: Person; folded: string; parts: string[] };
const foldedDirectories = new WeakMap<readonly Person[], FoldedPerson[]>();

/** The directory's names folded and split once per directory copy: a question may match several names. */
function foldedDirectoryOf(people: readonly Person[]): FoldedPerson[] {
  let directory = foldedDirectories.get(people);
  if (!directory) {
    directory = people.map((person) => {
      const folded = fold(person.name);
      return { person, folded, parts: folded.split(/[^a-z0-9]+/).filter(Boolean) };
    });
    foldedDirectories.set(people, directory);
  }
  return directory;
}

/**
 * The directory's name parts: exact, and by their one-letter deletions, so the parts one typing slip
 * from a word are found by looking up the word's own deletions (two words one slip apart share a
 * deletion: "nakamra" and "nakamura" both give "nakamra"), not by comparing it with every part: with
 * 10,000 users that was thousands of comparisons per word.
 */
export type NameParts = { exact: Set<string>; byDeletion: Map<string, string[]> };

const partsCache = new WeakMap<readonly Person[], NameParts>();

/** Typos are looked for only in words and name parts this long: shorter ones are too alike. */
const TYPO_MIN_LENGTH = 5;

/** The word and every form of it with one letter left out. */
function deletionsOf(word: string): string[] {
  const forms = [word];
  for (let index = 0; index < word.length; index += 1) forms.push(word.slice(0, index) + word.slice(index + 1));
  return forms;
}

/** Every name part of the directory, for spotting names in a question without a query per word. */
export function namePartsOf(people: readonly Person[]): NameParts {
  const cached = partsCache.get(people);
  if (cached) return cached;
  const exact = new Set<string>();
  const byDeletion = new Map<string, string[]>();
  for (const person of people) {
    for (const part of fold(person.name).split(/[^a-z0-9]+/)) {
      if (part.length < 2 || exact.has(part)) continue;
      exact.add(part);
      if (part.length < TYPO_MIN_LENGTH) continue;
      for (const form of deletionsOf(part)) {
        const parts = byDeletion.get(form);
        if (parts) parts.push(part);
        else byDeletion.set(form, [part]);
      }
    }
  }
  const parts = { exact, byDeletion };
  partsCache.set(people, parts);
  return parts;
}

/** Whether a question word may be (part of) a user's name. */
export function mayBeNamePart(word: string, parts: NameParts): boolean {
  const folded = fold(word);
  if (parts.exact.has(folded)) return true;
  // "robs pipeline", "daves deals": a possessive without its apostrophe, a short or long form of a name.
  const bare = folded.length >= 3 && folded.endsWith('s') ? folded.slice(0, -1) : folded;
  if (parts.exact.has(bare)) return true;
  for (const form of [...(nameForms.get(folded) ?? []), ...(nameForms.get(bare) ?? [])]) {
    if (parts.exact.has(form)) return true;
  }
  if (folded.length < TYPO_MIN_LENGTH) return false;
  for (const form of deletionsOf(folded)) {
    for (const part of parts.byDeletion.get(form) ?? []) if (editDistance(folded, part, 1) <= 1) return true;
  }
  return false;
}

/**
 * Builds the directory's name indexes ahead of the first question that needs them: a directory is
 * reloaded in the background (query.service.ts), and 10,000 names take tens of milliseconds to index.
 */
export function indexNames(people: readonly Person[]): void {
  namePartsOf(people);
  foldedDirectoryOf(people);
}
