/*
 * Questions about what Meridian does not keep. There are no sales quotas or targets in the data model,
 * so pipeline coverage (open pipeline ÷ quota), attainment and "how far am I from my target" have no
 * honest answer: such a question is refused with the figures Meridian does have, which a team sets
 * against its own target, rather than answered with a made-up quota or with a list that reads like one.
 */

const ABOUT_TARGETS = new RegExp(
  [
    String.raw`\b(?:pipeline\s+)?coverage\b`,
    String.raw`\bquotas?\b`,
    String.raw`\battainment\b`,
    String.raw`\b(?:sales|revenue|bookings|booking|my|our|team|monthly|quarterly|annual|yearly)\s+(?:targets?|goals?)\b`,
    String.raw`\b(?:against|vs\.?|versus|to|toward|towards|from|on|off|hit|hitting|meet|meeting|reach|reaching|make|making|beat|beating|above|below|under|over)\s+(?:my\s+|our\s+|the\s+)?(?:targets?|goals?|plan)\b`,
  ].join('|'),
);

/** What Meridian can answer instead, each a question it answers as it stands. */
export const figuresInsteadOfTargets = [
  'Open pipeline closing this quarter',
  'How much did we win this quarter?',
  'Pipeline this quarter vs next quarter',
  'Forecast by month',
];

/** The hint for a question about quotas or targets; undefined for any other question. */
export function notKept(question: string): string | undefined {
  const asked = ABOUT_TARGETS.exec(question.toLowerCase());
  if (!asked) return undefined;
  return `Meridian keeps no sales quotas or targets, so it cannot work out “${asked[0].trim()}” without making one up. It can give you the figures to set against yours: the open pipeline, what was won, and the forecast. Ask: ${figuresInsteadOfTargets.join(' / ')}.`;
}
