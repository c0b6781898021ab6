import { useSearchParams } from 'react-router';

/**
 * The URL parameter that opens a list page's "New …" form (`/accounts?new=1`): Ctrl-K's create actions and
 * the `c` key land on it, and a link can too. It is page state, never sent to the API.
 */
export const CREATE_PARAM = 'new';

/** The tasks page's URL parameter that opens one task over the list: where a reminder leads. */
export { OPEN_TASK_PARAM } from '../../shared/notification-links.js';

/** Where each record type is created: its list page, with the create form open. */
export const createPaths = {
  account: `/accounts?${CREATE_PARAM}=1`,
  contact: `/contacts?${CREATE_PARAM}=1`,
  lead: `/leads?${CREATE_PARAM}=1`,
  deal: `/opportunities?${CREATE_PARAM}=1`,
  activity: `/activities?${CREATE_PARAM}=1`,
  loggedCall: `/activities?${CREATE_PARAM}=log-call`,
  plannedVisit: `/activities?${CREATE_PARAM}=plan-visit`,
  plannedMeeting: `/activities?${CREATE_PARAM}=plan-meeting`,
  task: `/tasks?${CREATE_PARAM}=1`,
  user: `/users?${CREATE_PARAM}=1`,
  territory: `/territories?${CREATE_PARAM}=1`,
} as const;

/**
 * What an activity form opens with, from the create parameter's value: `log-call` logs a call just made,
 * `plan-visit` plans a visit; anything else (`1`) plans a call.
 */
export function activityPreset(value: string | null): { intent: 'log' | 'plan'; type: string } {
  const match = /^(log|plan)-(call|email|meeting|visit)$/.exec(value ?? '');
  return match ? { intent: match[1] as 'log' | 'plan', type: match[2] as string } : { intent: 'plan', type: 'call' };
}

/**
 * The pages that have a create form, by path: the list pages, and the pipeline board, where a rep creates a
 * deal without leaving it.
 */
const pagesWithCreateForm = new Set([
  ...Object.values(createPaths).map((path) => path.split('?')[0]),
  '/opportunities/board',
]);

/** True on a page that has a create form (where `c` opens it in place). */
export const hasCreateForm = (pathname: string) => pagesWithCreateForm.has(pathname);

/**
 * A list page's create form, open while the URL says so: the filters and sort stay as they were, and a
 * reload keeps the form open. Both directions replace the history entry, so Back leaves the page.
 */
export function useCreateIntent(): [boolean, { open: () => void; close: () => void }] {
  const [search, setSearch] = useSearchParams();
  const set = (open: boolean) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (open) next.set(CREATE_PARAM, '1');
        else next.delete(CREATE_PARAM);
        return next;
      },
      { replace: true },
    );
  return [search.has(CREATE_PARAM), { open: () => set(true), close: () => set(false) }];
}
