import { anyOf, idSchema } from './common.js';

/**
 * The records an activity, task, communication or note hangs off. One definition, so every resource
 * with links reads, writes and filters them the same way.
 */
export const recordLinkFields = {
  accountId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  leadId: idSchema.nullable(),
  opportunityId: idSchema.nullable(),
};

const linkDescription =
  'A contact or opportunity must belong to the linked account; when only a contact or opportunity is given, its account is filled in.';

/** Links on create: each defaults to none. */
export const createLinkFields = {
  accountId: idSchema.nullable().default(null).meta({ description: linkDescription }),
  contactId: idSchema.nullable().default(null),
  leadId: idSchema.nullable().default(null),
  opportunityId: idSchema.nullable().default(null),
};

/** Equality filters over the links, with comma-separated alternatives. */
export const linkFilters = {
  accountId: anyOf(idSchema).optional(),
  contactId: anyOf(idSchema).optional(),
  leadId: anyOf(idSchema).optional(),
  opportunityId: anyOf(idSchema).optional(),
};
