import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Note } from '../../../shared/contracts/notes.js';
import { api } from '../../api/client.js';
import { usePage } from '../../api/hooks.js';
import { invalidateLists, notifyFailure, notifySaved } from '../../lib/mutations.js';

export type RecordResource = 'accounts' | 'contacts' | 'leads' | 'opportunities';

/** The link field that ties a note (or an activity, a task) to a record of this kind. */
export const linkKeys = {
  accounts: 'accountId',
  contacts: 'contactId',
  leads: 'leadId',
  opportunities: 'opportunityId',
} as const satisfies Record<RecordResource, string>;

/**
 * A record's pinned notes, newest first: the timeline entries do not say whether a note is pinned, so
 * they come from the notes list. An account's include those of its contacts and deals (the server fills
 * a note's account in from them), as its timeline does.
 */
export function usePinnedNotes(resource: RecordResource, id: string) {
  return usePage<Note>('notes', `${linkKeys[resource]}=${id}&pinned=true&sort=-createdAt&limit=50`);
}

/**
 * Pins a note to the top of its records, or unpins it (PATCH with If-Match). A timeline entry carries no
 * version, so a note known only by id is read first; the version still guards the change against one
 * saved meanwhile.
 */
export function useSetNotePinned() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      note,
      pinned,
    }: {
      note: Pick<Note, 'id'> & Partial<Pick<Note, 'version'>>;
      pinned: boolean;
    }) => {
      const version = note.version ?? (await api.get<Note>(`/notes/${note.id}`)).version;
      return api.patch<Note>(`/notes/${note.id}`, { pinned }, { headers: { 'if-match': `"${version}"` } });
    },
    onSuccess: (saved) => {
      invalidateLists(queryClient, 'notes');
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notifySaved(saved.pinned ? 'Note pinned to the top' : 'Note unpinned');
    },
    onError: (error, { pinned }) =>
      notifyFailure(error, {
        title: pinned ? 'The note was not pinned' : 'The note was not unpinned',
        onReload: () => invalidateLists(queryClient, 'notes'),
      }),
  });
}
