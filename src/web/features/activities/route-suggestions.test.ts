import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { RouteSuggestion } from '../../../shared/contracts/visit-routes.js';
import {
  detourLabel,
  detourTitle,
  isPastDay,
  suggestedVisitAt,
  suggestionDue,
  suggestionDueText,
} from './route-suggestions.js';

const now = new Date('2027-03-10T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const suggestion = (visitEveryDays: number, lastVisitDaysAgo: number | null): RouteSuggestion => {
  const lastVisitAt = lastVisitDaysAgo === null ? null : daysAgo(lastVisitDaysAgo);
  return {
    accountId: '00000000-0000-4000-8000-000000000001',
    accountName: 'Roadside Garage',
    address: null,
    location: { lat: 45.76, lng: 5.1 },
    visitEveryDays,
    lastVisitAt,
    visitDueAt: lastVisitDaysAgo === null ? null : daysAgo(lastVisitDaysAgo - visitEveryDays),
    detourMeters: 1200,
  };
};

describe('detourLabel', () => {
  it('says the extra distance as people read it', () => {
    expect(detourLabel(3212)).toBe('+3.2 km');
    expect(detourLabel(12_400)).toBe('+12 km');
    expect(detourLabel(450)).toBe('+450 m');
    expect(detourLabel(300)).toBe('+300 m');
  });

  it('calls a detour under 300 m on the way', () => {
    expect(detourLabel(0)).toBe('on the way');
    expect(detourLabel(299)).toBe('on the way');
  });

  it('says nothing when the day has no stop and no start to measure from', () => {
    expect(detourLabel(null)).toBeNull();
    expect(detourTitle(null)).toBeUndefined();
  });

  it('gives the exact figure for the hover', () => {
    expect(detourTitle(3212)).toBe('3,212 m more driving, as the crow flies');
  });
});

describe('suggestionDue', () => {
  it('says a never visited account is due, with its cycle', () => {
    expect(suggestionDueText(suggestion(30, null), now)).toBe('Never visited · every 30 days');
    expect(suggestionDue(suggestion(30, null), now).due).toBe(true);
  });

  it('counts the days since it fell due as the coverage report does', () => {
    expect(suggestionDueText(suggestion(14, 26), now)).toBe('Due 12 days ago · every 14 days');
    expect(suggestionDueText(suggestion(14, 15), now)).toBe('Due yesterday · every 14 days');
    expect(suggestionDueText(suggestion(14, 14), now)).toBe('Due today · every 14 days');
    expect(suggestionDueText(suggestion(1, 3), now)).toBe('Due 2 days ago · every day');
  });
});

describe('suggestedVisitAt', () => {
  const date = '2027-03-12';
  const before = new Date('2027-03-01T00:00:00Z');

  it('plans the visit as the last stop is left, at the next five minutes', () => {
    const departAt = dayjs(`${date}T11:52:30`).toISOString();
    expect(suggestedVisitAt([{ departAt: dayjs(`${date}T09:45`).toISOString() }, { departAt }], date, before)).toBe(
      dayjs(`${date}T11:55`).toISOString(),
    );
    const onTheDot = dayjs(`${date}T14:30`).toISOString();
    expect(suggestedVisitAt([{ departAt: onTheDot }], date, before)).toBe(onTheDot);
  });

  it('plans it at 09:00 of the day when the day has no stop', () => {
    expect(suggestedVisitAt([], date, before)).toBe(dayjs(`${date}T09:00`).toISOString());
  });

  it('plans it shortly after now on today once that time has passed, so it is ahead', () => {
    const lateMorning = dayjs(`${date}T10:07:10`).toDate();
    expect(suggestedVisitAt([], date, lateMorning)).toBe(dayjs(`${date}T10:10`).toISOString());
    const atFive = dayjs(`${date}T10:05`).toDate();
    expect(suggestedVisitAt([], date, atFive)).toBe(dayjs(`${date}T10:10`).toISOString());
  });

  it('keeps the day when now is already past it', () => {
    const nextDay = dayjs(`${date}T08:00`).add(1, 'day').toDate();
    expect(suggestedVisitAt([], date, nextDay)).toBe(dayjs(`${date}T09:00`).toISOString());
  });
});

describe('isPastDay', () => {
  it('tells a day before today from today and later', () => {
    const today = dayjs('2027-03-12T10:00').toDate();
    expect(isPastDay('2027-03-11', today)).toBe(true);
    expect(isPastDay('2027-03-12', today)).toBe(false);
    expect(isPastDay('2027-03-13', today)).toBe(false);
  });
});
