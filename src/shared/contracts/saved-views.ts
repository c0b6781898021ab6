import { z } from 'zod';
import { anyOf, filters, idSchema, listQuerySchema, pageSchema, recordFields, updatedAtFilters } from './common.js';

/** The lists a view can be saved of: the record lists of the dashboard. */
export const viewResources = [
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'activities',
  'tasks',
  'quotes',
] as const;
export const viewResourceSchema = z.enum(viewResources);
export type ViewResource = z.infer<typeof viewResourceSchema>;

export const savedViewSchema = z
  .object({
    ...recordFields,
    name: z.string(),
    resource: viewResourceSchema,
    query: z.string().meta({
      description:
        'The list parameters the view applies, as a query string: filters, q and sort of GET /{resource} (e.g. type=dealer&territoryId=…&sort=name); `me` stays the person using the view',
    }),
    columns: z
      .array(z.string())
      .nullable()
      .meta({ description: 'The columns the dashboard shows, in order; null: its default' }),
    shared: z.boolean().meta({ description: 'Offered to everyone, not only its owner' }),
    ownerId: idSchema.nullable(),
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof savedViewSchema>;

const writableViewFields = {
  name: z.string().trim().min(1).max(120),
  query: z
    .string()
    .max(4000)
    .transform((text) => text.replace(/^\?/, ''))
    .meta({
      description: 'A query string GET /{resource} accepts (cursor, limit and includeTotal are not part of a view)',
    }),
  columns: z.array(z.string().min(1).max(64)).min(1).max(40).nullable(),
  shared: z.boolean(),
};

export const createSavedViewSchema = z.strictObject({
  ...writableViewFields,
  resource: viewResourceSchema,
  query: writableViewFields.query.default(''),
  columns: writableViewFields.columns.default(null),
  shared: writableViewFields.shared.default(false),
});
export type CreateSavedViewInput = z.infer<typeof createSavedViewSchema>;

export const updateSavedViewSchema = z.strictObject(writableViewFields).partial();
export type UpdateSavedViewInput = z.infer<typeof updateSavedViewSchema>;

export const listSavedViewsQuerySchema = listQuerySchema({
  sorts: ['name', 'updatedAt'],
  filters: {
    resource: anyOf(viewResourceSchema).optional(),
    shared: filters.boolean().optional(),
    ownerId: filters.person().optional(),
    ...updatedAtFilters,
  },
});
export type ListSavedViewsQuery = z.infer<typeof listSavedViewsQuerySchema>;
export const savedViewPageSchema = pageSchema(savedViewSchema);
