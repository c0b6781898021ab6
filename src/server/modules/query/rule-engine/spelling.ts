import type { Person } from './people.js';
import { nameWordsOf } from './unread-words.js';

/*
 * Misspelt words of the plan's vocabulary ("leeds from referal", "overdue taks", "dealss in negotiation"):
 * a word the planner could not read is taken for the vocabulary word one typing slip away (two for long
 * words), when exactly one word is that close. Only words left unread are corrected, so a word the
 * passes know is never turned into another, and people's names are left alone.
 */

const VOCABULARY = `deal deals opportunity opportunities lead leads account accounts customer customers contact contacts
  activity activities task tasks visit visits meeting meetings calls emails notes dealers distributors suppliers
  partners pipeline forecast negotiation proposal prospecting qualification qualified referral referrals website
  overdue closing closed won lost revenue average total tomorrow yesterday today week weeks month months quarter
  quarters year years priority urgent summary converted disqualified source sources stage stages status territory
  pending upcoming scheduled completed planned january february march april june july august september october
  november december monday tuesday wednesday thursday friday saturday sunday decision makers companies`
  .split(/\s+/)
  .filter(Boolean);

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours. */
function typingDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}

/** The vocabulary word a misspelt word stands for, or undefined when none (or more than one) is that close. */
export function correctedWord(word: string): string | undefined {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return undefined;
  // "opportunitys", "activitys": a plural made with -ys.
  const plural = word.replace(/([^aeiou])ys$/, '$1ies');
  if (plural !== word && VOCABULARY.includes(plural)) return plural;
  // Two slips only in a long word; a slip rarely hits the first letter, and "coverage" is not "average".
  const limit = word.length >= 10 ? 2 : 1;
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const candidate of VOCABULARY) {
    if (candidate[0] !== word[0]) continue;
    const distance = typingDistance(word, candidate, limit);
    if (distance < bestDistance) {
      best = [candidate];
      bestDistance = distance;
    } else if (distance === bestDistance) best.push(candidate);
  }
  if (bestDistance > limit) return undefined;
  // "taks" is as close to "task" as to "tasks": the same word, so the plural is taken.
  const stems = new Set(best.map((candidate) => candidate.replace(/s$/, '')));
  return stems.size === 1 ? best.sort((a, b) => b.length - a.length)[0] : undefined;
}

/**
 * The question with its unread words corrected, or undefined when none could be. Words are replaced where
 * typed in lower case (a capitalised word is a name); colleagues' names are never touched.
 */
export function respelledQuestion(
  question: string,
  unread: readonly string[],
  people: readonly Person[],
): string | undefined {
  const names = nameWordsOf(people);
  let changed = false;
  const respelled = question.replace(/[A-Za-z]+/g, (word) => {
    if (word !== word.toLowerCase() || names.has(word) || !unread.includes(word)) return word;
    const corrected = correctedWord(word);
    if (!corrected) return word;
    changed = true;
    return corrected;
  });
  return changed ? respelled : undefined;
}
