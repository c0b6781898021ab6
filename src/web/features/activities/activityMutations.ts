import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Activity, UpdateActivityInput } from '../../../shared/contracts/activities.js';
import { api } from '../../api/client.js';
import { currentPosition } from '../../lib/geolocation.js';
import { notifyFailure, notifyUndoable, refreshAfterWrite, useDeleteWithUndo } from '../../lib/mutations.js';

export type VisitStep = 'check-in' | 'check-out';

/** PATCH of an activity as it was read (If-Match its version); a 412 offers to reload. */
export function patchActivity(activity: Activity, changes: UpdateActivityInput) {
  return api.patch<Activity>(`/activities/${activity.id}`, changes, {
    headers: { 'if-match': `"${activity.version}"` },
  });
}

/** Cancels a planned activity, with Undo (back to planned). */
export function useCancelActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (activity: Activity) => patchActivity(activity, { status: 'cancelled' }),
    onSuccess: (cancelled) => {
      refreshAfterWrite(queryClient, ['activities'], cancelled.id);
      notifyUndoable(`Cancelled: ${cancelled.subject}`, async () => {
        try {
          await patchActivity(cancelled, { status: 'planned' });
        } catch (error) {
          notifyFailure(error, { title: 'The activity is still cancelled' });
        }
        refreshAfterWrite(queryClient, ['activities'], cancelled.id);
      });
    },
    onError: (error, activity) =>
      notifyFailure(error, {
        title: 'The activity was not cancelled',
        onReload: () => refreshAfterWrite(queryClient, ['activities'], activity.id),
      }),
  });
}

export function useDeleteActivity() {
  return useDeleteWithUndo<Activity>('activities', 'activity', (activity) => activity.subject);
}

/**
 * Checks in to or out of a visit where the device is now: the browser's position first (its refusal is
 * the mutation's error, said in words), then the API, which measures the distance from the account.
 */
export function useVisitStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ activity, step }: { activity: Activity; step: VisitStep }) => {
      const position = await currentPosition();
      return api.post<Activity>(`/activities/${activity.id}/${step}`, position);
    },
    onSuccess: (visit) => refreshAfterWrite(queryClient, ['activities'], visit.id),
  });
}
