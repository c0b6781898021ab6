import type { BulkResult } from '../../shared/contracts/bulk.js';
import { api } from '../api/client.js';
import { count } from './format.js';
import { sentence } from './forms.js';

/**
 * `POST /{resource}/bulk-update`: the same change to every record named, each as its own PATCH would have
 * it (bulk-routes.ts on the server). One refused record does not hold back the others: the answer says,
 * per id, what happened.
 */
export function bulkUpdate<Item>(resource: string, ids: readonly string[], changes: Record<string, unknown>) {
  return api.post<BulkResult<Item>>(`/${resource}/bulk-update`, { ids, changes });
}

/** `POST /{resource}/bulk-delete`: each record deleted as its own DELETE would (soft: it can be restored). */
export function bulkDelete(resource: string, ids: readonly string[]) {
  return api.post<BulkResult<unknown>>(`/${resource}/bulk-delete`, { ids });
}

/** The ids the server changed, and those it refused, in the order asked. */
export function splitOutcomes(result: BulkResult<unknown>): { done: string[]; refused: string[] } {
  return {
    done: result.results.filter((outcome) => outcome.status < 400).map((outcome) => outcome.id),
    refused: result.results.filter((outcome) => outcome.status >= 400).map((outcome) => outcome.id),
  };
}

export type Noun = { one: string; many: string };

/** "1 account", "3 accounts". */
export function counted(amount: number, noun: Noun): string {
  return `${count(amount)} ${amount === 1 ? noun.one : noun.many}`;
}

/**
 * What the notice says after a bulk change. Everything done: "3 accounts assigned to Colin Colleague".
 * With refusals, a failure that is never hidden: "2 of 3 accounts assigned to Colin Colleague; 1 could not
 * be changed", then the first refusal's reason and that the refused records stay selected (so the user
 * sees which).
 */
export function bulkNotice(
  result: BulkResult<unknown>,
  noun: Noun,
  /** "assigned to Colin Colleague", "deleted". */
  done: string,
  /** "changed", "deleted". */
  refused: string,
): { failed: false; message: string } | { failed: true; title: string; reason: string } {
  const asked = result.results.length;
  if (result.failed === 0) return { failed: false, message: `${counted(result.succeeded, noun)} ${done}` };
  const title =
    result.succeeded === 0
      ? asked === 1
        ? `The ${noun.one} could not be ${refused}`
        : `None of the ${counted(asked, noun)} could be ${refused}`
      : `${count(result.succeeded)} of ${counted(asked, noun)} ${done}; ${count(result.failed)} could not be ${refused}`;
  const first = result.results.find((outcome) => outcome.problem)?.problem;
  const why = first ? sentence(first.detail) : 'The server refused it.';
  const others =
    result.failed > 1 && result.results.some((outcome) => outcome.problem && outcome.problem.detail !== first?.detail)
      ? ' Others were refused for other reasons.'
      : '';
  const still = result.failed === 1 ? `That ${noun.one} stays selected.` : `Those ${noun.many} stay selected.`;
  return { failed: true, title, reason: `${why}${others} ${still}` };
}
