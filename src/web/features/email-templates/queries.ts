import { type QueryClient, useMutation } from '@tanstack/react-query';
import type {
  EmailTemplate,
  RenderEmailTemplateInput,
  RenderedEmail,
} from '../../../shared/contracts/email-templates.js';
import { api } from '../../api/client.js';
import { useAllPages } from '../../api/hooks.js';

/** Every query of templates starts with this key: a change refreshes the picker and the dialog alike. */
export const templatesKey = ['email-templates'];

/**
 * Every template the caller sees (their own, their team's, and the shared ones), by name: a sales team
 * keeps dozens, not thousands, so the picker and the dialog filter them in the browser.
 */
export function useEmailTemplates() {
  return useAllPages<EmailTemplate>('email-templates', 'sort=name');
}

export function refreshTemplates(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: templatesKey });
}

/** The template filled from the records an e-mail is about (nothing is sent or saved). */
export function useRenderTemplate() {
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: RenderEmailTemplateInput }) =>
      api.post<RenderedEmail>(`/email-templates/${id}/render`, input),
  });
}

/** `If-Match` of a template at the version the user saw. */
export const ifMatch = (template: Pick<EmailTemplate, 'version'>) => ({ 'if-match': `"${template.version}"` });
