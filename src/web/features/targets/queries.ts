import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { Page } from '../../../shared/contracts/common.js';
import type { SalesTarget } from '../../../shared/contracts/targets.js';
import type { User } from '../../../shared/contracts/users.js';
import { ApiError, api } from '../../api/client.js';
import { useMe, useVisibleOwners } from '../../api/hooks.js';
import { money } from '../../lib/format.js';
import { sentence } from '../../lib/forms.js';
import { notifyUndoable } from '../../lib/mutations.js';
import { cellKey, monthLabel, parseAmount } from './target-math.js';

/** Every target of a year the caller may see, under this key (a list of the `targets` resource). */
export const yearTargetsKey = (year: number) => ['targets', 'list', 'year', year] as const;

/** The key of the year a month is in. */
const yearTargetsKeyOf = (month: string) => yearTargetsKey(Number(month.slice(0, 4)));

/** A year of a whole team is a few hundred targets: read 200 at a time, up to this many. */
const MAX_TARGETS = 5_000;

export function useYearTargets(year: number) {
  return useQuery({
    queryKey: yearTargetsKey(year),
    queryFn: async ({ signal }) => {
      const targets: SalesTarget[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: Page<SalesTarget> = await api.get<Page<SalesTarget>>(
          `/targets?monthFrom=${year}-01&monthTo=${year}-12&sort=month&limit=200${after}`,
          { signal },
        );
        targets.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor && targets.length < MAX_TARGETS);
      return targets;
    },
  });
}

/** The people of the grid, and whether the caller sets their targets or only reads them. */
export type TargetPeople = { people: User[]; editable: boolean; me: User };

/**
 * Whose targets the grid shows, as the server decides who sets them: an admin everyone's (the active reps
 * and managers), a manager the people below them (not their own: a quota is agreed with the one above),
 * a rep only their own, read-only. Undefined until the caller and the directory have loaded.
 */
export function useTargetPeople(): TargetPeople | undefined {
  const me = useMe().data;
  const visible = useVisibleOwners();
  if (!me || !visible) return undefined;
  const byName = (a: User, b: User) => a.name.localeCompare(b.name);
  if (me.role === 'rep') return { people: [me], editable: false, me };
  const people = visible.filter(
    (user) => user.active && (me.role === 'admin' ? user.role === 'rep' || user.role === 'manager' : user.id !== me.id),
  );
  return { people: people.sort(byName), editable: true, me };
}

/** A cell whose change is on its way to the server, or was refused. */
export type CellState = {
  /** What the cell shows until the server answers (null: cleared); absent once refused. */
  pending?: number | null;
  /** Why the last change was not saved. */
  error?: string;
};

type Person = { id: string; name: string };

/** "Rob Smith's target for March 2027". */
const whose = (person: Person, month: string) => `${person.name}'s target for ${monthLabel(month)}`;

/**
 * Saving the cells of the grid. A change shows at once (`cells` holds it over the server's figure) and
 * goes out as POST (no target that month), PATCH with If-Match (a target) or DELETE (cleared). Changes to
 * one cell go out one after another, each reading the record the previous one left, so typing fast never
 * sends a PATCH of a target still being created. A refusal puts the saved figure back and marks the cell
 * with the reason; one that says the figures moved meanwhile (409, 412) reads them again.
 */
export function useTargetSaver(options: { onSaved: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [cells, setCells] = useState<ReadonlyMap<string, CellState>>(new Map());
  const queues = useRef(new Map<string, Promise<void>>());
  const latest = useRef(new Map<string, number>());
  const { onSaved } = options;

  const setCell = useCallback((key: string, state: CellState | undefined) => {
    setCells((current) => {
      const next = new Map(current);
      if (state) next.set(key, state);
      else next.delete(key);
      return next;
    });
  }, []);

  const send = useCallback(
    async (person: Person, month: string, amount: number | null, currency: string) => {
      const key = yearTargetsKeyOf(month);
      const saved = queryClient.getQueryData<SalesTarget[]>(key)?.find(isTargetOf(person.id, month));
      if (amount === null) {
        if (!saved) return null;
        await api.delete(`/targets/${saved.id}`, { headers: { 'if-match': `"${saved.version}"` } });
        queryClient.setQueryData<SalesTarget[]>(key, (list) => list?.filter((target) => target.id !== saved.id));
        return { cleared: saved };
      }
      if (!saved) {
        const created = await api.post<SalesTarget>('/targets', { userId: person.id, month, amount, currency });
        queryClient.setQueryData<SalesTarget[]>(key, (list) => [
          ...(list ?? []).filter((target) => !isTargetOf(person.id, month)(target)),
          created,
        ]);
        return null;
      }
      if (saved.amount === amount) return null;
      const changed = await api.patch<SalesTarget>(
        `/targets/${saved.id}`,
        { amount },
        { headers: { 'if-match': `"${saved.version}"` } },
      );
      queryClient.setQueryData<SalesTarget[]>(key, (list) =>
        list?.map((target) => (target.id === changed.id ? changed : target)),
      );
      return null;
    },
    [queryClient],
  );

  const restore = useCallback(
    async (person: Person, target: SalesTarget) => {
      try {
        const back = await api.post<SalesTarget>(`/targets/${target.id}/restore`, {});
        queryClient.setQueryData<SalesTarget[]>(yearTargetsKeyOf(back.month), (list) => [
          ...(list ?? []).filter((other) => !isTargetOf(person.id, back.month)(other)),
          back,
        ]);
        refreshFigures(queryClient);
        onSaved(`${whose(person, target.month)} is back at ${money(back.amount, back.currency)}.`);
      } catch (error) {
        setCell(cellKey(person.id, target.month), { error: refusal(error) });
        void queryClient.invalidateQueries({ queryKey: yearTargetsKeyOf(target.month) });
      }
    },
    [queryClient, onSaved, setCell],
  );

  /**
   * Takes what was typed in a cell: an amount is saved, an empty cell clears the target, anything else
   * is refused here with the reason (answered, so the cell can say it), and nothing is sent.
   */
  const commit = useCallback(
    (person: Person, month: string, text: string, shown: number | null, currency: string): string | null => {
      const key = cellKey(person.id, month);
      const parsed = parseAmount(text);
      if (!parsed.ok) {
        setCell(key, { error: parsed.message });
        return parsed.message;
      }
      const amount = parsed.amount;
      if (amount === shown) {
        // Nothing changed; a mark left by an earlier refusal goes once the cell is confirmed as it is.
        setCells((current) => {
          if (!current.get(key)?.error) return current;
          const next = new Map(current);
          next.delete(key);
          return next;
        });
        return null;
      }
      const turn = (latest.current.get(key) ?? 0) + 1;
      latest.current.set(key, turn);
      setCell(key, { pending: amount });
      const run = async () => {
        try {
          const result = await send(person, month, amount, currency);
          refreshFigures(queryClient);
          if (latest.current.get(key) === turn) setCell(key, undefined);
          const cleared = result?.cleared;
          if (cleared) {
            onSaved(`Cleared ${whose(person, month)}.`);
            notifyUndoable(
              `Cleared ${whose(person, month)} (was ${money(cleared.amount, cleared.currency)}).`,
              () => restore(person, cleared),
              'gray',
            );
          } else if (amount !== null) {
            onSaved(`Saved ${whose(person, month)}: ${money(amount, currency)}.`);
          }
        } catch (error) {
          const stale = error instanceof ApiError && (error.status === 409 || error.status === 412);
          if (stale) await queryClient.invalidateQueries({ queryKey: yearTargetsKeyOf(month) });
          if (latest.current.get(key) === turn) setCell(key, { error: refusal(error) });
        }
      };
      const queued = (queues.current.get(key) ?? Promise.resolve()).then(run);
      queues.current.set(key, queued);
      return null;
    },
    [queryClient, send, restore, setCell, onSaved],
  );

  return { cells, commit };
}

const isTargetOf = (userId: string, month: string) => (target: SalesTarget) =>
  target.userId === userId && target.month === month;

/** The figures that count targets: the attainment and forecast reports. */
function refreshFigures(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['reports'] });
}

/** Why a change to a target was refused, in words that say what to do next. */
export function refusal(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 412 || error.status === 409) {
      return 'Someone else changed this target meanwhile. The grid now shows theirs: type yours again to replace it.';
    }
    if (error.status === 403) return `You may not set this target: ${sentence(error.detail)}`;
    if (error.status === 404) {
      return 'This target is gone (cleared by someone else, or its person left your team). The grid shows what is left.';
    }
    const field = error.errors[0];
    return sentence(field ? field.message : error.detail);
  }
  return error instanceof Error ? sentence(error.message) : 'The change was not saved.';
}
