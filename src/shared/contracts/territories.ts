import { z } from 'zod';
import { anyOf, filters, idSchema, listQuerySchema, pageSchema, recordFields, updatedAtFilters } from './common.js';

export const territorySchema = z
  .object({
    ...recordFields,
    name: z.string(),
    region: z.string().nullable(),
    managerId: idSchema.nullable(),
  })
  .meta({ id: 'Territory' });
export type Territory = z.infer<typeof territorySchema>;

export const createTerritorySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  region: z.string().trim().min(1).max(200).nullable().default(null),
  managerId: idSchema.nullable().default(null),
});
export type CreateTerritoryInput = z.infer<typeof createTerritorySchema>;

export const updateTerritorySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    region: z.string().trim().min(1).max(200).nullable(),
    managerId: idSchema.nullable(),
  })
  .partial();
export type UpdateTerritoryInput = z.infer<typeof updateTerritorySchema>;

export const listTerritoriesQuerySchema = listQuerySchema({
  sorts: ['name', 'createdAt', 'updatedAt'],
  filters: {
    region: anyOf(z.string().min(1).max(200)).optional(),
    managerId: anyOf(idSchema).optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListTerritoriesQuery = z.infer<typeof listTerritoriesQuerySchema>;

export const territoryPageSchema = pageSchema(territorySchema);
