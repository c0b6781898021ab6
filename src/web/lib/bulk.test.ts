import { describe, expect, it, vi } from 'vitest';
import type { BulkResult } from '../../shared/contracts/bulk.js';

// The API client keeps its session in the browser's storage from the moment it loads: a bare one here.
vi.stubGlobal('window', { addEventListener: () => undefined, localStorage: { getItem: () => null } });

const { bulkNotice, splitOutcomes } = await import('./bulk.js');

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

describe('splitOutcomes', () => {
  it('parts the ids changed from those refused, in the order asked', () => {
    expect(splitOutcomes(result([204, 404, 204, 403]))).toEqual({
      done: ['id-0', 'id-2'],
      refused: ['id-1', 'id-3'],
    });
  });
});
