import { type SavedView, type ViewResource, viewResources } from '../../shared/contracts/saved-views.js';
import type { FieldError } from '../../shared/errors.js';

/*
 * Saved views of a list (components/SavedViews): a view is the list's own API parameters (filters, q, sort)
 * and its column choice. The URL stays the truth: opening a view navigates to `?<query>&cols=<columns>`, and
 * the view in use is the one the URL matches.
 */

/** Whether a list can have saved views (`viewResources` of the contract). */
export function isViewResource(resource: string): resource is ViewResource {
  return (viewResources as readonly string[]).includes(resource);
}

/** Never part of a view: a page of the list, or how much of it to fetch (the server refuses them). */
const pagingParams = new Set(['cursor', 'limit', 'includeTotal']);

/**
 * A query string in one spelling, whatever the order of its parameters: each parameter once (the first),
 * none empty, none of paging, sorted by name. Two queries asking the same of the list read the same.
 */
export function canonicalQuery(query: string | URLSearchParams, leaveOut: ReadonlySet<string> = new Set()): string {
  const params = new URLSearchParams(query);
  const kept = new Map<string, string>();
  for (const [key, value] of params) {
    if (pagingParams.has(key) || leaveOut.has(key) || value === '' || kept.has(key)) continue;
    kept.set(key, value);
  }
  const sorted = [...kept].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(sorted).toString();
}

/**
 * The view's query of the list's URL: its filters, search and sort, without the page's own state (`cols`,
 * an open create form, a page's mode: EntityList's `pageStateParams`) and without paging.
 */
export function viewQueryOf(search: URLSearchParams, pageState: ReadonlySet<string>): string {
  return canonicalQuery(search, pageState);
}

/** The columns the URL chose (`cols`), in order; null when it chose none or exactly the default ones. */
export function columnsOf(search: URLSearchParams, defaults: readonly string[]): string[] | null {
  const chosen = (search.get('cols') ?? '').split(',').filter(Boolean);
  if (chosen.length === 0 || sameList(chosen, defaults)) return null;
  return chosen;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** Where a view opens the list: its query and, unless it keeps the default ones, its columns. */
export function viewSearch(view: Pick<SavedView, 'query' | 'columns'>): string {
  const params = new URLSearchParams(view.query);
  if (view.columns && view.columns.length > 0) params.set('cols', view.columns.join(','));
  return params.toString();
}

/** Whether the list's URL shows exactly this view: the same filters, search and sort, and the same columns. */
export function matchesView(
  search: URLSearchParams,
  view: Pick<SavedView, 'query' | 'columns'>,
  pageState: ReadonlySet<string>,
  defaults: readonly string[],
): boolean {
  if (viewQueryOf(search, pageState) !== canonicalQuery(view.query)) return false;
  const shown = columnsOf(search, defaults) ?? defaults;
  const saved = view.columns && view.columns.length > 0 ? view.columns : defaults;
  return sameList(shown, saved);
}

/** By name, as people read names (case aside). */
export function byName<View extends Pick<SavedView, 'name'>>(views: readonly View[]): View[] {
  return [...views].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

export type ViewGroups<View> = { mine: View[]; shared: View[]; team: View[] };

/**
 * The views of a list as the menu groups them: the caller's own, the others' shared ones, and the
 * unshared views of the people below them (a manager sees their team's, an admin everyone's).
 */
export function groupViews<View extends Pick<SavedView, 'name' | 'ownerId' | 'shared'>>(
  views: readonly View[],
  meId: string | undefined,
): ViewGroups<View> {
  const sorted = byName(views);
  return {
    mine: sorted.filter((view) => view.ownerId === meId),
    shared: sorted.filter((view) => view.ownerId !== meId && view.shared),
    team: sorted.filter((view) => view.ownerId !== meId && !view.shared),
  };
}

export type ViewInUse<View> = { view: View; edited: boolean };

/**
 * The view the list shows: the one opened last (`openedId`, kept in the history entry), edited when the URL
 * has moved away from it since; otherwise the first view the URL matches exactly (the caller's own first),
 * so a bookmark or a link shows its name too. Undefined when the list shows no view.
 */
export function viewInUse<View extends Pick<SavedView, 'id' | 'name' | 'ownerId' | 'shared' | 'query' | 'columns'>>(
  views: readonly View[],
  search: URLSearchParams,
  options: { pageState: ReadonlySet<string>; defaults: readonly string[]; meId: string | undefined; openedId?: string },
): ViewInUse<View> | undefined {
  const { pageState, defaults, meId, openedId } = options;
  const matches = (view: View) => matchesView(search, view, pageState, defaults);
  const opened = openedId ? views.find((view) => view.id === openedId) : undefined;
  if (opened) return { view: opened, edited: !matches(opened) };
  const groups = groupViews(views, meId);
  const match = [...groups.mine, ...groups.shared, ...groups.team].find(matches);
  return match ? { view: match, edited: false } : undefined;
}

/** What the Views control says: the view in use, "(edited)" once the list has moved away from it. */
export function viewLabel(inUse: ViewInUse<Pick<SavedView, 'name'>> | undefined): string {
  if (!inUse) return 'Views';
  return inUse.edited ? `${inUse.view.name} (edited)` : inUse.view.name;
}

/** The key of the history entry's state naming the view opened (so Back and a reload still know it). */
const stateKey = 'savedViewId';

/** The view named by a history entry's state, if any. */
export function openedViewOf(state: unknown): string | undefined {
  if (state === null || typeof state !== 'object') return undefined;
  const id = (state as Record<string, unknown>)[stateKey];
  return typeof id === 'string' ? id : undefined;
}

/** The state a history entry carries to say it shows this view. */
export function openedViewState(id: string): { savedViewId: string } {
  return { [stateKey]: id } as { savedViewId: string };
}

/** The part of a history entry's state to carry along when the list changes its URL: the view opened. */
export function keepOpenedView(state: unknown): { savedViewId?: string } {
  const id = openedViewOf(state);
  return id ? openedViewState(id) : {};
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What saving the list now keeps, in words: "2 filters, the search “acme” and the sort, with 7 chosen columns". */
export function viewSummary(query: string, columns: readonly string[] | null): string {
  const params = new URLSearchParams(query);
  const filterCount = [...new Set(params.keys())].filter((key) => key !== 'q' && key !== 'sort').length;
  const parts: string[] = [];
  if (filterCount > 0) parts.push(plural(filterCount, 'filter', 'filters'));
  const words = params.get('q');
  if (words) parts.push(`the search “${words}”`);
  if (params.get('sort')) parts.push('the sort');
  const what =
    parts.length === 0
      ? 'The whole list'
      : parts.length === 1
        ? (parts[0] as string)
        : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const shown = columns
    ? `with ${plural(columns.length, 'chosen column', 'chosen columns')}`
    : 'with the default columns';
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}, ${shown}.`;
}

/**
 * The server's refusals of a view's query (400 at `query.<param>`), in words per parameter: a filter the
 * list does not take (a link's parameter the list left unknown) cannot be saved.
 */
export function queryProblems(errors: readonly FieldError[]): string[] {
  return errors
    .filter((error) => error.path === 'query' || error.path.startsWith('query.'))
    .map((error) => {
      const param = error.path.slice('query.'.length);
      return param ? `“${param}”: ${error.message}` : error.message;
    });
}
