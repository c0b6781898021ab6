import type { z } from 'zod';
import { listAccountsQuerySchema } from '../../../shared/contracts/accounts.js';
import { listActivitiesQuerySchema } from '../../../shared/contracts/activities.js';
import { listContactsQuerySchema } from '../../../shared/contracts/contacts.js';
import { listLeadsQuerySchema } from '../../../shared/contracts/leads.js';
import { listOpportunitiesQuerySchema } from '../../../shared/contracts/opportunities.js';
import { listQuotesQuerySchema } from '../../../shared/contracts/quotes.js';
import type { ViewResource } from '../../../shared/contracts/saved-views.js';
import { listTasksQuerySchema } from '../../../shared/contracts/tasks.js';
import { AppError } from '../../../shared/errors.js';

const listSchemas: Record<ViewResource, z.ZodObject> = {
  accounts: listAccountsQuerySchema,
  contacts: listContactsQuerySchema,
  leads: listLeadsQuerySchema,
  opportunities: listOpportunitiesQuerySchema,
  activities: listActivitiesQuerySchema,
  tasks: listTasksQuerySchema,
  quotes: listQuotesQuerySchema,
};

/** What a view is not: a page of the list, or how much of it to fetch. */
const pageParameters = new Set(['cursor', 'limit', 'includeTotal']);

/**
 * A view's query as the list would read it, checked now so a saved view never fails when opened: each
 * parameter once, none of the paging ones, every one the list's own (the list's schema decides, so a
 * view of a filter added later is accepted the day it lands). Answered in a canonical encoding.
 */
export function checkedViewQuery(resource: ViewResource, query: string): string {
  const schema = listSchemas[resource];
  const params = new URLSearchParams(query);
  const seen = new Set<string>();
  const errors: { path: string; message: string }[] = [];
  for (const key of params.keys()) {
    const path = `query.${key}`;
    if (pageParameters.has(key)) errors.push({ path, message: 'a view keeps filters, search and sort, not a page' });
    else if (!Object.hasOwn(schema.shape, key))
      errors.push({ path, message: `not a parameter of the ${resource} list` });
    else if (seen.has(key)) errors.push({ path, message: 'given twice: separate alternatives with commas' });
    seen.add(key);
  }
  if (errors.length === 0) {
    for (const issue of schema.safeParse(Object.fromEntries(params)).error?.issues ?? []) {
      // The parameter at fault (stage, not stage.0): the part of the query the user wrote.
      errors.push({ path: `query.${String(issue.path[0] ?? '')}`, message: issue.message });
    }
  }
  if (errors.length > 0) {
    throw new AppError('invalid_request', `the view's query is not one the ${resource} list takes`, { errors });
  }
  return params.toString();
}
