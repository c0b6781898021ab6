import { describe, expect, it } from 'vitest';
import { coverageListState, dueAccountsLink, withCoverageListState } from './coverage-links.js';

describe('the coverage list in the URL', () => {
  it('reads status and sort, falling back to the neglected accounts by value', () => {
    expect(coverageListState(new URLSearchParams())).toEqual({ status: 'unvisited', sort: '-annualRevenue' });
    expect(coverageListState(new URLSearchParams('status=due&sort=visitDueAt'))).toEqual({
      status: 'due',
      sort: 'visitDueAt',
    });
    expect(coverageListState(new URLSearchParams('status=late&sort=size'))).toEqual({
      status: 'unvisited',
      sort: '-annualRevenue',
    });
  });

  it('writes only what differs from the defaults, keeping the rest of the report', () => {
    const search = new URLSearchParams('groupBy=owner&days=30&status=due');
    expect(withCoverageListState(search, { status: 'unvisited' }).toString()).toBe('groupBy=owner&days=30');
    expect(withCoverageListState(search, { sort: 'name' }).toString()).toBe(
      'groupBy=owner&days=30&status=due&sort=name',
    );
  });
});

describe('dueAccountsLink', () => {
  it('opens the due accounts of the whole report, the longest overdue first', () => {
    expect(dueAccountsLink(new URLSearchParams('days=30&ownerId=u1'))).toBe(
      '/reports/coverage?days=30&ownerId=u1&status=due&sort=visitDueAt#coverage-accounts',
    );
  });

  it("narrows to a group's territory or owner, as the scope filters do", () => {
    expect(dueAccountsLink(new URLSearchParams(), { by: 'territory', key: 't1' })).toBe(
      '/reports/coverage?status=due&sort=visitDueAt&territoryId=t1#coverage-accounts',
    );
    expect(dueAccountsLink(new URLSearchParams('groupBy=owner&territoryId=t1'), { by: 'owner', key: 'u2' })).toBe(
      '/reports/coverage?groupBy=owner&territoryId=t1&status=due&sort=visitDueAt&ownerId=u2#coverage-accounts',
    );
  });
});
