import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../shared/contracts/common.js';
import type {
  CreateSavedViewInput,
  SavedView,
  UpdateSavedViewInput,
  ViewResource,
} from '../../shared/contracts/saved-views.js';
import { api } from '../api/client.js';
import { notifyFailure, notifySaved, notifyUndoable } from '../lib/mutations.js';
import { byName } from '../lib/saved-views.js';

/** Every query of saved views starts with this key. */
const viewsKey = ['views'];
const listKey = (resource: string) => ['views', 'list', resource];

/** `If-Match` of a view at the version the user saw. */
const ifMatch = (view: Pick<SavedView, 'version'>) => ({ 'if-match': `"${view.version}"` });

/**
 * The views of one list the caller sees (`GET /views?resource=…`: their own, their team's and the shared
 * ones), by name. People keep a handful per list, so every page is read (200 a call).
 */
export function useSavedViews(resource: ViewResource) {
  return useQuery({
    queryKey: listKey(resource),
    queryFn: async ({ signal }) => {
      const views: SavedView[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: Page<SavedView> = await api.get<Page<SavedView>>(
          `/views?resource=${resource}&sort=name&limit=200${after}`,
          { signal },
        );
        views.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return views;
    },
    staleTime: 60_000,
  });
}

/** The list's views with this one as the server answered it (added or replaced), then asked again. */
function putView(queryClient: QueryClient, view: SavedView) {
  queryClient.setQueryData<SavedView[]>(listKey(view.resource), (views) =>
    views ? byName([...views.filter((candidate) => candidate.id !== view.id), view]) : views,
  );
  void queryClient.invalidateQueries({ queryKey: viewsKey });
}

function dropView(queryClient: QueryClient, view: SavedView) {
  queryClient.setQueryData<SavedView[]>(listKey(view.resource), (views) =>
    views?.filter((candidate) => candidate.id !== view.id),
  );
  void queryClient.invalidateQueries({ queryKey: viewsKey });
}

/** Saves a new view (`POST /views`); field errors are the caller's to show. */
export function useCreateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSavedViewInput) => api.post<SavedView>('/views', input),
    onSuccess: (view) => putView(queryClient, view),
  });
}

/** Changes a view (`PATCH /views/{id}` of what changed, If-Match at the version the user saw). */
export function useUpdateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ view, changes }: { view: SavedView; changes: UpdateSavedViewInput }) =>
      api.patch<SavedView>(`/views/${view.id}`, changes, { headers: ifMatch(view) }),
    onSuccess: (view) => putView(queryClient, view),
  });
}

/** Asks the server for the views again (after a 412: someone changed one meanwhile). */
export function reloadViews(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: viewsKey });
}

/**
 * Deletes a view at once and offers Undo, as other deletes do: the server only hides it, and restore
 * brings it back (refused when its owner has given its name to another view meanwhile).
 */
export function useDeleteView() {
  const queryClient = useQueryClient();
  const restore = async (view: SavedView) => {
    try {
      putView(queryClient, await api.post<SavedView>(`/views/${view.id}/restore`, {}));
      notifySaved(`View “${view.name}” is back.`);
    } catch (error) {
      notifyFailure(error, { title: `View “${view.name}” could not be restored` });
    }
  };
  return useMutation({
    mutationFn: (view: SavedView) => api.delete(`/views/${view.id}`, { headers: ifMatch(view) }),
    onSuccess: (_answer, view) => {
      dropView(queryClient, view);
      notifyUndoable(`Deleted view “${view.name}”.`, () => restore(view), 'gray');
    },
    onError: (error, view) =>
      notifyFailure(error, { title: `View “${view.name}” was not deleted`, onReload: () => reloadViews(queryClient) }),
  });
}
