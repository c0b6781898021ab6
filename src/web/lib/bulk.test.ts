import { describe, expect, it, vi } from 'vitest';
import type { BulkResult } from '../../shared/contracts/bulk.js';

// The API client keeps its session in the browser's storage from the moment it loads: a bare one here.
vi.stubGlobal('window', { addEventListener: () => undefined, localStorage: { getItem: () => null } });

const { bulkNotice, groupByChanges, mergeResults, splitOutcomes } = await import('./bulk.js');

const accounts = { one: 'account', many: 'accounts' };
const refusal = (detail: string) => ({ title: 'Forbidden', detail, code: 'forbidden' as const, errors: [] });

function result(statuses: number[], details: string[] = []): BulkResult<unknown> {
  let refused = 0;
  const results = statuses.map((status, index) => ({
    id: `id-${index}`,
    status,
    ...(status >= 400 ? { problem: refusal(details[refused++] ?? 'no') } : {}),
  }));
  const failed = statuses.filter((status) => status >= 400).length;
  return { results, succeeded: statuses.length - failed, failed };
}

describe('bulkNotice', () => {
  it('counts what went through when nothing was refused', () => {
    expect(bulkNotice(result([200, 200, 200]), accounts, 'assigned to Colin Colleague', 'changed')).toEqual({
      failed: false,
      message: '3 accounts assigned to Colin Colleague',
    });
    expect(bulkNotice(result([204]), accounts, 'deleted', 'deleted')).toEqual({
      failed: false,
      message: '1 account deleted',
    });
  });

  it('says how many were refused, why the first was, and that they stay selected', () => {
    const detail = "only the account's owner, their managers and admins may change it";
    expect(bulkNotice(result([200, 403, 200], [detail]), accounts, 'assigned to Rob', 'changed')).toEqual({
      failed: true,
      title: '2 of 3 accounts assigned to Rob; 1 could not be changed',
      reason: "Only the account's owner, their managers and admins may change it. That account stays selected.",
    });
  });

  it('says so when none went through, and when the refusals differ', () => {
    const none = bulkNotice(result([404, 403], ['account not found', 'not yours']), accounts, 'deleted', 'deleted');
    expect(none).toEqual({
      failed: true,
      title: 'None of the 2 accounts could be deleted',
      reason: 'Account not found. Others were refused for other reasons. Those accounts stay selected.',
    });
    expect(bulkNotice(result([403], ['not yours']), accounts, 'deleted', 'deleted')).toMatchObject({
      title: 'The account could not be deleted',
    });
  });
});

describe('bulkNotice after an Undo', () => {
  it('leaves out that the refused stay selected', () => {
    expect(bulkNotice(result([200, 403], ['not yours']), accounts, 'reopened', 'reopened', false)).toEqual({
      failed: true,
      title: '1 of 2 accounts reopened; 1 could not be reopened',
      reason: 'Not yours.',
    });
  });
});

describe('groupByChanges', () => {
  it('puts the records getting the same change in one group, in the order given', () => {
    const items = [
      { id: 'a', due: '09:00' },
      { id: 'b', due: '14:30' },
      { id: 'c', due: '09:00' },
    ];
    expect(groupByChanges(items, (item) => ({ dueAt: item.due }))).toEqual([
      { ids: ['a', 'c'], changes: { dueAt: '09:00' } },
      { ids: ['b'], changes: { dueAt: '14:30' } },
    ]);
  });

  it('takes the same fields in another order as the same change, and nested values whole', () => {
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const changes = [
      { status: 'open', dueAt: 'x' },
      { dueAt: 'x', status: 'open' },
      { dueAt: 'x', status: 'open', recurrence: { every: 1, unit: 'week' } },
    ];
    const groups = groupByChanges(items, (item) => changes[items.indexOf(item)] as Record<string, unknown>);
    expect(groups.map((group) => group.ids)).toEqual([['a', 'b'], ['c']]);
    expect(groups[1]?.changes).toEqual({ dueAt: 'x', status: 'open', recurrence: { every: 1, unit: 'week' } });
  });

  it('makes no group of nothing', () => {
    expect(groupByChanges([], () => ({ status: 'completed' }))).toEqual([]);
  });
});

describe('mergeResults', () => {
  it('gives the outcomes of several calls in the order asked, counted again', () => {
    const first: BulkResult<unknown> = {
      results: [
        { id: 'a', status: 200 },
        { id: 'c', status: 403, problem: refusal('not yours') },
      ],
      succeeded: 1,
      failed: 1,
    };
    const second: BulkResult<unknown> = { results: [{ id: 'b', status: 200 }], succeeded: 1, failed: 0 };
    expect(mergeResults(['a', 'b', 'c', 'd'], [first, second])).toEqual({
      results: [first.results[0], second.results[0], first.results[1]],
      succeeded: 2,
      failed: 1,
    });
  });
});

describe('splitOutcomes', () => {
  it('parts the ids changed from those refused, in the order asked', () => {
    expect(splitOutcomes(result([204, 404, 204, 403]))).toEqual({
      done: ['id-0', 'id-2'],
      refused: ['id-1', 'id-3'],
    });
  });
});
