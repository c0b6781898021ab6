import { describe, expect, it } from 'vitest';
import {
  CUSTOM_REPEAT,
  describeRecurrence,
  dueDay,
  NO_REPEAT,
  presetRule,
  recurrenceErrors,
  repeatChoiceOf,
  repeatChoices,
  repeatMessages,
  seriesSentence,
  unitName,
  withRepeatWords,
} from './recurrence.js';

describe('describeRecurrence', () => {
  it('says a rule of one unit as people say it', () => {
    expect(describeRecurrence({ every: 1, unit: 'day' })).toBe('Repeats every day');
    expect(describeRecurrence({ every: 1, unit: 'week', until: null })).toBe('Repeats every week');
    expect(describeRecurrence({ every: 1, unit: 'month' })).toBe('Repeats monthly');
    expect(describeRecurrence({ every: 1, unit: 'year' })).toBe('Repeats every year');
  });

  it('counts the units of a longer interval, and names the last day', () => {
    expect(describeRecurrence({ every: 2, unit: 'week', until: '2027-01-31' })).toBe(
      'Repeats every 2 weeks until 31 Jan 2027',
    );
    expect(describeRecurrence({ every: 3, unit: 'month' })).toBe('Repeats every 3 months');
    expect(describeRecurrence({ every: 10, unit: 'day', until: '2026-12-06' })).toBe(
      'Repeats every 10 days until 6 Dec 2026',
    );
  });

  it('says a one-off does not repeat', () => {
    expect(describeRecurrence(null)).toBe('Does not repeat');
  });
});

describe('the Repeat choices', () => {
  it('offer no repetition first, the presets, then Custom', () => {
    expect(repeatChoices.map((choice) => choice.label)).toEqual([
      'Does not repeat',
      'Every day',
      'Every week',
      'Every 2 weeks',
      'Every month',
      'Every 3 months',
      'Every year',
      'Custom…',
    ]);
  });

  it('show a rule as its preset, any other as Custom, none as Does not repeat', () => {
    expect(repeatChoiceOf(null)).toBe(NO_REPEAT);
    const twoWeeks = repeatChoiceOf({ every: 2, unit: 'week' });
    expect(repeatChoices.find((choice) => choice.value === twoWeeks)?.label).toBe('Every 2 weeks');
    expect(presetRule(twoWeeks)).toEqual({ every: 2, unit: 'week' });
    expect(repeatChoiceOf({ every: 5, unit: 'day' })).toBe(CUSTOM_REPEAT);
    expect(repeatChoiceOf({ every: 2, unit: 'year' })).toBe(CUSTOM_REPEAT);
  });

  it('stand for a rule only when they are a preset', () => {
    expect(presetRule(NO_REPEAT)).toBeNull();
    expect(presetRule(CUSTOM_REPEAT)).toBeNull();
    for (const choice of repeatChoices.slice(1, -1))
      expect(repeatChoiceOf(presetRule(choice.value))).toBe(choice.value);
  });

  it('name the unit as the count reads', () => {
    expect(unitName('week', 1)).toBe('week');
    expect(unitName('month', 3)).toBe('months');
  });
});

describe('recurrenceErrors', () => {
  it('asks for a due date before a task can repeat', () => {
    expect(recurrenceErrors(true, '', '')).toEqual({ recurrence: repeatMessages.needsDue });
    expect(recurrenceErrors(true, 'not a date', '')).toEqual({ recurrence: repeatMessages.needsDue });
  });

  it('refuses an end before the due day, and takes the due day itself', () => {
    expect(recurrenceErrors(true, '2026-12-14T09:00', '2026-12-13')).toEqual({
      'recurrence.until': repeatMessages.endsBeforeDue,
    });
    expect(recurrenceErrors(true, '2026-12-14T09:00', '2026-12-14')).toEqual({});
    expect(recurrenceErrors(true, '2026-12-14T09:00', '')).toEqual({});
  });

  it('has nothing to say about a task that does not repeat', () => {
    expect(recurrenceErrors(false, '', '2020-01-01')).toEqual({});
  });
});

describe('withRepeatWords', () => {
  it("says the server's refusals of a repetition in the form's words, and leaves the others", () => {
    expect(
      withRepeatWords({ recurrence: 'needs dueAt', 'recurrence.until': 'before dueAt', title: 'Required' }),
    ).toEqual({
      recurrence: repeatMessages.needsDue,
      'recurrence.until': repeatMessages.endsBeforeDue,
      title: 'Required',
    });
    expect(withRepeatWords({ 'recurrence.every': 'Too big: expected number to be <=99' })).toEqual({
      'recurrence.every': 'Too big: expected number to be <=99',
    });
  });
});

describe('after completing a repeating task', () => {
  const now = new Date('2026-12-07T10:00:00');

  it('says when the next one is due, the weekday and day, and how far off', () => {
    const next = { dueAt: new Date('2026-12-14T09:00:00').toISOString() };
    expect(dueDay(next.dueAt, now)).toBe('Mon 14 Dec');
    expect(seriesSentence({ recurrence: { every: 1, unit: 'week' }, nextTaskId: 'next' }, next, now)).toBe(
      'Next one due Mon 14 Dec (in 7 days).',
    );
  });

  it('writes the year of a next one due in another', () => {
    expect(dueDay(new Date('2027-01-04T09:00:00').toISOString(), now)).toBe('Mon 4 Jan 2027');
  });

  it('says the series has ended when no next one was made', () => {
    expect(seriesSentence({ recurrence: { every: 1, unit: 'week' }, nextTaskId: null }, null, now)).toBe(
      'That was the last one.',
    );
  });

  it('adds nothing for a one-off, or when the next one could not be read', () => {
    expect(seriesSentence({ recurrence: null, nextTaskId: null }, null, now)).toBe('');
    expect(seriesSentence({ recurrence: { every: 1, unit: 'day' }, nextTaskId: 'gone' }, null, now)).toBe('');
  });
});
