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
      // "amount>10000", "stage=proposal": comparison signs read as words of their own.
      .replace(/\s*(>=|<=|=>|=<|>|<|=)\s*/g, ' $1 ')
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

  has(pattern: RegExp): boolean {
    return pattern.test(this.text);
  }

  /** The original text (with its casing) of a span. */
  originalOf(start: number, end: number): string {
    return this.original.slice(start, end);
  }
}
