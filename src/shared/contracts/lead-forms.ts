import { z } from 'zod';
import {
  filters,
  idSchema,
  listQuerySchema,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';
import { leadSourceSchema } from './leads.js';

/** owner: every lead goes to the form's owner; territory: to the reps of the lead's territory in turn. */
export const leadFormAssignments = ['owner', 'territory'] as const;
export const leadFormAssignmentSchema = z.enum(leadFormAssignments);

export const leadFormSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    key: z.string().meta({ description: 'The public key of the form: POST /api/v1/forms/{key}/leads' }),
    active: z.boolean().meta({ description: 'An inactive form takes no more inquiries (404)' }),
    source: leadSourceSchema.meta({ description: "The leads' source" }),
    assignment: leadFormAssignmentSchema.meta({
      description:
        'territory: each lead goes to the active rep of its territory (from its region or country) who was given a lead least recently, else to ownerId; owner: every lead to ownerId',
    }),
    ownerId: idSchema.meta({ description: 'Who manages the form, and whose the leads are when no rep takes them' }),
    redirectUrl: z
      .string()
      .nullable()
      .meta({ description: 'Where a browser that posted the form is sent afterwards; null: a thank-you page' }),
    submissionCount: z.number().int(),
    lastSubmissionAt: timestampSchema.nullable(),
  })
  .meta({ id: 'LeadForm' });
export type LeadForm = z.infer<typeof leadFormSchema>;

const httpsUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .meta({ description: 'An http(s) address' });

const writableLeadFormFields = {
  name: z.string().trim().min(1).max(120),
  active: z.boolean(),
  source: leadSourceSchema,
  assignment: leadFormAssignmentSchema,
  ownerId: idSchema,
  redirectUrl: httpsUrl.nullable(),
};

export const createLeadFormSchema = z.strictObject({
  ...writableLeadFormFields,
  active: writableLeadFormFields.active.default(true),
  source: writableLeadFormFields.source.default('website'),
  assignment: writableLeadFormFields.assignment.default('territory'),
  ownerId: writableLeadFormFields.ownerId.optional().meta({ description: 'Defaults to the caller' }),
  redirectUrl: writableLeadFormFields.redirectUrl.default(null),
});
export type CreateLeadFormInput = z.infer<typeof createLeadFormSchema>;

export const updateLeadFormSchema = z.strictObject(writableLeadFormFields).partial();
export type UpdateLeadFormInput = z.infer<typeof updateLeadFormSchema>;

export const listLeadFormsQuerySchema = listQuerySchema({
  sorts: ['name', 'updatedAt'],
  filters: { active: filters.boolean().optional(), ...updatedAtFilters },
});
export type ListLeadFormsQuery = z.infer<typeof listLeadFormsQuerySchema>;
export const leadFormPageSchema = pageSchema(leadFormSchema);

export const leadFormKeyParamsSchema = z.strictObject({
  key: z.string().min(8).max(64).meta({ description: "The form's public key" }),
});

/**
 * What a website's form sends (JSON, or an HTML form's fields): a name and a way to reach the person.
 * `name` is split into first and last names when those are not given. Any other field is kept, as
 * "Label: value" lines after the message, in the lead's need description. `_hp` is the honeypot: a field
 * people never see and fill; a submission with it is answered as any other and creates nothing.
 */
export const leadFormFields = [
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'company',
  'title',
  'country',
  'region',
  'message',
] as const;
export const HONEYPOT_FIELD = '_hp';

export const submissionReceivedSchema = z
  .object({ received: z.literal(true) })
  .meta({ description: 'The inquiry was received' });
