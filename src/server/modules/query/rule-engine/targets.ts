import type { AnalysisPlan } from '../../../../shared/contracts/query.js';
import { takePeople, takeTeam } from './names.js';
import type { Person } from './people.js';
import { timeRangeOf } from './record-filters.js';
import type { TextCursor } from './text-cursor.js';
import type { Period } from './time-frames.js';

/*
 * Questions about sales targets: quota, attainment, pipeline coverage, "how far am I from my target",
 * "are we on track". They are answered by the attainment analysis: each person's monthly targets summed
 * over the period against what they won, with the pipeline that could close the gap.
 */

const ABOUT_TARGETS = new RegExp(
  [
    String.raw`\b(?:pipeline\s+)?coverage(?:\s+ratio)?\b`,
    String.raw`\bquotas?\b(?:\s+attainment)?`,
    String.raw`\battainment\b`,
    String.raw`\b(?:sales|revenue|bookings|booking|monthly|quarterly|annual|yearly)\s+(?:targets?|goals?)\b`,
    String.raw`\b(?:my|our|team|their|his|her|your)\s+(?:targets?|goals?)\b`,
    String.raw`\b(?:against|vs\.?|versus|to|toward|towards|from|on|off|hit|hitting|meet|meeting|reach|reaching|make|making|beat|beating|above|below|under|over|behind|ahead of)\s+(?:my\s+|our\s+|the\s+|their\s+|his\s+|her\s+)?(?:targets?|goals?|plan)\b`,
    String.raw`\bon\s+track\b`,
  ].join('|'),
);

/**
 * Whether a question is about targets. Such questions go to the rule engine first: a model would answer
 * "pipeline coverage" with the pipeline alone.
 */
export function asksAboutTargets(question: string): boolean {
  return ABOUT_TARGETS.test(question.toLowerCase());
}

/** The glue of such questions that no other pass reads. */
const TARGET_GLUE =
  /\b(?:targets?|goals?|quotas?|attainment|coverage|ratio|on track|track|hit|hitting|meet|meeting|reach|reaching|make|making|beat|beating|behind|ahead|against|progress|percentage|percent|close|near|far|plan)\b/;

/** An attainment plan for a question about targets; undefined for any other question. */
export function takeAttainment(
  cursor: TextCursor,
  people: readonly Person[],
  period: Period | undefined,
): AnalysisPlan | undefined {
  if (!ABOUT_TARGETS.test(cursor.text)) return undefined;
  while (cursor.take(ABOUT_TARGETS)) {
    // every mention is read
  }
  // "Maria's team", then a person ("Rob's quota", "my attainment"); "our" and "we" are everyone the
  // asker sees the targets of, which is what the analysis answers by default.
  const team = takeTeam(cursor, people);
  const named = team ? undefined : takePeople(cursor, people);
  while (cursor.take(TARGET_GLUE)) {
    // the rest of the phrase
  }
  const owner = named?.me ? 'me' : named?.names[0];
  return {
    kind: 'analysis',
    analysis: 'attainment',
    ...(team && !team.negated ? { team: team.name } : {}),
    ...(owner ? { owner } : {}),
    ...(period ? { timeRange: timeRangeOf(period, 'closeDate') } : {}),
  };
}
