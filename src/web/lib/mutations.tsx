import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../shared/contracts/common.js';
import { ApiError, api } from '../api/client.js';
import { type FormErrors, fieldErrorsOf, hasUnshownError, sentence } from './forms.js';

/**
 * A failed form save: the answer's field errors go on the form's fields; anything else (a conflict, a 412,
 * the network) is a notification, as notifyFailure says it. So is an error about something the form does
 * not ask (a rule about the record's state, a field it leaves out): on the form it would show nowhere,
 * and the save would seem to do nothing.
 */
export function reportSaveError(
  form: { setErrors: (errors: FormErrors) => void; getValues: () => unknown },
  error: unknown,
  options: Parameters<typeof notifyFailure>[1] = {},
) {
  const fields = fieldErrorsOf(error);
  if (fields) form.setErrors(fields);
  const values = form.getValues();
  if (hasUnshownError(error, (path) => hasValueAt(values, path))) notifyFailure(error, options);
}

/** Whether the form's values hold this dotted path ("name", "address.city"). */
function hasValueAt(values: unknown, path: string): boolean {
  let node = values;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** Asks for the approval a refused close-as-won named (the server answers where to ask). */
async function requestApproval(path: string, onRequested?: () => void) {
  try {
    await api.post(path.replace(/^\/api\/v1/, ''), {});
    onRequested?.();
    notifySaved('Approval requested: you will be able to close it as won once it is granted.');
  } catch (error) {
    notifyFailure(error, { title: 'The approval was not requested' });
  }
}

/**
 * Says why a change failed; a 412 (someone else saved first) offers to load the fresh record, and a deal
 * refused as won for want of an approval offers to request one.
 */
export function notifyFailure(
  error: unknown,
  options: { title?: string; onReload?: () => void; onApprovalRequested?: () => void } = {},
) {
  const stale = error instanceof ApiError && error.status === 412;
  const approvalPath = error instanceof ApiError ? error.extensions.approvalRequest : undefined;
  if (typeof approvalPath === 'string') {
    notifyApprovalNeeded({
      title: options.title,
      message: (error as ApiError).message,
      approvalPath,
      onRequested: options.onApprovalRequested,
    });
    return;
  }
  notifications.show({
    color: stale ? 'yellow' : 'red',
    title: stale ? 'Someone changed this record meanwhile' : (options.title ?? 'The change was not saved'),
    message: stale ? (
      <>
        <Text size="sm">Your change was undone so nothing is overwritten. Load the latest version and try again.</Text>
        {options.onReload && (
          <Button size="compact-sm" mt={6} variant="light" onClick={options.onReload}>
            Reload the record
          </Button>
        )}
      </>
    ) : (
      sentence(error instanceof Error ? error.message : 'Something went wrong')
    ),
    autoClose: stale ? false : 6000,
  });
}

/** The notice saying that this deal needs an approval: one per deal, so a request made anywhere ends it. */
const approvalNoticeId = (approvalPath: string) => `approval-needed:${approvalPath.replace(/^\/api\/v1/, '')}`;

/** Takes away the notice asking for this deal's approval, once one has been requested (from its page). */
export function hideApprovalNeeded(dealId: string) {
  notifications.hide(approvalNoticeId(`/opportunities/${dealId}/approval-request`));
}

/**
 * A deal that may not close as won for want of an approval: why, and a button that requests it. The
 * server's 409 says it this way, and so does the board before a move the server would refuse.
 */
export function notifyApprovalNeeded(options: {
  title?: string;
  message: string;
  /** `POST` here asks for the approval (the 409's `approvalRequest`); none when one is already pending. */
  approvalPath?: string;
  onRequested?: () => void;
}) {
  const { approvalPath, onRequested } = options;
  const id = approvalPath ? approvalNoticeId(approvalPath) : undefined;
  // A second refusal replaces the first notice rather than stacking up beside it.
  if (id) notifications.hide(id);
  const notice = notifications.show({
    id,
    color: 'yellow',
    title: options.title ?? 'The change was not saved',
    message: (
      <>
        <Text size="sm">{sentence(options.message)}</Text>
        {approvalPath && (
          <Button
            size="compact-sm"
            mt={6}
            variant="light"
            onClick={() => {
              notifications.hide(notice);
              void requestApproval(approvalPath, onRequested);
            }}
          >
            Request approval
          </Button>
        )}
      </>
    ),
    autoClose: false,
  });
}

export function notifySaved(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 2500 });
}

/**
 * A change that can be taken back (a delete the server can restore, a task ticked off by mistake): the
 * notice offers Undo for ten seconds.
 */
export function notifyUndoable(message: string, undo: () => void | Promise<void>, color = 'teal') {
  const notice = notifications.show({
    color,
    message: (
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          // A long message wraps; the button keeps its width rather than shrinking to a letter or two.
          style={{ flexShrink: 0 }}
          onClick={() => {
            notifications.hide(notice);
            void undo();
          }}
        >
          Undo
        </Button>
      </Group>
    ),
    autoClose: 10_000,
  });
}

type Versioned = { id: string; version: number };

/**
 * PATCH with If-Match, applied to the screen at once and rolled back when the server refuses. Lists of
 * the resource are refreshed afterwards.
 */
export function useOptimisticUpdate<Item extends Versioned>(resource: string, id: string | undefined) {
  const queryClient = useQueryClient();
  const key = [resource, 'one', id];
  return useMutation({
    mutationFn: (changes: Partial<Item>) => {
      const current = queryClient.getQueryData<Item>(key);
      return api.patch<Item>(`/${resource}/${id}`, changes, {
        headers: current ? { 'if-match': `"${current.version}"` } : {},
      });
    },
    onMutate: async (changes) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Item>(key);
      if (previous) queryClient.setQueryData<Item>(key, { ...previous, ...changes, version: previous.version });
      return { previous };
    },
    onError: (error, _changes, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      notifyFailure(error, { onReload: () => queryClient.invalidateQueries({ queryKey: key }) });
    },
    onSuccess: (record) => {
      queryClient.setQueryData(key, record);
    },
    onSettled: () => invalidateLists(queryClient, resource),
  });
}

/**
 * A PATCH from a list's cell (inline edit): every cached page of the list shows the change at once, the
 * server's answer replaces the row, and a refusal puts the old pages back and says why (a 412 offers to
 * reload the list). The row's own version goes in If-Match.
 */
export function useListUpdate<Item extends Versioned>(resource: string) {
  const queryClient = useQueryClient();
  const lists = { queryKey: [resource, 'list'] };
  const replace = (id: string, change: (item: Item) => Item) =>
    queryClient.setQueriesData<Page<Item>>(lists, (page) =>
      page ? { ...page, data: page.data.map((item) => (item.id === id ? change(item) : item)) } : page,
    );
  return useMutation({
    mutationFn: ({ row, changes }: { row: Item; changes: Partial<Item> }) =>
      api.patch<Item>(`/${resource}/${row.id}`, changes, { headers: { 'if-match': `"${row.version}"` } }),
    onMutate: async ({ row, changes }) => {
      await queryClient.cancelQueries(lists);
      const previous = queryClient.getQueriesData<Page<Item>>(lists);
      replace(row.id, (item) => ({ ...item, ...changes }));
      return { previous };
    },
    onError: (error, _input, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
      notifyFailure(error, { onReload: () => invalidateLists(queryClient, resource) });
    },
    onSuccess: (saved) => {
      replace(saved.id, () => saved);
      queryClient.setQueryData([resource, 'one', saved.id], saved);
    },
    onSettled: () => invalidateLists(queryClient, resource),
  });
}

/**
 * After a write: the lists of the resources (the pipeline board, a list of deals by stage, included), and
 * the figures that count them (dashboard, account summaries).
 */
export function invalidateLists(queryClient: QueryClient, ...resources: string[]) {
  invalidateAfterWrite(queryClient, resources);
}

/** invalidateLists, leaving alone the queries about a record that is gone (they would answer 404). */
export function invalidateAfterWrite(queryClient: QueryClient, resources: string[], gone?: string) {
  const alive = (query: { queryKey: readonly unknown[] }) => gone === undefined || !query.queryKey.includes(gone);
  for (const resource of resources) void queryClient.invalidateQueries({ queryKey: [resource, 'list'] });
  if (resources.includes('opportunities')) void queryClient.invalidateQueries({ queryKey: ['opportunities', 'board'] });
  void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  void queryClient.invalidateQueries({ queryKey: ['accounts', 'summary'], predicate: alive });
}

/**
 * After a write to activities or tasks: their lists, the timelines that show them, the record itself and
 * the figures that count them.
 */
export function refreshAfterWrite(queryClient: QueryClient, resources: string[], id?: string) {
  invalidateLists(queryClient, ...resources);
  void queryClient.invalidateQueries({ queryKey: ['timeline'] });
  for (const resource of resources) {
    if (id) void queryClient.invalidateQueries({ queryKey: [resource, 'one', id] });
  }
  // The board cards' next steps (features/opportunities/next-steps.ts) come from both.
  if (resources.includes('activities') || resources.includes('tasks')) {
    void queryClient.invalidateQueries({ queryKey: ['next-steps'] });
  }
}

type Removable = { id: string; version: number };

/**
 * Deletes a record of a list (an activity, a task) after the caller has asked, then offers Undo: the
 * server only hides it, and restore brings it back.
 */
export function useDeleteWithUndo<Item extends Removable>(
  resource: string,
  noun: string,
  nameOf: (item: Item) => string,
) {
  const queryClient = useQueryClient();
  const restore = async (item: Item) => {
    try {
      await api.post(`/${resource}/${item.id}/restore`, {});
      refreshAfterWrite(queryClient, [resource], item.id);
      notifySaved(`${nameOf(item)} is back.`);
    } catch (error) {
      notifyFailure(error, { title: `${nameOf(item)} could not be restored` });
    }
  };
  return useMutation({
    mutationFn: (item: Item) => api.delete(`/${resource}/${item.id}`, { headers: { 'if-match': `"${item.version}"` } }),
    onSuccess: (_answer, item) => {
      invalidateAfterWrite(queryClient, [resource], item.id);
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notifyUndoable(`Deleted ${noun} ${nameOf(item)}.`, () => restore(item), 'gray');
    },
    onError: (error, item) =>
      notifyFailure(error, {
        title: `${nameOf(item)} was not deleted`,
        onReload: () => refreshAfterWrite(queryClient, [resource], item.id),
      }),
  });
}
