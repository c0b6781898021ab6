import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.js';
import type { LeadForm } from '../../../shared/contracts/lead-forms.js';
import type { Lead } from '../../../shared/contracts/leads.js';
import { api, publicRequest } from '../../api/client.js';
import { useMe, useRecord } from '../../api/hooks.js';
import { getSession } from '../../api/session.js';
import {
  invalidateAfterWrite,
  notifyFailure,
  notifySaved,
  notifyUndoable,
  useListUpdate,
} from '../../lib/mutations.js';
import { submissionPath, testInquiry } from './embed.js';

/** Every query about lead forms starts with this key: the lists and each form read alone. */
export const leadFormsKey = ['lead-forms'];

export function invalidateLeadForms(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: leadFormsKey });
}

/**
 * Whether the caller keeps the lead forms (the server's rule: managers and admins; reps get 403 on every
 * call, reading too). The session answers until `/users/me` has, so a rep's page asks nothing.
 */
export function useMayKeepLeadForms(): boolean {
  const role = (useMe().data ?? getSession()?.user)?.role;
  return role === 'manager' || role === 'admin';
}

/** One form, or nothing asked while `enabled` is false (a rep's page). */
export function useLeadForm(id: string | undefined, enabled = true) {
  return useRecord<LeadForm>('lead-forms', enabled ? id : undefined);
}

/**
 * Turns a form on or off (PATCH `active` with If-Match, in the lists at once). Turning it off offers
 * Undo: the website's form is refused from that moment, and a menu click is easily made on the wrong row.
 */
export function useSetLeadFormActive() {
  const update = useListUpdate<LeadForm>('lead-forms');
  const queryClient = useQueryClient();
  const set = (form: LeadForm, active: boolean) =>
    update.mutate(
      { row: form, changes: { active } },
      {
        onSuccess: (saved) => {
          invalidateLeadForms(queryClient);
          if (saved.active) notifySaved(`${saved.name} takes inquiries again.`);
          else
            notifyUndoable(`${saved.name} is inactive: its website form is refused until you activate it again.`, () =>
              set(saved, true),
            );
        },
      },
    );
  return { set, isPending: update.isPending };
}

/**
 * Deletes a form (asked first by the caller), then offers Undo, which restores it: the server only hides
 * it, and its address works again once restored. The leads it brought stay in any case.
 */
export function useDeleteLeadForm(options: { onDeleted?: () => void; onRestored?: (form: LeadForm) => void } = {}) {
  const queryClient = useQueryClient();
  const restore = async (form: LeadForm) => {
    try {
      const restored = await api.post<LeadForm>(`/lead-forms/${form.id}/restore`, {});
      invalidateLeadForms(queryClient);
      notifySaved(`${form.name} is back and takes inquiries as before.`);
      options.onRestored?.(restored);
    } catch (error) {
      notifyFailure(error, { title: `${form.name} could not be restored` });
    }
  };
  return useMutation({
    mutationFn: (form: LeadForm) =>
      api.delete(`/lead-forms/${form.id}`, { headers: { 'if-match': `"${form.version}"` } }),
    onSuccess: (_answer, form) => {
      options.onDeleted?.();
      invalidateAfterWrite(queryClient, ['lead-forms'], form.id);
      notifyUndoable(`Deleted lead form ${form.name}.`, () => restore(form), 'gray');
    },
    onError: (error, form) =>
      notifyFailure(error, { title: `${form.name} was not deleted`, onReload: () => invalidateLeadForms(queryClient) }),
  });
}

/** What a test inquiry made: what it sent, and the lead when the caller may see it (null otherwise). */
export type SentTestInquiry = { inquiry: ReturnType<typeof testInquiry>; leadId: string | null };

/**
 * The lead a test inquiry made, among the newest of the form's source: the public address answers only
 * that it was received. Null when the caller may not see it (given to a rep of another team) or on failure.
 */
async function findTestLead(form: Pick<LeadForm, 'source'>, email: string): Promise<string | null> {
  try {
    const params = new URLSearchParams({ source: form.source, sort: '-createdAt', limit: '20' });
    const page = await api.get<Page<Lead>>(`/leads?${params}`);
    return page.data.find((lead) => lead.email === email)?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * Posts a sample inquiry to the form's public address, as a website would (JSON, nobody's token): a lead
 * is made, assigned and notified as any other. Its count and last inquiry change, and the leads lists too.
 */
export function useSendTestInquiry(form: Pick<LeadForm, 'id' | 'key' | 'name' | 'source'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<SentTestInquiry> => {
      const inquiry = testInquiry(form.name);
      await publicRequest<{ received: true }>(submissionPath(form.key), { method: 'POST', body: inquiry });
      return { inquiry, leadId: await findTestLead(form, inquiry.email) };
    },
    onSuccess: () => {
      invalidateLeadForms(queryClient);
      invalidateAfterWrite(queryClient, ['leads']);
      // The caller may be the one the lead went to: the bell shows it now, not at its next minute.
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
    onError: (error) => notifyFailure(error, { title: 'The test inquiry was not sent' }),
  });
}
