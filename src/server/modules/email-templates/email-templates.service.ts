import { v7 as uuidv7 } from 'uuid';
import type {
  CreateEmailTemplateInput,
  EmailTemplate,
  ListEmailTemplatesQuery,
  RenderEmailTemplateInput,
  RenderedEmail,
  TemplateField,
  UpdateEmailTemplateInput,
} from '../../../shared/contracts/email-templates.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { emailTemplates } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { findVisibleAccount } from '../accounts/accounts.repository.js';
import { recordChange } from '../audit/audit.service.js';
import { findVisibleContact } from '../contacts/contacts.repository.js';
import { findVisibleLead } from '../leads/leads.repository.js';
import { findVisibleOpportunity } from '../opportunities/opportunities.repository.js';
import { preferencesOf } from '../preferences/preferences.repository.js';
import { findVisibleUser } from '../users/users.repository.js';
import {
  findVisibleEmailTemplate,
  insertEmailTemplate,
  listEmailTemplateRows,
  toEmailTemplate,
} from './email-templates.repository.js';
import { fillTemplate, requireKnownFields } from './template-fields.js';

const ENTITY = 'email_templates';

function lifecycle(viewer: Viewer): Lifecycle<typeof emailTemplates, EmailTemplate> {
  return {
    table: emailTemplates,
    entity: ENTITY,
    label: 'e-mail template',
    find: (tx, id, options) => findVisibleEmailTemplate(tx, viewer, id, options),
    toApi: toEmailTemplate,
    authorize: (row) => {
      if (!mayChange(viewer, row.ownerId)) {
        throw new AppError('forbidden', "only the template's owner, their managers and admins may change it");
      }
    },
  };
}

export function listEmailTemplates(deps: Deps, viewer: Viewer, query: ListEmailTemplatesQuery) {
  return listEmailTemplateRows(deps.database.db, viewer, query);
}

export async function getEmailTemplate(deps: Deps, viewer: Viewer, id: string): Promise<EmailTemplate> {
  const row = await findVisibleEmailTemplate(deps.database.db, viewer, id);
  if (!row) throw notFound('e-mail template');
  return toEmailTemplate(row);
}

/** A template is its writer's; shared, everyone is offered it (and only its owner's team changes it). */
export async function createEmailTemplate(
  deps: Deps,
  viewer: Viewer,
  input: CreateEmailTemplateInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<EmailTemplate> {
  requireKnownFields({ subject: input.subject, body: input.body });
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const template = toEmailTemplate(await insertEmailTemplate(tx, { id: uuidv7(), ...input, ownerId: viewer.userId }));
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: template.id,
      before: null,
      after: template,
    });
    return template;
  });
  return result;
}

export async function updateEmailTemplate(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateEmailTemplateInput,
  expectedVersion: number | undefined,
): Promise<EmailTemplate> {
  requireKnownFields({ subject: input.subject, body: input.body });
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, { expectedVersion, prepare: async () => input }),
  );
  return after;
}

export async function deleteEmailTemplate(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

export function restoreEmailTemplate(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<EmailTemplate> {
  return inTransaction(deps.database.db, (tx) => restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

/**
 * The template's subject and body filled from the records an e-mail is about, as the caller sees them,
 * and from the caller. A contact brings its account; a deal brings its account and contact unless they
 * are given. A record the caller cannot see is `400` at its field, as a link to it would be.
 */
export async function renderEmailTemplate(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: RenderEmailTemplateInput,
): Promise<RenderedEmail> {
  const db = deps.database.db;
  const template = await findVisibleEmailTemplate(db, viewer, id);
  if (!template) throw notFound('e-mail template');
  const values = await fieldValues(db, viewer, input);
  const missing = new Set<string>();
  const subject = fillTemplate(template.subject, values, missing).replace(/\s+/g, ' ').trim();
  const body = fillTemplate(template.body, values, missing);
  return { subject, body, missing: [...missing] };
}

async function fieldValues(
  db: Db,
  viewer: Viewer,
  input: RenderEmailTemplateInput,
): Promise<Partial<Record<TemplateField, string | null>>> {
  const opportunity = input.opportunityId
    ? await required(findVisibleOpportunity(db, viewer, input.opportunityId), 'opportunityId', 'deal')
    : undefined;
  const contactId = input.contactId ?? opportunity?.contactId ?? undefined;
  const contact = contactId
    ? await required(findVisibleContact(db, viewer, contactId), 'contactId', 'contact', input.contactId === undefined)
    : undefined;
  const accountId = input.accountId ?? contact?.accountId ?? opportunity?.accountId ?? undefined;
  const account = accountId
    ? await required(findVisibleAccount(db, viewer, accountId), 'accountId', 'account', input.accountId === undefined)
    : undefined;
  const lead = input.leadId ? await required(findVisibleLead(db, viewer, input.leadId), 'leadId', 'lead') : undefined;
  const me = await findVisibleUser(db, viewer, viewer.userId);
  const [preferences] = await preferencesOf(db, [viewer.userId]);
  const timeZone = preferences?.timeZone ?? 'UTC';
  return {
    'contact.firstName': contact?.firstName,
    'contact.lastName': contact?.lastName,
    'contact.name': contact ? `${contact.firstName} ${contact.lastName}` : undefined,
    'contact.title': contact?.title,
    'contact.email': contact?.email,
    'account.name': account?.name,
    'account.city': account?.city,
    'lead.firstName': lead?.firstName,
    'lead.lastName': lead?.lastName,
    'lead.name': lead ? `${lead.firstName} ${lead.lastName}` : undefined,
    'lead.company': lead?.company,
    'opportunity.name': opportunity?.name,
    'opportunity.amount': opportunity
      ? new Intl.NumberFormat('en-US', { style: 'currency', currency: opportunity.currency }).format(opportunity.amount)
      : undefined,
    'opportunity.closeDate': opportunity ? longDate(new Date(`${opportunity.closeDate}T12:00:00Z`), 'UTC') : undefined,
    'me.name': me?.name,
    'me.email': me?.email,
    today: longDate(new Date(), timeZone),
  };
}

/** "15 January 2027": unambiguous wherever the customer reads it. */
function longDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/**
 * A record named (or brought along by another) that the caller may not see. One brought along (a deal's
 * contact the caller does not see) is simply not used, rather than refusing the whole template.
 */
async function required<Row>(
  found: Promise<Row | undefined>,
  path: string,
  noun: string,
  optional = false,
): Promise<Row | undefined> {
  const row = await found;
  if (row || optional) return row;
  throw new AppError('invalid_request', `the ${noun} does not exist or is not visible to you`, {
    errors: [{ path, message: `no such ${noun}` }],
  });
}
