/** The query parameter the tasks page opens a task by: `/tasks?task={id}`. */
export const OPEN_TASK_PARAM = 'task';

const recordPages = new Set(['accounts', 'contacts', 'leads', 'opportunities']);

/**
 * Where in the dashboard a notification leads (a path), for the bell and for the e-mail that carries it:
 * a reminder opens its task over the tasks page, a record or a quote its own page, records handed over
 * (no one id) the caller's list of their kind (territories and people handed over: those pages); null
 * when there is no page.
 */
export function notificationPath(notification: { entity: string | null; entityId: string | null }): string | null {
  const { entity, entityId } = notification;
  if (entity === 'quotes') return entityId ? `/quotes/${entityId}` : '/quotes';
  if (entity === 'tasks') return entityId ? `/tasks?${OPEN_TASK_PARAM}=${entityId}` : '/tasks';
  if (entity && recordPages.has(entity)) return entityId ? `/${entity}/${entityId}` : `/${entity}?ownerId=me`;
  if (entity === 'activities') return '/activities?ownerId=me';
  if (entity === 'territories') return '/territories';
  if (entity === 'users') return '/users';
  if (entity === 'lead-forms') return '/lead-forms';
  return null;
}
