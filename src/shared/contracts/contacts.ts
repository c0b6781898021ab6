import { z } from 'zod';
import {
  anyOf,
  emailSchema,
  filters,
  idSchema,
  listQuerySchema,
  pageSchema,
  queryBoolean,
  recordFields,
  updatedAtFilters,
} from './common.js';

export const contactRoles = ['decision_maker', 'influencer', 'contact', 'distributor', 'dealer'] as const;
export const contactRoleSchema = z.enum(contactRoles);

/** Phone numbers: digits, spaces and the usual punctuation, 6 to 20 digits, normalised on write. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ()./-]+$/, 'use digits, spaces, +, (, ), -, . or /')
  .refine((value) => {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 20;
  }, 'must have 6 to 20 digits');

export const contactSchema = z
  .object({
    ...recordFields,
    accountId: idSchema,
    firstName: z.string(),
    lastName: z.string(),
    title: z.string().nullable(),
    role: contactRoleSchema,
    reportsToId: idSchema.nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    mobile: z.string().nullable(),
    isPrimary: z.boolean(),
    ownerId: idSchema.nullable(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof contactSchema>;

const writableContactFields = {
  accountId: idSchema,
  firstName: z.string().trim().min(1).max(120),
  lastName: z.string().trim().min(1).max(120),
  title: z.string().trim().min(1).max(200).nullable(),
  role: contactRoleSchema,
  reportsToId: idSchema.nullable(),
  email: emailSchema.nullable(),
  phone: phoneSchema.nullable(),
  mobile: phoneSchema.nullable(),
  isPrimary: z.boolean(),
  ownerId: idSchema.nullable(),
};

export const createContactSchema = z.strictObject({
  ...writableContactFields,
  title: writableContactFields.title.default(null),
  role: contactRoleSchema.default('contact'),
  reportsToId: idSchema.nullable().default(null),
  email: writableContactFields.email.default(null),
  phone: writableContactFields.phone.default(null),
  mobile: writableContactFields.mobile.default(null),
  isPrimary: z.boolean().default(false),
  ownerId: idSchema.nullable().optional().meta({ description: 'Defaults to the caller' }),
  allowDuplicate: z
    .boolean()
    .default(false)
    .meta({ description: 'Create even when a visible contact has the same e-mail (otherwise 409)' }),
});
export type CreateContactInput = z.infer<typeof createContactSchema>;

export const updateContactSchema = z
  .strictObject({
    ...writableContactFields,
    allowDuplicate: z
      .boolean()
      .meta({ description: 'Take a new e-mail even when a visible contact already has it (otherwise 409)' }),
  })
  .partial();
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

export const createContactQuerySchema = z.strictObject({
  allowDuplicate: queryBoolean.optional(),
});

export const listContactsQuerySchema = listQuerySchema({
  sorts: ['lastName', 'firstName', 'createdAt', 'updatedAt'],
  filters: {
    /** Several contacts by id in one call (up to 100), e.g. the names behind a page of activities. */
    id: anyOf(idSchema).optional(),
    accountId: anyOf(idSchema).optional(),
    role: anyOf(contactRoleSchema).optional(),
    isPrimary: filters.boolean().optional(),
    ownerId: filters.person().optional(),
    territoryId: anyOf(idSchema).optional().meta({ description: "The territory of the contact's account" }),
    reportsToId: anyOf(idSchema).optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListContactsQuery = z.infer<typeof listContactsQuerySchema>;

export const contactPageSchema = pageSchema(contactSchema);

export const mergeContactSchema = z.strictObject({
  sourceId: idSchema.meta({ description: 'The contact merged away: a duplicate at the same account' }),
});

export const contactMergeResultSchema = z
  .object({
    contact: contactSchema,
    sourceId: idSchema,
    moved: z.record(z.string(), z.number().int()).meta({ description: 'How many records of each kind moved' }),
  })
  .meta({ id: 'ContactMergeResult' });
export type ContactMergeResult = z.infer<typeof contactMergeResultSchema>;
