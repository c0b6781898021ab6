import { matchPeople, type Person } from './people.js';

/*
 * A colleague asked about as if an account: "how is Rita doing", "summary for Rob", "Rita's performance".
 * Summaries are of accounts, and Meridian keeps no single figure of how a person is doing, so the
 * question is refused with the questions about that person it can answer, rather than answered with
 * "no account matches Rita".
 */

/** Words that ask how someone is doing, when no record kind is named. */
export const PERFORMANCE_WORDS = /\b(?:performance|numbers|stats|statistics|results|progress|scorecard)\b/;

/** The hint for a name that is a colleague's (the whole name, not a word of an account's); else undefined. */
export function colleagueSubjectHint(name: string, people: readonly Person[]): string | undefined {
  const matches = matchPeople(name, people);
  if (matches.length === 0) return undefined;
  const who = matches.length === 1 && matches[0] ? matches[0].name : name;
  return `${name} is a colleague, not an account, and I summarise accounts only. About ${who} I can answer, for example: "${who}'s pipeline", "win rate for ${who} this quarter", "deals ${who} won this quarter", "activity summary for ${who} last month", "${who}'s overdue tasks".`;
}
