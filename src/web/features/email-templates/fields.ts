import {
  type EmailTemplate,
  type RenderEmailTemplateInput,
  type TemplateField,
  templateFields,
} from '../../../shared/contracts/email-templates.js';

/*
 * The `{{field}}` placeholders of e-mail templates said in words: the "Insert field" menu offers them
 * with these labels, and a rendered e-mail's `missing` fields are named the same way.
 */

/** Whose field it is: the record, or the sender ("me"). */
const owners: Record<string, { label: string; possessive: string; menu: string }> = {
  contact: { label: 'Contact', possessive: "the contact's", menu: 'Contact' },
  account: { label: 'Account', possessive: "the account's", menu: 'Account' },
  lead: { label: 'Lead', possessive: "the lead's", menu: 'Lead' },
  opportunity: { label: 'Deal', possessive: "the deal's", menu: 'Deal' },
  me: { label: 'Your', possessive: 'your', menu: 'You (the sender)' },
};

/** The field's own words, after whose it is. */
const parts: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  name: 'name',
  title: 'job title',
  email: 'e-mail',
  city: 'city',
  company: 'company',
  amount: 'amount',
  closeDate: 'close date',
};

/** A person's `name` is the whole of it, to tell it from the first and last names. */
const personNames = new Set(['contact.name', 'lead.name']);

function partOf(field: string): { owner: string | undefined; part: string } {
  const dot = field.indexOf('.');
  if (dot < 0) return { owner: undefined, part: field };
  return { owner: field.slice(0, dot), part: field.slice(dot + 1) };
}

/** "first name" for `firstName`, "full name" for a person's `name`; a field this file does not know, split at its capitals. */
function partWords(field: string, part: string): string {
  if (personNames.has(field)) return 'full name';
  return parts[part] ?? part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * A field as a label: `contact.firstName` → "Contact's first name", `me.email` → "Your e-mail",
 * `today` → "Today's date".
 */
export function fieldLabel(field: string): string {
  if (field === 'today') return "Today's date";
  const { owner, part } = partOf(field);
  const whose = owner ? owners[owner] : undefined;
  const words = partWords(field, part);
  if (!whose) return words.charAt(0).toUpperCase() + words.slice(1);
  return whose.possessive === 'your' ? `Your ${words}` : `${whose.label}'s ${words}`;
}

/**
 * A field inside a sentence: `lead.company` → "the lead's company", `me.name` → "your name",
 * `today` → "today's date".
 */
export function fieldPhrase(field: string): string {
  if (field === 'today') return "today's date";
  const { owner, part } = partOf(field);
  const whose = owner ? owners[owner] : undefined;
  const words = partWords(field, part);
  return whose ? `${whose.possessive} ${words}` : words;
}

/**
 * What the writer has to fill in by hand after a template was used: "Fill in by hand: the lead's company
 * and the contact's job title." Null when nothing is missing.
 */
export function missingNotice(missing: readonly string[]): string | null {
  if (missing.length === 0) return null;
  const phrases = missing.map(fieldPhrase);
  const last = phrases.pop() as string;
  return `Fill in by hand: ${phrases.length > 0 ? `${phrases.join(', ')} and ${last}` : last}.`;
}

/** The placeholder a template names a field with. */
export const placeholder = (field: string) => `{{${field}}}`;

export type FieldGroup = { label: string; fields: { field: TemplateField; label: string }[] };

/** The fields of the "Insert field" menu, grouped by whose they are, in the contract's order. */
export function fieldGroups(fields: readonly TemplateField[] = templateFields): FieldGroup[] {
  const groups = new Map<string, FieldGroup>();
  for (const field of fields) {
    const { owner } = partOf(field);
    const label = (owner && owners[owner]?.menu) || 'Other';
    const group = groups.get(label) ?? { label, fields: [] };
    group.fields.push({ field, label: fieldLabel(field) });
    groups.set(label, group);
  }
  return [...groups.values()];
}

/** `{{ contact.firstName }}`: the server's own pattern (spaces inside the braces allowed). */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z.]*)\s*\}\}/g;
const known = new Set<string>(templateFields);

/**
 * The first field a subject or body names that Meridian cannot fill (a typo), said as the server says
 * it; null when every one is known. The server refuses such a template with the same words at the field.
 */
export function unknownFieldProblem(text: string): string | null {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!known.has(name)) return `${placeholder(name)} is not a field: pick one from "Insert field"`;
  }
  return null;
}

/**
 * `text` with `insertion` put in place of the selection `start`–`end` (the cursor when they are equal),
 * and where the cursor goes after it. Positions out of range are taken as the end of the text.
 */
export function insertAt(
  text: string,
  insertion: string,
  start: number | null | undefined,
  end: number | null | undefined = start,
): { text: string; cursor: number } {
  const from = Math.min(Math.max(start ?? text.length, 0), text.length);
  const to = Math.min(Math.max(end ?? from, from), text.length);
  return { text: text.slice(0, from) + insertion + text.slice(to), cursor: from + insertion.length };
}

/**
 * The records whose fields fill a template for an e-mail written from a record page: the page's own
 * links, and the person it is written to when the page is not theirs (an account's primary contact).
 * The server brings a contact's account and a deal's contact and account itself.
 */
export function renderInputOf(
  links: {
    accountId?: string | null;
    contactId?: string | null;
    leadId?: string | null;
    opportunityId?: string | null;
  },
  recipientContactId?: string | null,
): RenderEmailTemplateInput {
  const contactId = links.contactId ?? recipientContactId ?? undefined;
  return {
    ...(contactId ? { contactId } : {}),
    ...(links.accountId ? { accountId: links.accountId } : {}),
    ...(links.leadId ? { leadId: links.leadId } : {}),
    ...(links.opportunityId ? { opportunityId: links.opportunityId } : {}),
  };
}

/**
 * Whether filling the subject and body from a template would lose something the writer typed: either
 * holds text that is not what the last template put there.
 */
export function wouldReplaceWriting(
  current: { subject: string; body: string },
  filled: { subject: string; body: string } | null,
): boolean {
  const typed = (value: string, fromTemplate: string | undefined) =>
    value.trim() !== '' && value !== (fromTemplate ?? '');
  return typed(current.subject, filled?.subject) || typed(current.body, filled?.body);
}

/** Which group a template is offered in: the writer's own, shared with everyone, or a teammate's. */
export type TemplateGroup = 'Your templates' | 'Shared' | "Your team's";

/**
 * Templates as the picker offers them: the writer's own first, then those shared with everyone, then
 * the ones a manager sees from their team; by name within each. Empty groups are left out.
 */
export function groupTemplates(
  templates: readonly Pick<EmailTemplate, 'id' | 'name' | 'shared' | 'ownerId'>[],
  myId: string | undefined,
): { group: TemplateGroup; items: { value: string; label: string }[] }[] {
  const order: TemplateGroup[] = ['Your templates', 'Shared', "Your team's"];
  const groupOf = (template: Pick<EmailTemplate, 'shared' | 'ownerId'>): TemplateGroup =>
    template.ownerId !== null && template.ownerId === myId
      ? 'Your templates'
      : template.shared
        ? 'Shared'
        : "Your team's";
  return order
    .map((group) => ({
      group,
      items: templates
        .filter((template) => groupOf(template) === group)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((template) => ({ value: template.id, label: template.name })),
    }))
    .filter((entry) => entry.items.length > 0);
}
