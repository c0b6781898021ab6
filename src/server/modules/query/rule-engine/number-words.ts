/*
 * Amounts spelt out in words ("deals over fifty thousand", "two hundred thousand", "half a million",
 * "one and a half million"), written as digits before the passes read the question, so the comparisons
 * read them as they read "50k". Only a run that holds a tens word or a scale (hundred, thousand, million,
 * billion) is a number: "one of my reps", "no one", "a week" and "top five" keep their words.
 */

export const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
export const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

const WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TENS), 'hundred', ...Object.keys(SCALES)].join('|')})`;

/** A run of number words, with "and", "a", "half" and hyphens between them ("twenty-five", "a hundred and ten"). */
const RUN = new RegExp(
  String.raw`\b(?:(?:a|an|half(?:\s+an?)?)\s+)?${WORD}(?:(?:\s+and\s+a\s+half|\s+and|\s+|-)+(?:${WORD}))*(?:\s+and\s+a\s+half\s+${WORD})?\b`,
  'gi',
);

/** The value of a run of number words, or undefined when it is no amount ("one", "five"). */
function amountOf(run: string): number | undefined {
  const words = run.toLowerCase().split(/[\s-]+/);
  if (!words.some((word) => word in TENS || word === 'hundred' || word in SCALES)) return undefined;
  let total = 0;
  let current = 0;
  let half = false;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (word === 'half') half = true;
    else if (word in UNITS) current += UNITS[word] ?? 0;
    else if (word in TENS) current += TENS[word] ?? 0;
    else if (word === 'hundred') current = (current || 1) * 100;
    else if (word in SCALES) {
      // "half a million": a half of the scale; "one and a half million": one and a half of it.
      const count = half ? current + 0.5 : current || 1;
      total += count * (SCALES[word] ?? 1);
      current = 0;
      half = false;
    }
  }
  return total + current + (half ? 0.5 : 0);
}

/** The question with every amount spelt in words written in digits. */
export function spelledNumbersAsDigits(text: string): string {
  return text.replace(RUN, (run: string, offset: number) => {
    // "1.5 million", "2 thousand": a scale after digits is read with them (comparisons.ts).
    if (/\d\s*$/.test(text.slice(0, offset))) return run;
    const value = amountOf(run);
    return value === undefined ? run : String(value);
  });
}
