import { HONEYPOT_FIELD, leadFormFields } from '../../../shared/contracts/lead-forms.js';
import { type CreateLeadInput, createLeadSchema } from '../../../shared/contracts/leads.js';
import { AppError } from '../../../shared/errors.js';
import type { Deps } from '../../deps.js';
import { systemViewer } from '../../platform/viewer.js';
import { createLead, territoryForLocation } from '../leads/leads.service.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { findUserForAuthentication } from '../users/users.repository.js';
import {
  countSubmission,
  findActiveFormByKey,
  findNextRepOfTerritory,
  type LeadFormRow,
} from './lead-forms.repository.js';

/** Fields beyond the known ones kept in the need description, and how much of each. */
const MAX_EXTRA_FIELDS = 20;
const MAX_EXTRA_LENGTH = 1000;

export type SubmissionOutcome = { form: LeadFormRow; leadId: string | null };

/**
 * Makes a lead of an inquiry posted to a form, as the system (no one signed in): the form's source, the
 * territory of its region or country, and an owner by the form's assignment. The owner is notified. A
 * submission that filled the honeypot is answered alike and makes nothing. An unknown or inactive form
 * is 404, a submission without a name or a way to reach the person 400: nothing is made.
 */
export async function submitToForm(deps: Deps, key: string, body: unknown): Promise<SubmissionOutcome> {
  const form = await findActiveFormByKey(deps.database.db, key);
  if (!form) throw new AppError('not_found', 'no such form, or it takes no more inquiries');
  const fields = textFields(body);
  if (fields[HONEYPOT_FIELD]) return { form, leadId: null };
  const input = leadInputOf(form, fields);
  const territoryId = await territoryForLocation(deps.database.db, { region: input.region, country: input.country });
  const ownerId = await ownerFor(deps, form, territoryId);
  const lead = await createLead(
    deps,
    systemViewer(),
    { ...input, ownerId, territoryId },
    {
      key: undefined,
      operation: `POST /api/v1/forms/${key}/leads`,
    },
  );
  await countSubmission(deps.database.db, form.id);
  if (ownerId) {
    await createNotifications(deps.database.db, deps, [
      {
        userId: ownerId,
        kind: 'lead_assigned',
        title: `New lead from ${form.name}: ${lead.firstName} ${lead.lastName}`,
        body: [lead.company, lead.email, lead.phone].filter(Boolean).join(' · ') || null,
        entity: 'leads',
        entityId: lead.id,
      },
    ]);
  }
  return { form, leadId: lead.id };
}

/** The submission's fields as text; a JSON value that is not text (or a number) is refused. */
function textFields(body: unknown): Record<string, string> {
  if (body === null || body === undefined) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid_request', 'send the form fields as an object or as an HTML form');
  }
  const fields: Record<string, string> = {};
  const errors: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(body)) {
    // A NUL is in no text a person types, and PostgreSQL stores none (the JSON parser refuses them; an
    // HTML form's fields are read here).
    if (name.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
      errors.push({ path: name.replaceAll('\u0000', ''), message: 'contains a NUL character' });
    } else if (typeof value === 'string') fields[name] = value.trim();
    else if (typeof value === 'number' && Number.isFinite(value)) fields[name] = String(value);
    else if (value !== null) errors.push({ path: name, message: 'must be text' });
  }
  if (errors.length > 0) throw new AppError('invalid_request', 'every form field is text', { errors });
  return fields;
}

const knownFields = new Set<string>([...leadFormFields, HONEYPOT_FIELD]);

/** The lead the fields describe, checked as a lead created by hand would be. */
function leadInputOf(form: LeadFormRow, fields: Record<string, string>) {
  const [first, ...rest] = (fields.name ?? '').split(/\s+/).filter(Boolean);
  const firstName = fields.firstName || (fields.lastName ? '' : (first ?? ''));
  const lastName = fields.lastName || (fields.firstName ? '' : rest.join(' '));
  const extras = Object.entries(fields)
    .filter(([name, value]) => !knownFields.has(name) && !name.startsWith('_') && value !== '')
    .slice(0, MAX_EXTRA_FIELDS)
    .map(([name, value]) => `${labelOf(name)}: ${value.slice(0, MAX_EXTRA_LENGTH)}`);
  const need = [fields.message, ...extras].filter(Boolean).join('\n\n');
  const candidate = {
    firstName,
    lastName,
    company: fields.company || null,
    title: fields.title || null,
    email: fields.email || null,
    phone: fields.phone || null,
    country: fields.country || null,
    region: fields.region || null,
    needDescription: need ? need.slice(0, 10_000) : null,
    source: form.source,
  };
  const errors: { path: string; message: string }[] = [];
  if (!firstName || !lastName) {
    errors.push({ path: fields.name && !fields.lastName ? 'name' : 'lastName', message: 'a first and a last name' });
  }
  if (!candidate.email && !candidate.phone)
    errors.push({ path: 'email', message: 'an e-mail address or a phone number' });
  const parsed = createLeadSchema.safeParse(candidate);
  for (const issue of parsed.error?.issues ?? []) {
    const path = String(issue.path[0] ?? '');
    // A missing name is said once, above, rather than as two empty fields.
    if ((path === 'firstName' || path === 'lastName') && (!firstName || !lastName)) continue;
    errors.push({ path: path === 'needDescription' ? 'message' : path, message: issue.message });
  }
  if (errors.length > 0 || !parsed.success) {
    throw new AppError('invalid_request', 'the form is missing something: see errors', { errors });
  }
  return parsed.data as CreateLeadInput & { region: string | null; country: string | null };
}

/** "product_interest" → "Product interest". */
function labelOf(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Whose the lead is: the territory's next rep when the form assigns by territory and the territory has
 * one, else the form's owner while they are active. With neither, the lead is nobody's yet (it is not
 * lost: the leads list shows it to managers and admins).
 */
async function ownerFor(deps: Deps, form: LeadFormRow, territoryId: string | null): Promise<string | null> {
  if (form.assignment === 'territory' && territoryId) {
    const rep = await findNextRepOfTerritory(deps.database.db, territoryId);
    if (rep) return rep;
  }
  const owner = await findUserForAuthentication(deps.database.db, { id: form.ownerId });
  return owner?.active ? owner.id : null;
}
