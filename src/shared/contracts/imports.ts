import { z } from 'zod';
import { idSchema, listQuerySchema, pageSchema, recordFields, timestampSchema } from './common.js';

export const importResources = ['accounts', 'contacts', 'leads'] as const;
export const importResourceSchema = z.enum(importResources);
export type ImportResource = z.infer<typeof importResourceSchema>;

/** A field a CSV column can fill: its name, how people label it, and how its text is read. */
export type ImportField = {
  field: string;
  label: string;
  /** Column headings that mean this field, lower case without punctuation ("e-mail" → "email"). */
  aliases: string[];
  required?: boolean;
  /** How the text is read: as is, a number (1.234,50 or 1,234.50; currency signs and spaces dropped), or one of a list ("Trade show" → trade_show). */
  kind?: 'text' | 'number' | 'integer' | 'choice';
  /** A reference found by what people write: a territory's name, a user's e-mail, an account's name. */
  lookup?: 'territory' | 'user' | 'account';
};

// A file exported from Meridian (GET /{resource}/export) names references by id under their field names
// (ownerId, territoryId, accountId) and the address as address.city: those headings are understood too,
// and a lookup takes an id as well as a name or an e-mail, so an export edited in a spreadsheet imports
// back as it is.
const owner: ImportField = {
  field: 'ownerEmail',
  label: 'Owner (e-mail)',
  aliases: ['owner', 'owneremail', 'accountmanager', 'rep', 'salesrep', 'assignedto', 'ownerid'],
  lookup: 'user',
};
const territory: ImportField = {
  field: 'territoryName',
  label: 'Territory (name)',
  aliases: ['territory', 'territoryname', 'salesterritory', 'territoryid'],
  lookup: 'territory',
};
/** The record a row changes, in update and upsert imports: the id of an export's first column. */
const recordId: ImportField = {
  field: 'id',
  label: 'Meridian ID',
  aliases: ['id', 'meridianid', 'recordid'],
};

/** The columns an import understands, per record kind; the rest are left out (say which in the mapping). */
export const importFields: Record<ImportResource, ImportField[]> = {
  accounts: [
    recordId,
    {
      field: 'name',
      label: 'Name',
      aliases: ['name', 'accountname', 'company', 'companyname', 'organisation', 'organization'],
      required: true,
    },
    { field: 'type', label: 'Type', aliases: ['type', 'accounttype'], kind: 'choice' },
    { field: 'industry', label: 'Industry', aliases: ['industry', 'sector'] },
    { field: 'website', label: 'Website', aliases: ['website', 'web', 'url', 'domain'] },
    { field: 'email', label: 'E-mail', aliases: ['email', 'emailaddress'] },
    { field: 'phone', label: 'Phone', aliases: ['phone', 'telephone', 'phonenumber', 'tel'] },
    {
      field: 'annualRevenue',
      label: 'Annual revenue',
      aliases: ['annualrevenue', 'revenue', 'turnover'],
      kind: 'number',
    },
    {
      field: 'employees',
      label: 'Employees',
      aliases: ['employees', 'numberofemployees', 'headcount', 'staff'],
      kind: 'integer',
    },
    {
      field: 'street',
      label: 'Street',
      aliases: ['street', 'address', 'streetaddress', 'address1', 'addressline1', 'addressstreet'],
    },
    { field: 'city', label: 'City', aliases: ['city', 'town', 'addresscity'] },
    { field: 'state', label: 'State / region', aliases: ['state', 'region', 'province', 'county', 'addressstate'] },
    {
      field: 'postalCode',
      label: 'Postal code',
      aliases: ['postalcode', 'postcode', 'zip', 'zipcode', 'addresspostalcode'],
    },
    { field: 'country', label: 'Country', aliases: ['country', 'countrycode', 'addresscountry'] },
    { field: 'description', label: 'Description', aliases: ['description', 'notes', 'about'] },
    territory,
    owner,
  ],
  contacts: [
    recordId,
    { field: 'firstName', label: 'First name', aliases: ['firstname', 'givenname', 'first'], required: true },
    { field: 'lastName', label: 'Last name', aliases: ['lastname', 'surname', 'familyname', 'last'], required: true },
    {
      field: 'accountName',
      label: 'Account (name)',
      aliases: ['account', 'accountname', 'company', 'companyname', 'organisation', 'organization', 'accountid'],
      required: true,
      lookup: 'account',
    },
    { field: 'title', label: 'Title', aliases: ['title', 'jobtitle', 'position'] },
    { field: 'role', label: 'Role', aliases: ['role', 'contactrole'], kind: 'choice' },
    { field: 'email', label: 'E-mail', aliases: ['email', 'emailaddress', 'workemail'] },
    { field: 'phone', label: 'Phone', aliases: ['phone', 'telephone', 'phonenumber', 'workphone', 'tel'] },
    { field: 'mobile', label: 'Mobile', aliases: ['mobile', 'mobilephone', 'cell', 'cellphone'] },
    owner,
  ],
  leads: [
    recordId,
    { field: 'firstName', label: 'First name', aliases: ['firstname', 'givenname', 'first'], required: true },
    { field: 'lastName', label: 'Last name', aliases: ['lastname', 'surname', 'familyname', 'last'], required: true },
    {
      field: 'company',
      label: 'Company',
      aliases: ['company', 'companyname', 'organisation', 'organization', 'account'],
    },
    { field: 'title', label: 'Title', aliases: ['title', 'jobtitle', 'position'] },
    { field: 'email', label: 'E-mail', aliases: ['email', 'emailaddress'] },
    { field: 'phone', label: 'Phone', aliases: ['phone', 'telephone', 'phonenumber', 'mobile', 'tel'] },
    { field: 'source', label: 'Source', aliases: ['source', 'leadsource'], kind: 'choice' },
    { field: 'stage', label: 'Stage', aliases: ['stage', 'leadstage'], kind: 'choice' },
    { field: 'budgetAmount', label: 'Budget', aliases: ['budget', 'budgetamount'], kind: 'number' },
    { field: 'decisionDate', label: 'Decision date (YYYY-MM-DD)', aliases: ['decisiondate', 'closedate'] },
    { field: 'needDescription', label: 'Need', aliases: ['need', 'needdescription', 'requirements', 'notes'] },
    {
      field: 'employees',
      label: 'Employees',
      aliases: ['employees', 'numberofemployees', 'headcount'],
      kind: 'integer',
    },
    { field: 'country', label: 'Country', aliases: ['country', 'countrycode'] },
    { field: 'region', label: 'Region', aliases: ['region', 'state', 'province'] },
    territory,
    owner,
  ],
};

/** A heading as the aliases are written: lower case, letters and digits only ("E-mail Address" → "emailaddress"). */
export function headingKey(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The most rows one import takes: a larger file is split, so one mistake never floods the data. */
export const MAX_IMPORT_ROWS = 10_000;

/**
 * What an import does with its rows: `create` makes a record of each (a row with a Meridian ID is
 * refused: it exists already); `update` changes the record each row names by its Meridian ID, with the
 * cells the row fills (an empty cell leaves its field as it is); `upsert` updates the rows with an ID
 * and creates the others.
 */
export const importModes = ['create', 'update', 'upsert'] as const;
export const importModeSchema = z.enum(importModes);
export type ImportMode = z.infer<typeof importModeSchema>;

export const createImportSchema = z.strictObject({
  resource: importResourceSchema,
  mode: importModeSchema.default('create'),
  csv: z
    .string()
    .min(1)
    .max(10_000_000)
    .meta({ description: 'The file’s text: a heading row, then one record per row; comma or semicolon separated' }),
  mapping: z.record(z.string(), z.string().nullable()).optional().meta({
    description:
      'Column heading → field (see importFields), or null to leave the column out; unnamed columns are matched by their heading',
  }),
  allowDuplicates: z.boolean().default(false).meta({
    description: 'Contacts: create one even when a visible contact has the same e-mail (otherwise that row fails)',
  }),
});
export type CreateImportInput = z.infer<typeof createImportSchema>;

export const importDryRunQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .meta({ description: 'true: check the file and answer a preview; nothing is written' }),
});

const rowErrorSchema = z.object({
  row: z.number().int().meta({ description: 'The line of the file, the heading being line 1' }),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof rowErrorSchema>;

const columnSchema = z.object({
  heading: z.string(),
  field: z.string().nullable().meta({ description: 'What the column fills; null: left out' }),
  samples: z.array(z.string()).meta({ description: 'The first few values, to check the mapping by' }),
});

export const importPreviewSchema = z
  .object({
    resource: importResourceSchema,
    rows: z.number().int(),
    validRows: z.number().int().meta({ description: 'Rows that pass every check that needs no write' }),
    updateRows: z.number().int().meta({ description: 'Of the valid rows, those that change a record (by its ID)' }),
    columns: z.array(columnSchema),
    missingFields: z.array(z.string()).meta({ description: 'Required fields no column fills' }),
    errors: z.array(rowErrorSchema).meta({ description: 'The first 200 problems' }),
    records: z
      .array(z.record(z.string(), z.unknown()))
      .meta({ description: 'The first 5 valid rows as they would be sent: a create, or an update with its id' }),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importStatuses = ['queued', 'running', 'completed', 'failed'] as const;

export const importSchema = z
  .object({
    ...recordFields,
    resource: importResourceSchema,
    mode: importModeSchema,
    status: z.enum(importStatuses),
    fileRows: z.number().int(),
    processedRows: z.number().int(),
    createdRows: z.number().int(),
    updatedRows: z.number().int(),
    failedRows: z.number().int(),
    columns: z.array(columnSchema.omit({ samples: true })),
    errors: z
      .array(rowErrorSchema)
      .meta({ description: 'The rows that were not created or updated and why (the first 1,000)' }),
    createdById: idSchema,
    finishedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'Import' });
export type Import = z.infer<typeof importSchema>;

export const listImportsQuerySchema = listQuerySchema({ sorts: ['createdAt'], filters: {} });
export type ListImportsQuery = z.infer<typeof listImportsQuerySchema>;
export const importPageSchema = pageSchema(importSchema);
