import * as chrono from 'chrono-node';
import {
  addDays,
  type CalendarDay,
  dayIn,
  lastDayOfMonth,
  makeDay,
  offsetMinutes,
  toIsoDate,
  weekdayOf,
} from './calendar.js';
import { TENS, UNITS } from './number-words.js';
import type { TextCursor } from './text-cursor.js';

/*
 * Periods named in a question, turned into inclusive calendar ranges. chrono-node reads single dates
 * ("March 15", "next Friday", "2026-04-01"); periods ("this quarter", "Q3", "in the next 10 days") are
 * ours, because chrono answers instants, not ranges. Weeks start on Monday.
 */

export type Period = {
  from?: string;
  to?: string;
  label: string;
  direction?: 'past' | 'future';
  /** "the last 30 days", "the past 2 weeks": a span of whole days back from now, which times read as rolling. */
  days?: number;
  /** "older than 60 days", "overdue by more than a week": before this instant (ISO), now less the span. */
  before?: string;
};

export type TimeContext = { now: Date; timeZone: string };

/** The months' names, lower case, January first. */
export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_PATTERN =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const monthNumber = (name: string) => MONTHS.findIndex((month) => month.startsWith(name.slice(0, 3))) + 1;

const UNIT = '(day|week|month|quarter|year)s?';
/** Counts of a period in words ("the last two weeks", "a month"), from one to ninety-nine by tens. */
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  ...Object.fromEntries(Object.entries(UNITS).filter(([, value]) => value > 0)),
  ...TENS,
};
const COUNT = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const countOf = (text: string) => NUMBER_WORDS[text] ?? Number(text);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

function unitRange(today: CalendarDay, unit: Unit, offset: number): { from: CalendarDay; to: CalendarDay } {
  switch (unit) {
    case 'day': {
      const day = addDays(today, offset);
      return { from: day, to: day };
    }
    case 'week': {
      const monday = addDays(today, 1 - weekdayOf(today) + offset * 7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'month': {
      const first = makeDay(today.year, today.month + offset, 1);
      return { from: first, to: lastDayOfMonth(first.year, first.month) };
    }
    case 'quarter': {
      const quarterStart = Math.floor((today.month - 1) / 3) * 3 + 1;
      const first = makeDay(today.year, quarterStart + offset * 3, 1);
      return { from: first, to: lastDayOfMonth(first.year, first.month + 2) };
    }
    case 'year':
      return { from: makeDay(today.year + offset, 1, 1), to: makeDay(today.year + offset, 12, 31) };
  }
}

const range = (from: CalendarDay | undefined, to: CalendarDay | undefined, label: string): Period => ({
  ...(from ? { from: toIsoDate(from) } : {}),
  ...(to ? { to: toIsoDate(to) } : {}),
  label,
});

function quarterRange(quarter: number, year: number, label: string): Period {
  const first = makeDay(year, (quarter - 1) * 3 + 1, 1);
  return range(first, lastDayOfMonth(year, first.month + 2), label);
}

/** Every pattern with how it becomes a period; the first that matches the question wins. */
type Rule = {
  pattern: RegExp;
  period: (match: RegExpExecArray, today: CalendarDay, text: string) => Period | undefined;
};

/** Words that look ahead ("closing in March") or back ("won in March") in a question. */
const LOOKS_AHEAD =
  /\b(clos(?:e|es|ing)|due|upcoming|coming|planned|scheduled|expected|expect|forecast|pipeline|will|going to|plan(?:ned)?|renew(?:al|als|s)?)\b/;
const LOOKS_BACK =
  /\b(won|lost|closed|did|made|was|were|created|came in|got|sold|converted|completed|done|had|logged|visited|called|met|since)\b/;

/**
 * The year of a month (1–12) named without one: the current year for the current month; otherwise the
 * coming one when the question looks ahead ("deals closing in March", asked in December, are next
 * year's), the past one when it looks back ("won in March"), else whichever is nearer.
 */
function yearOfMonth(month: number, today: CalendarDay, text: string): number {
  if (month === today.month) return today.year;
  const ahead = LOOKS_AHEAD.test(text);
  const back = LOOKS_BACK.test(text);
  const upcoming = month > today.month ? today.year : today.year + 1;
  const past = month < today.month ? today.year : today.year - 1;
  if (ahead && !back) return upcoming;
  if (back && !ahead) return past;
  const monthsAway = (year: number) => Math.abs((year - today.year) * 12 + month - today.month);
  return monthsAway(upcoming) <= monthsAway(past) ? upcoming : past;
}

const RELATIVE_YEAR = { last: -1, this: 0, next: 1 } as const;

/** A quarter without a year is read like its middle month: "Q1 pipeline" in December is next year's. */
function yearOfQuarter(quarter: number, today: CalendarDay, text: string): number {
  const currentQuarter = Math.floor((today.month - 1) / 3) + 1;
  if (quarter === currentQuarter) return today.year;
  return yearOfMonth((quarter - 1) * 3 + 2, { ...today, month: (currentQuarter - 1) * 3 + 2 }, text);
}

function quarterBounds(quarter: number, year: number): { from: CalendarDay; to: CalendarDay } {
  const from = makeDay(year, (quarter - 1) * 3 + 1, 1);
  return { from, to: lastDayOfMonth(year, from.month + 2) };
}

const rules: Rule[] = [
  {
    // "by the end of the month", and "closing end of month" with the "by" left out.
    pattern:
      /\b(?:(?:by|before|until|till|through|at)\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(week|month|quarter|year)\b|\b(?:rest|remainder)\s+of\s+(?:the\s+|this\s+)?(week|month|quarter|year)\b/,
    period: (match, today) => {
      const unit = (match[1] ?? match[2]) as Unit;
      const end = unitRange(today, unit, 0).to;
      // "the rest of the month" starts today; "by the end of the month" is anything due by then.
      const rest = /\b(?:rest|remainder)\b/.test(match[0]);
      return {
        ...range(rest ? today : undefined, end, `${rest ? 'the rest of' : 'by the end of'} the ${unit}`),
        direction: 'future',
      };
    },
  },
  {
    // "by the end of next month", and "closing end of next month" with the "by" left out.
    pattern: /\b(?:(?:by|before|until|till|through|at)\s+)?(?:the\s+)?end\s+of\s+next\s+(week|month|quarter|year)\b/,
    period: (match, today) => ({
      ...range(undefined, unitRange(today, match[1] as Unit, 1).to, `by the end of next ${match[1]}`),
      direction: 'future',
    }),
  },
  {
    // "by end of Q1", "thru end of january", "between now and end of march", "by mid-january": from today.
    pattern: new RegExp(
      `\\b(?:by|before|until|till|through|up to|between now and|from now (?:to|until|till|through))\\s+(?:the\\s+)?(end|mid(?:dle)?)(?:[\\s-]+of)?[\\s-]+(?:${MONTH_PATTERN}(?:\\s+(\\d{4}))?|q([1-4])(?:\\s+(\\d{4}))?)\\b`,
    ),
    period: (match, today) => {
      const [, edge, monthName, monthYear, quarter, quarterYear] = match;
      const middle = edge !== 'end';
      let last: CalendarDay;
      let name: string;
      if (monthName) {
        const month = monthNumber(monthName);
        const year = monthYear ? Number(monthYear) : today.year + (month < today.month ? 1 : 0);
        last = middle ? makeDay(year, month, 15) : lastDayOfMonth(year, month);
        name = `${capitalise(MONTHS[month - 1] ?? '')} ${year}`;
      } else {
        const number = Number(quarter);
        const currentQuarter = Math.floor((today.month - 1) / 3) + 1;
        const year = quarterYear ? Number(quarterYear) : today.year + (number < currentQuarter ? 1 : 0);
        const { from, to } = quarterBounds(number, year);
        last = middle ? makeDay(from.year, from.month + 1, 15) : to;
        name = `Q${number} ${year}`;
      }
      const label = `${middle ? 'by the middle of' : 'by the end of'} ${name}`;
      // Up to then, whatever slipped before today included (a deal overdue still has to close by then),
      // unless the question starts the count now ("between now and the end of march").
      const fromNow = /\bnow\b/.test(match[0]);
      return { ...range(fromNow ? today : undefined, last, label), direction: 'future' };
    },
  },
  {
    // "the first week of january", "last week of march": seven days of the month.
    pattern: new RegExp(
      `\\b(first|second|third|fourth|1st|2nd|3rd|4th|last)\\s+week\\s+(?:of|in)\\s+${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\b`,
    ),
    period: (match, today, text) => {
      const month = monthNumber(match[2] ?? '');
      const year = match[3] ? Number(match[3]) : yearOfMonth(month, today, text);
      const end = lastDayOfMonth(year, month);
      const from =
        match[1] === 'last' ? addDays(end, -6) : makeDay(year, month, 1 + ((ORDINALS[match[1] ?? ''] ?? 1) - 1) * 7);
      return range(from, addDays(from, 6), `the ${match[1]} week of ${capitalise(MONTHS[month - 1] ?? '')} ${year}`);
    },
  },
  {
    // "december or january", "jan and feb", "between january and march": the months from the first to the second.
    pattern: new RegExp(
      `(?:\\b(?:between|from)\\s+)?\\b${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\s+(?:or|and|&|/|\\+)\\s+${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\b(?!\\s*\\d{1,2}(?:st|nd|rd|th)?\\b)`,
    ),
    period: (match, today, text) => {
      const firstMonth = monthNumber(match[1] ?? '');
      const lastMonth = monthNumber(match[3] ?? '');
      const firstYear = match[2] ? Number(match[2]) : yearOfMonth(firstMonth, today, text);
      const lastYear = match[4] ? Number(match[4]) : firstYear + (lastMonth < firstMonth ? 1 : 0);
      return range(
        makeDay(firstYear, firstMonth, 1),
        lastDayOfMonth(lastYear, lastMonth),
        `${capitalise(MONTHS[firstMonth - 1] ?? '')} ${firstYear} to ${capitalise(MONTHS[lastMonth - 1] ?? '')} ${lastYear}`,
      );
    },
  },
  {
    pattern:
      /\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+(?:of\s+)?(?:(\d{4})|(this|next|last)\s+year))?\b/,
    period: (match, today, text) => {
      const ordinal = ORDINALS[match[2] ?? ''] ?? 1;
      const quarter = match[1] ? Number(match[1]) : ordinal;
      const year = match[3]
        ? Number(match[3])
        : match[4]
          ? today.year + RELATIVE_YEAR[match[4] as keyof typeof RELATIVE_YEAR]
          : yearOfQuarter(quarter, today, text);
      return quarterRange(quarter, year, `Q${quarter} ${year}`);
    },
  },
  {
    pattern: /\b(?:h([12])|(first|second)\s+half)(?:\s+(?:of\s+)?(?:(?:the\s+)?(\d{4})|(this|next|last)\s+year))?\b/,
    period: (match, today) => {
      const half = match[1] ? Number(match[1]) : match[2] === 'first' ? 1 : 2;
      const year = match[3]
        ? Number(match[3])
        : today.year + (match[4] ? RELATIVE_YEAR[match[4] as keyof typeof RELATIVE_YEAR] : 0);
      const first = makeDay(year, half === 1 ? 1 : 7, 1);
      return range(first, lastDayOfMonth(year, first.month + 5), `H${half} ${year}`);
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:in|within|during|over|for)?\\s*(?:the\\s+)?(?:next|coming|upcoming|following)\\s+${COUNT}\\s+${UNIT}\\b`,
    ),
    period: (match, today) => {
      const count = countOf(match[1] ?? '1');
      const unit = match[2] as Unit;
      return {
        ...range(today, endAfter(today, unit, count), `the next ${count} ${unit}${count === 1 ? '' : 's'}`),
        direction: 'future',
      };
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:in|within|during|over|for)?\\s*(?:the\\s+)?(?:last|past|previous|prior)\\s+${COUNT}\\s+${UNIT}\\b`,
    ),
    period: (match, today) => {
      const count = countOf(match[1] ?? '1');
      const unit = match[2] as Unit;
      const start = endAfter(today, unit, -count);
      const days = unit === 'day' ? count : unit === 'week' ? count * 7 : undefined;
      const label = `the last ${count} ${unit}${count === 1 ? '' : 's'}`;
      return { ...range(start, today, label), direction: 'past', ...(days ? { days } : {}) };
    },
  },
  {
    pattern: new RegExp(`\\b(?:within|in)\\s+${COUNT}\\s+${UNIT}\\b|\\bin\\s+the\\s+next\\s+${UNIT}\\b`),
    period: (match, today) => {
      if (match[3]) return { ...range(today, endAfter(today, match[3] as Unit, 1), `the next ${match[3]}`) };
      const count = countOf(match[1] ?? '1');
      const unit = match[2] as Unit;
      return range(today, endAfter(today, unit, count), `within ${count} ${unit}s`);
    },
  },
  {
    pattern:
      /\b(?:(?:so far\s+)?this|current|the current)\s+(week|month|quarter|year)(?:\s+so far)?\b|\b(week|month|quarter|year)[\s-]to[\s-]date\b|\bytd\b|\bqtd\b|\bmtd\b/,
    period: (match, today) => {
      const toDate = /to[\s-]date|ytd|qtd|mtd|so far/.test(match[0]);
      const unit = (match[1] ??
        match[2] ??
        { ytd: 'year', qtd: 'quarter', mtd: 'month' }[match[0] as 'ytd' | 'qtd' | 'mtd']) as Unit;
      const { from, to } = unitRange(today, unit, 0);
      return range(from, toDate ? today : to, toDate ? `${unit} to date` : `this ${unit}`);
    },
  },
  {
    pattern: /\b(?:next|coming|upcoming|following)\s+(week|month|quarter|year)\b/,
    period: (match, today) => {
      const { from, to } = unitRange(today, match[1] as Unit, 1);
      return range(from, to, `next ${match[1]}`);
    },
  },
  {
    pattern: /\b(?:last|previous|past|prior)\s+(week|month|quarter|year)\b/,
    period: (match, today) => {
      const { from, to } = unitRange(today, match[1] as Unit, -1);
      return range(from, to, `last ${match[1]}`);
    },
  },
  {
    pattern: /\b(?:soon|shortly|imminent(?:ly)?|coming up soon)\b/,
    period: (_match, today) => ({ ...range(today, addDays(today, 7), 'soon (the next 7 days)'), direction: 'future' }),
  },
  { pattern: /\btoday\b|\btonight\b/, period: (_match, today) => range(today, today, 'today') },
  {
    pattern: /\btomorrow\b/,
    period: (_match, today) => range(addDays(today, 1), addDays(today, 1), 'tomorrow'),
  },
  {
    pattern: /\byesterday\b/,
    period: (_match, today) => range(addDays(today, -1), addDays(today, -1), 'yesterday'),
  },
  {
    // "last friday" is the one before today, "next monday" the one after, "this thursday" this week's.
    pattern:
      /(?<!\b(?:since|from|after|before|until|till|by|through|starting)\s)\b(last|past|this past|previous|this|next|coming|this coming)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/,
    period: (match, today) => {
      const weekday = WEEKDAYS.indexOf(match[2] ?? '') + 1;
      const todayWeekday = weekdayOf(today);
      const when = match[1] ?? '';
      let offset = weekday - todayWeekday;
      if (/last|past|previous/.test(when) && offset >= 0) offset -= 7;
      if (/next|coming/.test(when) && offset <= 0) offset += 7;
      const day = addDays(today, offset);
      return range(day, day, `${when} ${match[2]} (${toIsoDate(day)})`);
    },
  },
  {
    pattern: /\bthis\s+weekend\b/,
    period: (_match, today) => {
      const saturday = addDays(today, 6 - weekdayOf(today));
      return range(saturday, addDays(saturday, 1), 'this weekend');
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:from|between)\\s+${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\s+(?:to|until|till|through|and|-)\\s+${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\b(?!\\s*\\d{1,2}(?:st|nd|rd|th)?\\b)`,
    ),
    period: (match, today) => {
      const firstMonth = monthNumber(match[1] ?? '');
      const lastMonth = monthNumber(match[3] ?? '');
      const firstYear = match[2] ? Number(match[2]) : today.year;
      const lastYear = match[4] ? Number(match[4]) : firstYear + (lastMonth < firstMonth ? 1 : 0);
      return range(
        makeDay(firstYear, firstMonth, 1),
        lastDayOfMonth(lastYear, lastMonth),
        `${match[1]} to ${match[3]}`,
      );
    },
  },
  {
    pattern: new RegExp(
      `\\b(since|from|starting|after|before|until|till|by|through)\\s+${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\b(?!\\s*\\d{1,2}(?:st|nd|rd|th)?\\b)`,
    ),
    period: (match, today, text) => {
      const word = match[1] ?? '';
      const month = monthNumber(match[2] ?? '');
      const year = match[3] ? Number(match[3]) : yearOfMonth(month, today, word === 'since' ? 'since' : text);
      const first = makeDay(year, month, 1);
      const last = lastDayOfMonth(year, month);
      const name = `${capitalise(MONTHS[month - 1] ?? '')} ${year}`;
      if (word === 'before') return range(undefined, addDays(first, -1), `before ${name}`);
      if (word === 'after') return range(addDays(last, 1), undefined, `after ${name}`);
      if (['until', 'till', 'by', 'through'].includes(word)) return range(undefined, last, `until the end of ${name}`);
      return range(first, undefined, `since ${name}`);
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:in|during|for|of)?\\s*${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\b(?!\\s*\\d{1,2}(?:st|nd|rd|th)?\\b)`,
    ),
    period: (match, today, text) => {
      const name = match[1] ?? '';
      // "may" is also a verb; only a clear month reading counts ("in may", "may 2026").
      if (name === 'may' && !/^\s*(in|during|for|of)\b/.test(match[0]) && !match[2]) return undefined;
      if (name === 'mar' || name === 'jun' || name === 'jul') {
        if (!/^\s*(in|during|for|of)\b/.test(match[0]) && !match[2]) return undefined;
      }
      const month = monthNumber(name);
      const year = match[2] ? Number(match[2]) : yearOfMonth(month, today, text);
      const label = `${MONTHS[month - 1]?.replace(/^./, (letter) => letter.toUpperCase())} ${year}`;
      return range(makeDay(year, month, 1), lastDayOfMonth(year, month), label);
    },
  },
  {
    // "before 2027", "after 2026", "since 2025", "through 2026": a whole year as the bound.
    pattern: /\b(before|after|since|from|until|till|by|through)\s+(\d{4})\b(?![-/.]\d)/,
    period: (match) => {
      const year = Number(match[2]);
      if (year < 1990 || year > 2100) return undefined;
      switch (match[1]) {
        case 'before':
          return range(undefined, makeDay(year - 1, 12, 31), `before ${year}`);
        case 'after':
          return range(makeDay(year + 1, 1, 1), undefined, `after ${year}`);
        case 'since':
        case 'from':
          return range(makeDay(year, 1, 1), undefined, `since ${year}`);
        default:
          return range(undefined, makeDay(year, 12, 31), `until the end of ${year}`);
      }
    },
  },
  {
    pattern: /\b(?:in|during|for)\s+(\d{4})\b/,
    period: (match) => {
      const year = Number(match[1]);
      if (year < 1990 || year > 2100) return undefined;
      return range(makeDay(year, 1, 1), makeDay(year, 12, 31), String(year));
    },
  },
];

/**
 * The last day of `count` units from today, today being the first: "the next 7 days" are today and the six
 * after it, "the next 2 weeks" 14 days; backwards ("the last 30 days", a negative count) the first of them.
 * Months and longer run to the same day of the month: "the next month" ends a month on.
 */
function endAfter(today: CalendarDay, unit: Unit, count: number): CalendarDay {
  const step = Math.sign(count);
  switch (unit) {
    case 'day':
      return addDays(today, count - step);
    case 'week':
      return addDays(today, count * 7 - step);
    case 'month':
      return makeDay(today.year, today.month + count, today.day);
    case 'quarter':
      return makeDay(today.year, today.month + count * 3, today.day);
    case 'year':
      return makeDay(today.year + count, today.month, today.day);
  }
}

/** "before/after/by/since/until/on <a date>": chrono reads the date; the word decides the side. */
const BOUNDED_DATE =
  /\b(before|after|by|since|until|till|through|up to|from|starting|on|due|between|week of)\s+(?!the\s+(?:next|last|past)\b)([a-z0-9][a-z0-9 ,/.-]{1,40})/;

/** "the 8th", "the 21st": a day of the month chrono does not read alone. */
const ORDINAL_DAY = /^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b/;

/** "the week of dec 14" wins over the words around it ("tasks due the week of…"). */
const WEEK_OF = /\b(week of)\s+([a-z0-9][a-z0-9 ,/.-]{1,40})/;

function boundedDate(text: string, today: CalendarDay, context: TimeContext, cursor: TextCursor): Period | undefined {
  const weekOf = WEEK_OF.exec(text);
  const week = weekOf ? readBoundedDate(weekOf, text, today, context, cursor) : undefined;
  if (week) {
    // The "the" before it belongs to the week ("due" stays, for the subject).
    const before = /\bthe\s+$/.exec(cursor.text.slice(0, weekOf?.index ?? 0));
    if (before && before[0].length > 0) cursor.consume(before.index, before.index + before[0].length);
    return week;
  }
  const pattern = new RegExp(BOUNDED_DATE.source, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const period = readBoundedDate(match, text, today, context, cursor);
    if (period) return period;
    // Try the next word too: in "due before Friday" the date follows "before", not "due".
    pattern.lastIndex = match.index + (match[1]?.length ?? 0) + 1;
  }
  return undefined;
}

function readBoundedDate(
  match: RegExpExecArray,
  text: string,
  today: CalendarDay,
  context: TimeContext,
  cursor: TextCursor,
): Period | undefined {
  const word = match[1] ?? '';
  const afterWord = match.index + match[0].length - (match[2]?.length ?? 0);
  const parsed = chrono.parse(
    text.slice(afterWord),
    { instant: context.now, timezone: offsetMinutes(context.now, context.timeZone) },
    // A deadline ("by Friday", "due on the 3rd") is the next one; bounds and ranges take the date as named.
    { forwardDate: ['by', 'until', 'till', 'through', 'up to', 'on', 'due'].includes(word) },
  );
  const first = parsed[0];
  // A date in digits that is no day of the calendar (2026-02-30, 2026-13-01, 0000-01-01) is left unread,
  // so the question is refused with it named: chrono would guess another day (13 January) instead.
  if (first && impossibleDigitDate(first.text)) return undefined;
  // The date must follow the word directly ("before March 15"), not somewhere later in the question.
  if (!first || first.index > 1) return ordinalDayBound(word, match, text, afterWord, today, cursor);
  const day = (result: chrono.ParsedComponents) =>
    makeDay(result.get('year') ?? today.year, result.get('month') ?? 1, result.get('day') ?? 1);
  const named = day(first.start);
  // "since monday" on a Saturday is the Monday just gone: a bound looking back never starts in the future.
  const bareWeekday = first.start.isCertain('weekday') && !first.start.isCertain('day');
  // "due before friday" on a Saturday is the Friday to come, unless the question looks back ("won before friday").
  const start =
    bareWeekday && ['since', 'after', 'from', 'starting'].includes(word) && toIsoDate(named) > toIsoDate(today)
      ? addDays(named, -7)
      : bareWeekday && word === 'before' && toIsoDate(named) < toIsoDate(today) && !LOOKS_BACK.test(text)
        ? addDays(named, 7)
        : named;
  // "due" stays for the subject ("anything due monday" asks about tasks); the other words are the bound's.
  cursor.consume(word === 'due' ? afterWord : match.index, afterWord + first.index + first.text.length);
  const iso = toIsoDate(start);
  if (word === 'between' || word === 'from') {
    // chrono reads "March 1 and March 15" as two dates, "March 1 - 15" as one range.
    const next = parsed[1];
    const second = first.end ?? next?.start;
    if (second) {
      const end = day(second);
      if (!first.end && next) cursor.consume(match.index, afterWord + next.index + next.text.length);
      return range(start, end, `${iso} to ${toIsoDate(end)}`);
    }
  }
  return boundOf(word, start);
}

/** Year-month-day in digits that names no real day, or a year no record can have. */
function impossibleDigitDate(text: string): boolean {
  const digits = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text.trim());
  if (!digits) return false;
  const [year, month, day] = digits.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day;
}

/** "due on the 8th": this month's 8th, or next month's once it has passed. */
function ordinalDayBound(
  word: string,
  match: RegExpExecArray,
  text: string,
  afterWord: number,
  today: CalendarDay,
  cursor: TextCursor,
): Period | undefined {
  const ordinal = ORDINAL_DAY.exec(text.slice(afterWord));
  const dayOfMonth = Number(ordinal?.[1]);
  if (!ordinal || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  const looksBack = ['before', 'after', 'since', 'from', 'starting'].includes(word) || LOOKS_BACK.test(text);
  const thisMonth = makeDay(today.year, today.month, dayOfMonth);
  const day = dayOfMonth < today.day && !looksBack ? makeDay(today.year, today.month + 1, dayOfMonth) : thisMonth;
  cursor.consume(word === 'due' ? afterWord : match.index, afterWord + ordinal[0].length);
  return boundOf(word, day);
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The period a bound word makes of a day: before it, after it, from it, on it, its week, or up to it. */
function boundOf(word: string, start: CalendarDay): Period {
  const iso = toIsoDate(start);
  switch (word) {
    case 'week of': {
      const monday = addDays(start, 1 - weekdayOf(start));
      return range(monday, addDays(monday, 6), `the week of ${toIsoDate(monday)}`);
    }
    case 'before':
      return { ...range(undefined, addDays(start, -1), `before ${iso}`) };
    case 'after':
      return range(addDays(start, 1), undefined, `after ${iso}`);
    case 'since':
    case 'from':
    case 'starting':
      return range(start, undefined, `since ${iso}`);
    case 'on':
    case 'due':
      // "due monday" is that day; "due by monday" reads "by".
      return range(start, start, `on ${iso}`);
    default:
      // by, until, through: up to and including the day.
      return { ...range(undefined, start, `by ${iso}`), direction: 'future' };
  }
}

/** chrono is the slowest step: only a question with a digit, a month or a weekday may need it. */
const MAY_HOLD_A_DATE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:noon|midnight|weekend)\b/;

/**
 * Finds the period a question names, consuming its words from the cursor so later steps do not read
 * "march" or "30" again. Undefined when the question names none.
 */
export function findPeriod(cursor: TextCursor, context: TimeContext): Period | undefined {
  const today = dayIn(context.now, context.timeZone);
  for (const rule of rules) {
    const match = rule.pattern.exec(cursor.text);
    if (!match) continue;
    const period = rule.period(match, today, cursor.text);
    if (!period) continue;
    cursor.consume(match.index, match.index + match[0].length);
    return period;
  }
  if (!MAY_HOLD_A_DATE.test(cursor.text)) return undefined;
  return boundedDate(cursor.text, today, context, cursor);
}

/** "today" in the asker's zone, for rules such as "overdue" and "upcoming". */
export function todayIn(context: TimeContext): string {
  return toIsoDate(dayIn(context.now, context.timeZone));
}
