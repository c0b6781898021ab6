import { z } from 'zod';
import {
  anyOf,
  emailSchema,
  filters,
  idSchema,
  listQuerySchema,
  moneySchema,
  optionalText,
  pageSchema,
  queryCoordinate,
  queryInteger,
  recordFields,
  updatedAtFilters,
} from './common.js';

export const accountTypes = ['customer', 'distributor', 'dealer', 'supplier', 'partner'] as const;
export const accountTypeSchema = z.enum(accountTypes);
export type AccountType = z.infer<typeof accountTypeSchema>;

/** A web address as people type it ("acme.com", "https://acme.com/dealers"): http(s) only, with a dotted host. */
function isWebsite(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const websiteSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine(isWebsite, { message: 'must be a web address such as acme.com or https://acme.com' })
  .meta({ description: 'A web address; http or https, with or without the scheme' });

export const addressSchema = z
  .object({
    street: optionalText(300),
    city: optionalText(120),
    state: optionalText(120),
    postalCode: optionalText(20),
    country: optionalText(60),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof addressSchema>;

export const locationSchema = z
  .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
  .meta({ id: 'Location' });
export type Location = z.infer<typeof locationSchema>;

export const accountSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    type: accountTypeSchema,
    parentId: idSchema.nullable(),
    territoryId: idSchema.nullable(),
    ownerId: idSchema.nullable(),
    industry: z.string().nullable(),
    website: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    annualRevenue: z.number().nullable(),
    employees: z.number().int().nullable(),
    visitEveryDays: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The call cycle: due for a visit this many days after the last completed one' }),
    priceListId: idSchema.nullable().meta({
      description:
        "The channel price list its deals' new lines are priced from (when active and in the deal's currency); null: list prices",
    }),
    address: addressSchema,
    location: locationSchema.nullable(),
    description: z.string().nullable(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof accountSchema>;

const writableAccountFields = {
  name: z.string().trim().min(1).max(300),
  type: accountTypeSchema,
  parentId: idSchema.nullable(),
  territoryId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
  industry: optionalText(120),
  website: websiteSchema.nullable(),
  email: emailSchema.nullable(),
  phone: optionalText(40),
  annualRevenue: moneySchema.nullable().meta({ description: 'In major units, whole cents, up to 10^13' }),
  employees: z.number().int().min(0).max(10_000_000).nullable(),
  visitEveryDays: z.number().int().min(1).max(365).nullable(),
  priceListId: idSchema.nullable().meta({ description: 'An active price list; managers and admins set it' }),
  address: z
    .strictObject(addressSchema.shape)
    .partial()
    .nullable()
    .meta({ description: 'The lines given replace those lines; null clears the whole address' }),
  location: z.strictObject(locationSchema.shape).nullable(),
  description: optionalText(10_000),
};

export const createAccountSchema = z.strictObject({
  ...writableAccountFields,
  type: accountTypeSchema.default('customer'),
  parentId: idSchema.nullable().default(null),
  territoryId: idSchema.nullable().default(null),
  ownerId: idSchema.nullable().optional().meta({ description: 'Defaults to the caller' }),
  industry: writableAccountFields.industry.default(null),
  website: writableAccountFields.website.default(null),
  email: writableAccountFields.email.default(null),
  phone: writableAccountFields.phone.default(null),
  annualRevenue: writableAccountFields.annualRevenue.default(null),
  employees: writableAccountFields.employees.default(null),
  visitEveryDays: writableAccountFields.visitEveryDays.default(null),
  priceListId: writableAccountFields.priceListId.default(null),
  address: writableAccountFields.address.default({}),
  location: writableAccountFields.location.default(null),
  description: writableAccountFields.description.default(null),
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export const updateAccountSchema = z.strictObject(writableAccountFields).partial();
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

export const accountSorts = ['name', 'createdAt', 'annualRevenue', 'updatedAt'] as const;
export const listAccountsQuerySchema = listQuerySchema({
  sorts: accountSorts,
  filters: {
    /** Several accounts by id in one call (up to 100), e.g. the names behind a page of deals. */
    id: anyOf(idSchema).optional(),
    type: anyOf(accountTypeSchema).optional(),
    territoryId: anyOf(idSchema).optional(),
    ownerId: filters.person().optional(),
    parentId: anyOf(idSchema).optional(),
    country: anyOf(z.string().min(1).max(60)).optional(),
    city: anyOf(z.string().min(1).max(120)).optional(),
    industry: anyOf(z.string().min(1).max(120)).optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    annualRevenueMin: filters.number().optional(),
    annualRevenueMax: filters.number().optional(),
    employeesMin: filters.wholeNumber().optional(),
    employeesMax: filters.wholeNumber().optional(),
    priceListId: anyOf(idSchema).optional().meta({ description: 'Accounts on these price lists' }),
    visitDue: filters.boolean().optional().meta({
      description:
        'true: due for a visit by the call cycle (visitEveryDays): the last completed visit that many days old, or never visited; false: the others',
    }),
    ...updatedAtFilters,
  },
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuerySchema>;

export const accountPageSchema = pageSchema(accountSchema);

export const hierarchyNodeSchema = z
  .object({
    id: idSchema,
    parentId: idSchema
      .nullable()
      .meta({ description: "The account's nearest ancestor that the caller may see; null for the root" }),
    depth: z.number().int().meta({ description: '0 for the root' }),
    visible: z.boolean().meta({
      description: 'Always true: accounts the caller may not see are left out, and nothing counts them',
    }),
    name: z.string().nullable(),
    type: accountTypeSchema.nullable(),
    territoryId: idSchema.nullable(),
    ownerId: idSchema.nullable(),
    annualRevenue: z.number().nullable(),
    childrenCount: z.number().int(),
    descendantCount: z.number().int(),
    subtreeAnnualRevenue: z
      .number()
      .meta({ description: 'This account and everything below it that the caller may see' }),
  })
  .meta({ id: 'HierarchyNode' });
export type HierarchyNode = z.infer<typeof hierarchyNodeSchema>;

export const hierarchySchema = z
  .object({
    rootId: idSchema.meta({ description: "The account's topmost ancestor that the caller may see" }),
    accountId: idSchema,
    nodes: z.array(hierarchyNodeSchema).meta({ description: 'Depth-first from the root; children in name order' }),
  })
  .meta({ id: 'AccountHierarchy' });
export type Hierarchy = z.infer<typeof hierarchySchema>;

export const accountSummarySchema = z
  .object({
    accountId: idSchema,
    contacts: z.number().int(),
    decisionMakers: z.number().int(),
    childAccounts: z.number().int(),
    descendantAccounts: z.number().int(),
    subtreeAnnualRevenue: z.number(),
    opportunities: z.object({
      open: z.number().int(),
      won: z.number().int(),
      lost: z.number().int(),
      /** Amounts per currency: deals in different currencies are never added together. */
      byCurrency: z.array(
        z.object({
          currency: z.string(),
          openAmount: z.number(),
          weightedAmount: z.number(),
          wonAmount: z.number(),
        }),
      ),
    }),
    activities: z.object({
      total: z.number().int(),
      last30Days: z.number().int(),
      planned: z.number().int(),
      lastActivityAt: z.string().nullable(),
    }),
    tasks: z.object({ open: z.number().int(), overdue: z.number().int() }),
    attachments: z.number().int().meta({ description: 'Files kept with the account, its contacts and deals' }),
  })
  .meta({ id: 'AccountSummary' });
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const mergeAccountSchema = z.strictObject({
  sourceId: idSchema.meta({ description: 'The account merged away; its records move to the survivor in the path' }),
});

export const mergeResultSchema = z
  .object({
    account: accountSchema,
    sourceId: idSchema,
    moved: z.record(z.string(), z.number().int()).meta({ description: 'How many records of each kind moved' }),
  })
  .meta({ id: 'AccountMergeResult' });
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const duplicatesQuerySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(300).optional(),
    website: z.string().trim().min(1).max(300).optional(),
    email: z.string().trim().min(1).max(254).optional(),
    excludeId: idSchema.optional(),
    limit: queryInteger({ min: 1, max: 50, default: 10 }),
  })
  .refine((query) => query.name || query.website || query.email, { message: 'give name, website or email' });

export const duplicateCandidateSchema = z
  .object({
    account: accountSchema,
    score: z.number().meta({ description: '0..1, higher is more likely the same company' }),
    reasons: z.array(z.enum(['same_name', 'same_domain', 'similar_name'])),
  })
  .meta({ id: 'DuplicateCandidate' });
export const duplicatesSchema = z.object({ data: z.array(duplicateCandidateSchema) });

/** The accounts around a place (where a rep stands between two visits), nearest first. */
export const nearbyAccountsQuerySchema = z.strictObject({
  lat: queryCoordinate(z.number().min(-90).max(90)).meta({ description: 'Latitude of the place, decimal degrees' }),
  lng: queryCoordinate(z.number().min(-180).max(180)).meta({ description: 'Longitude of the place, decimal degrees' }),
  withinKm: queryInteger({ min: 1, max: 500, default: 25 }).meta({ description: 'How far around it (km)' }),
  limit: queryInteger({ min: 1, max: 100, default: 20 }),
  type: anyOf(accountTypeSchema).optional(),
  ownerId: filters.person().optional(),
  visitDue: filters.boolean().optional().meta({ description: 'true: only those due for a visit by their call cycle' }),
});
export type NearbyAccountsQuery = z.infer<typeof nearbyAccountsQuerySchema>;

export const nearbyAccountSchema = z
  .object({
    account: accountSchema,
    distanceMeters: z.number().int().meta({ description: 'As the crow flies, from the place asked about' }),
  })
  .meta({ id: 'NearbyAccount' });
export type NearbyAccount = z.infer<typeof nearbyAccountSchema>;
export const nearbyAccountsSchema = z.object({ data: z.array(nearbyAccountSchema) });
