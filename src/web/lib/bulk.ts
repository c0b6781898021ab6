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

/** Records that get the same change, and the change: one bulk call each (`groupByChanges`). */
export type ChangeGroup = { ids: string[]; changes: Record<string, unknown> };

/**
 * The records parted by the change each is to get, so that records getting the same change go in one
 * bulk call: tasks moved to another day each keep their own time of day, so those due at 9:00 go
 * together and the one due at 14:30 in a call of its own. Groups come in the order of their first record,
 * and each group's ids in the order given.
 */
export function groupByChanges<Item extends { id: string }>(
  items: readonly Item[],
  changesOf: (item: Item) => Record<string, unknown>,
): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const item of items) {
    const changes = changesOf(item);
    // The same fields in another order are the same change.
    const key = JSON.stringify(Object.entries(changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const group = groups.get(key);
    if (group) group.ids.push(item.id);
    else groups.set(key, { ids: [item.id], changes });
  }
  return [...groups.values()];
}

/**
 * The answers of several bulk calls as one, each id's outcome in the order `ids` asked them (an id no
 * answer names is left out), with the tallies counted again.
 */
export function mergeResults<Item>(ids: readonly string[], results: readonly BulkResult<Item>[]): BulkResult<Item> {
  const byId = new Map(results.flatMap((result) => result.results.map((outcome) => [outcome.id, outcome] as const)));
  const outcomes = ids.flatMap((id) => {
    const outcome = byId.get(id);
    return outcome ? [outcome] : [];
  });
  const failed = outcomes.filter((outcome) => outcome.status >= 400).length;
  return { results: outcomes, succeeded: outcomes.length - failed, failed };
}

/**
 * `bulkUpdate` for records that get different changes (`groupByChanges`): one call per group, one after
 * another as the server works, and one answer in the order the records were grouped.
 */
export async function bulkUpdateGroups<Item>(resource: string, groups: readonly ChangeGroup[]) {
  const results: BulkResult<Item>[] = [];
  for (const group of groups) results.push(await bulkUpdate<Item>(resource, group.ids, group.changes));
  return mergeResults(
    groups.flatMap((group) => group.ids),
    results,
  );
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
  /** Whether the refused records stay selected, as after an action of the bar (not after an Undo). */
  stillSelected = true,
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
  const still = !stillSelected
    ? ''
    : result.failed === 1
      ? ` That ${noun.one} stays selected.`
      : ` Those ${noun.many} stay selected.`;
  return { failed: true, title, reason: `${why}${others}${still}` };
}
