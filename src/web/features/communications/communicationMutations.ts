import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Communication, UpdateCommunicationInput } from '../../../shared/contracts/communications.js';
import { ApiError, api } from '../../api/client.js';
import { phone } from '../../lib/format.js';
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

type Named = Pick<Communication, 'subject' | 'channel' | 'direction' | 'to' | 'from'>;

/**
 * What a message is called in a sentence or a button's name: its subject, else a text by its number
 * ("Text to +31 612 345 678": texts have no subject), else "Outbound call".
 */
export function messageName(communication: Named): string {
  if (communication.subject) return communication.subject;
  const number = communication.direction === 'outbound' ? communication.to[0] : communication.from;
  if (communication.channel === 'sms' && number)
    return `Text ${communication.direction === 'outbound' ? 'to' : 'from'} ${phone(number)}`;
  return `${sentenceCase(communication.direction)} ${channelWord(communication.channel)}`;
}

/** What the server sends, as a rep says it: an "e-mail", a "text". */
export function sendingNoun(channel: string): string {
  return channel === 'sms' ? 'text' : channelWord(channel);
}

/** A message being sent in the middle of a sentence: "the e-mail Spring prices", "the text to +31 612 345 678". */
export function theMessage(communication: Named): string {
  const name = messageName(communication);
  return communication.channel === 'sms' && !communication.subject
    ? `the ${name.charAt(0).toLowerCase()}${name.slice(1)}`
    : `the ${sendingNoun(communication.channel)} ${name}`;
}

/**
 * Cancels a queued e-mail or text before it goes (DELETE with If-Match). No Undo: a restored message would
 * not be queued for sending again, so the caller asks first. The server answers 409 while it is being sent.
 */
export function useCancelSending() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: Communication) =>
      api.delete(`/communications/${message.id}`, { headers: { 'if-match': `"${message.version}"` } }),
    onSuccess: (_answer, message) => {
      refreshCommunications(queryClient);
      void queryClient.removeQueries({ queryKey: ['communications', 'one', message.id] });
      notifySaved(`Cancelled: ${messageName(message)} will not be sent.`);
    },
    onError: (error, message) =>
      notifyFailure(error, {
        title: `The ${sendingNoun(message.channel)} was not cancelled`,
        onReload: () => refreshCommunications(queryClient, message.id),
      }),
  });
}

/**
 * Takes back a message just sent, in the seconds the server holds it before it goes (UNDO_SEND_MS on the
 * server): the message is deleted. Once a worker has taken it, the server answers 409 and it goes.
 */
export async function takeBackMessage(queryClient: QueryClient, message: Communication): Promise<void> {
  try {
    await api.delete(`/communications/${message.id}`, { headers: { 'if-match': `"${message.version}"` } });
    refreshCommunications(queryClient);
    void queryClient.removeQueries({ queryKey: ['communications', 'one', message.id] });
    notifySaved(`Not sent: ${messageName(message)}`);
  } catch (error) {
    notifyFailure(error, {
      title: 'Too late to take it back',
      onReload: () => refreshCommunications(queryClient, message.id),
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

/**
 * The contract's complaints about a payload (`to.2`, `subject`) under the boxes that hold them: the first
 * one per box, with `renames` for a server field the form asks under another name.
 */
export function onFormFields(
  problems: FormErrors,
  values: Record<string, unknown>,
  renames: Record<string, string> = {},
): FormErrors {
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(problems)) {
    const field = path.split('.')[0] ?? path;
    const box = renames[field] ?? field;
    if (box in values && !(box in errors)) errors[box] = message;
  }
  return errors;
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
