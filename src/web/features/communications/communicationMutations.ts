import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Communication, UpdateCommunicationInput } from '../../../shared/contracts/communications.js';
import { ApiError, api } from '../../api/client.js';
import type { FormErrors } from '../../lib/forms.js';
import { notifyFailure, notifySaved, refreshAfterWrite, useDeleteWithUndo } from '../../lib/mutations.js';
import { splitAddresses } from './addresses.js';

/** PATCH of a message as it was read (If-Match its version); a 412 offers to reload. */
export function patchCommunication(communication: Communication, changes: UpdateCommunicationInput) {
  return api.patch<Communication>(`/communications/${communication.id}`, changes, {
    headers: { 'if-match': `"${communication.version}"` },
  });
}

/** After a write: the message lists, the timelines that show it, the message itself, and the figures. */
export function refreshCommunications(queryClient: QueryClient, id?: string) {
  refreshAfterWrite(queryClient, ['communications'], id);
}

/** What a message is called in a sentence or a button's name: its subject, or "the call of 6 Dec". */
export function messageName(communication: Pick<Communication, 'subject' | 'channel' | 'direction'>): string {
  if (communication.subject) return communication.subject;
  return `${sentenceCase(communication.direction)} ${channelWord(communication.channel)}`;
}

/**
 * Cancels a queued e-mail before it goes (DELETE with If-Match). No Undo: a restored message would not be
 * queued for sending again, so the caller asks first. The server answers 409 while it is being sent.
 */
export function useCancelEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: Communication) =>
      api.delete(`/communications/${email.id}`, { headers: { 'if-match': `"${email.version}"` } }),
    onSuccess: (_answer, email) => {
      refreshCommunications(queryClient);
      void queryClient.removeQueries({ queryKey: ['communications', 'one', email.id] });
      notifySaved(`Cancelled: ${messageName(email)} will not be sent.`);
    },
    onError: (error, email) =>
      notifyFailure(error, {
        title: 'The e-mail was not cancelled',
        onReload: () => refreshCommunications(queryClient, email.id),
      }),
  });
}

/**
 * Takes back an e-mail just sent, in the seconds the server holds it before it goes (UNDO_SEND_MS on the
 * server): the message is deleted. Once a worker has taken it, the server answers 409 and it goes.
 */
export async function takeBackEmail(queryClient: QueryClient, email: Communication): Promise<void> {
  try {
    await api.delete(`/communications/${email.id}`, { headers: { 'if-match': `"${email.version}"` } });
    refreshCommunications(queryClient);
    void queryClient.removeQueries({ queryKey: ['communications', 'one', email.id] });
    notifySaved(`Not sent: ${messageName(email)}`);
  } catch (error) {
    notifyFailure(error, {
      title: 'Too late to take it back',
      onReload: () => refreshCommunications(queryClient, email.id),
    });
  }
}

/** Deletes a logged message, with Undo (the server only hides it). */
export function useDeleteCommunication() {
  return useDeleteWithUndo<Communication>('communications', 'message', messageName);
}

/**
 * A refused save's field errors where the form shows them: the server names each address (`to.2`), the
 * form has one box per list, so the message says which address; `renames` maps a server field to the
 * form's (`durationSeconds` is typed in minutes). Anything the form cannot show is a notification, and the
 * dialog stays open either way.
 */
export function reportCommunicationError(
  form: { setErrors: (errors: FormErrors) => void; values: Record<string, unknown> },
  error: unknown,
  options: { renames?: Record<string, string>; onReload?: () => void } = {},
) {
  const problems = error instanceof ApiError ? error.errors : [];
  const errors: FormErrors = {};
  let unshown = problems.length === 0;
  for (const problem of problems) {
    const [field = '', index] = problem.path.split('.');
    const path = options.renames?.[field] ?? field;
    if (!(path in form.values)) {
      unshown = true;
      continue;
    }
    if (path in errors) continue;
    const typed = typeof form.values[path] === 'string' ? splitAddresses(form.values[path] as string) : [];
    const address = index === undefined ? undefined : typed[Number(index)];
    errors[path] = address ? `“${address}”: ${problem.message}` : sentenceCase(problem.message);
  }
  form.setErrors(errors);
  if (unshown) notifyFailure(error, { title: 'The message was not saved', onReload: options.onReload });
}

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "e-mail", "call", "SMS": a channel in a sentence. */
export function channelWord(channel: string): string {
  return channel === 'sms' ? 'SMS' : channel === 'email' ? 'e-mail' : channel;
}

/** "E-mail", "Call", "SMS": a channel on a badge. */
export function channelLabel(channel: string | null): string {
  return sentenceCase(channelWord(channel ?? 'message'));
}
