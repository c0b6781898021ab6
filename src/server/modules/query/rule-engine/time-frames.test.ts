import { describe, expect, it } from 'vitest';
import { startOfDayIn } from './calendar.js';
import { planQuestion } from './rule-planner.js';

/* Periods are the asker's: "today" and "this month" follow their time zone, not the server's. */

const plan = (question: string, now: string, timeZone: string) => {
  const outcome = planQuestion(question, { now: new Date(now), timeZone, people: [] });
  if (!outcome.ok) throw new Error(`not understood: ${question}`);
  return outcome.plan;
};

describe('time frames in the asker’s time zone', () => {
  it('reads today as the asker’s calendar day', () => {
    // 23:30 UTC on March 31 is already April 1 in Tokyo and still March 31 in Los Angeles.
    expect(plan('tasks due today', '2026-03-31T23:30:00Z', 'Asia/Tokyo').timeRange).toMatchObject({
      from: '2026-04-01',
      to: '2026-04-01',
    });
    expect(plan('deals closing this month', '2026-03-31T23:30:00Z', 'Asia/Tokyo').timeRange).toMatchObject({
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(plan('deals closing this month', '2026-04-01T03:00:00Z', 'America/Los_Angeles').timeRange).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
    });
  });

  it('starts weeks on Monday and handles year boundaries', () => {
    // Sunday 2026-01-04: this week is Mon Dec 29 – Sun Jan 4; last quarter is Q4 2025.
    expect(plan('deals closing this week', '2026-01-04T12:00:00Z', 'UTC').timeRange).toMatchObject({
      from: '2025-12-29',
      to: '2026-01-04',
    });
    expect(plan('deals won last quarter', '2026-01-04T12:00:00Z', 'UTC').timeRange).toMatchObject({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(plan('deals closing next month', '2026-12-15T12:00:00Z', 'UTC').timeRange).toMatchObject({
      from: '2027-01-01',
      to: '2027-01-31',
    });
  });

  it('reads dates with chrono in the asker’s zone', () => {
    expect(plan('deals closing before March 15', '2026-03-11T10:00:00Z', 'UTC').timeRange).toMatchObject({
      to: '2026-03-14',
    });
    // 05:00 UTC on Friday March 13 is still Thursday evening in Los Angeles: "by Friday" is the next day.
    expect(plan('deals closing by Friday', '2026-03-13T05:00:00Z', 'America/Los_Angeles').timeRange).toMatchObject({
      to: '2026-03-13',
    });
    // And "today" there is still the 12th.
    expect(plan('tasks due today', '2026-03-13T05:00:00Z', 'America/Los_Angeles').timeRange).toMatchObject({
      from: '2026-03-12',
    });
  });

  it('turns a day into the instant it starts in the zone, across daylight saving', () => {
    expect(startOfDayIn('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayIn('2026-03-30', 'Europe/Madrid').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('reads holidays, year bounds and deadlines of a named period as people say them in December', () => {
    const december = (question: string) => plan(question, '2026-12-05T12:00:00Z', 'UTC').timeRange;
    expect(december('deals closing after christmas')).toMatchObject({ from: '2026-12-26' });
    expect(december('deals closing b4 xmas')).toMatchObject({ to: '2026-12-24' });
    expect(december('deals closing before 2027')).toMatchObject({ to: '2026-12-31' });
    // Up to the end of the period, deals that slipped before today included; "between now and" starts today.
    expect(december('deals closing by end of Q1')).toEqual(expect.objectContaining({ to: '2027-03-31' }));
    expect(december('deals closing by end of Q1')).not.toHaveProperty('from');
    expect(december('deals closing thru end of january')).toMatchObject({ to: '2027-01-31' });
    expect(december('deals closing between now and end of january')).toMatchObject({
      from: '2026-12-05',
      to: '2027-01-31',
    });
    expect(december('tasks due the week of dec 14')).toMatchObject({ from: '2026-12-14', to: '2026-12-20' });
    expect(december('deals closing december or january')).toMatchObject({ from: '2026-12-01', to: '2027-01-31' });
    expect(december('tasks due on the 8th')).toMatchObject({ from: '2026-12-08', to: '2026-12-08' });
    // The 2nd has passed this month: the next one.
    expect(december('tasks due on the 2nd')).toMatchObject({ from: '2027-01-02', to: '2027-01-02' });
  });
});
