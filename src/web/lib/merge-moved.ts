import { count } from './format.js';

/** What a merge moves, as the server counts it (accounts' and contacts' merges), said one and many. */
const movedLabels: Record<string, [string, string]> = {
  contacts: ['contact', 'contacts'],
  opportunities: ['deal', 'deals'],
  activities: ['activity', 'activities'],
  tasks: ['task', 'tasks'],
  communications: ['e-mail, call or text', 'e-mails, calls and texts'],
  notes: ['note', 'notes'],
  childAccounts: ['child account', 'child accounts'],
  leads: ['converted lead', 'converted leads'],
  reports: ['direct report', 'direct reports'],
};

/** "3 contacts, 1 deal and 12 activities moved here", leaving out what nothing moved of. */
export function movedSentence(moved: Record<string, number>): string {
  const parts = Object.entries(moved)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => {
      const [one, many] = movedLabels[kind] ?? [kind, kind];
      return `${count(n)} ${n === 1 ? one : many}`;
    });
  const last = parts.pop();
  if (last === undefined) return 'nothing was linked to it';
  return `${parts.length ? `${parts.join(', ')} and ${last}` : last} moved here`;
}
