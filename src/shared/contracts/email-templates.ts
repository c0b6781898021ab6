import { z } from 'zod';
import { filters, idSchema, listQuerySchema, pageSchema, recordFields, updatedAtFilters } from './common.js';

/**
 * The fields a template may name as `{{field}}`, filled from the records an e-mail is about and from its
 * sender. Shared with the dashboard, which offers them while a template is written.
 */
export const templateFields = [
  'contact.firstName',
  'contact.lastName',
  'contact.name',
  'contact.title',
  'contact.email',
  'account.name',
  'account.city',
  'lead.firstName',
  'lead.lastName',
  'lead.name',
  'lead.company',
  'opportunity.name',
  'opportunity.amount',
  'opportunity.closeDate',
  'me.name',
  'me.email',
  'today',
] as const;
export type TemplateField = (typeof templateFields)[number];

export const emailTemplateSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    subject: z.string(),
    body: z.string().meta({ description: 'Plain text with {{field}} placeholders' }),
    shared: z.boolean().meta({ description: 'Offered to everyone, not only its owner' }),
    ownerId: idSchema.nullable(),
  })
  .meta({ id: 'EmailTemplate' });
export type EmailTemplate = z.infer<typeof emailTemplateSchema>;

const writableTemplateFields = {
  name: z.string().trim().min(1).max(200),
  subject: z.string().trim().min(1).max(500),
  body: z.string().min(1).max(50_000),
  shared: z.boolean(),
};

export const createEmailTemplateSchema = z.strictObject({
  ...writableTemplateFields,
  shared: writableTemplateFields.shared.default(false),
});
export type CreateEmailTemplateInput = z.infer<typeof createEmailTemplateSchema>;

export const updateEmailTemplateSchema = z.strictObject(writableTemplateFields).partial();
export type UpdateEmailTemplateInput = z.infer<typeof updateEmailTemplateSchema>;

export const listEmailTemplatesQuerySchema = listQuerySchema({
  sorts: ['name', 'updatedAt'],
  filters: {
    shared: filters.boolean().optional(),
    ownerId: filters.person().optional(),
    ...updatedAtFilters,
  },
});
export type ListEmailTemplatesQuery = z.infer<typeof listEmailTemplatesQuerySchema>;
export const emailTemplatePageSchema = pageSchema(emailTemplateSchema);

/** The records whose fields fill the template; each one the caller sees. */
export const renderEmailTemplateSchema = z
  .strictObject({
    contactId: idSchema.optional(),
    accountId: idSchema.optional(),
    leadId: idSchema.optional(),
    opportunityId: idSchema.optional(),
  })
  .meta({ description: 'A contact brings its account; a deal its account and contact, unless they are given' });
export type RenderEmailTemplateInput = z.infer<typeof renderEmailTemplateSchema>;

export const renderedEmailSchema = z
  .object({
    subject: z.string(),
    body: z.string(),
    missing: z
      .array(z.string())
      .meta({ description: 'Fields the template names that the given records do not fill (left empty)' }),
  })
  .meta({ id: 'RenderedEmail' });
export type RenderedEmail = z.infer<typeof renderedEmailSchema>;
