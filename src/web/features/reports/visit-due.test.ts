import { describe, expect, it } from 'vitest';
import { visitDue } from './visit-due.js';

const account = (visitEveryDays: number | null, daysSinceLastVisit: number | null, due: boolean) => ({
  visitEveryDays,
  daysSinceLastVisit,
  visitDue: due,
});

describe('visitDue', () => {
  it('says how long ago an overdue account fell due, with its cycle', () => {
    expect(visitDue(account(7, 10, true))).toEqual({ text: 'Due 3 days ago', due: true, cycle: 'every 7 days' });
    expect(visitDue(account(14, 15, true))).toEqual({ text: 'Due yesterday', due: true, cycle: 'every 14 days' });
    expect(visitDue(account(14, 14, true))).toEqual({ text: 'Due today', due: true, cycle: 'every 14 days' });
  });

  it('puts an account with a cycle that was never visited first in words too', () => {
    expect(visitDue(account(30, null, true))).toEqual({ text: 'Never visited', due: true, cycle: 'every 30 days' });
  });

  it('says when the next visit falls due', () => {
    expect(visitDue(account(60, 30, false))).toEqual({ text: 'Due in 30 days', due: false, cycle: 'every 60 days' });
    expect(visitDue(account(7, 6, false))).toEqual({ text: 'Due tomorrow', due: false, cycle: 'every 7 days' });
    expect(visitDue(account(1, 0, false))).toEqual({ text: 'Due tomorrow', due: false, cycle: 'every day' });
  });

  it('says when there is no cycle, whatever the visits', () => {
    expect(visitDue(account(null, null, false))).toEqual({ text: 'No cycle', due: false, cycle: null });
    expect(visitDue(account(null, 200, false))).toEqual({ text: 'No cycle', due: false, cycle: null });
  });
});
