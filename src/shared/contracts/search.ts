import { z } from 'zod';
import { anyOf, idSchema, queryInteger } from './common.js';

export const searchTypes = ['account', 'contact', 'lead', 'opportunity'] as const;
export const searchTypeSchema = z.enum(searchTypes);
export type SearchType = z.infer<typeof searchTypeSchema>;

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200),
  // A type named twice counts once (anyOf), so each type is searched once and no hit comes back twice.
  types: anyOf(searchTypeSchema).optional(),
  limit: queryInteger({ min: 1, max: 50, default: 20 }),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchHitSchema = z
  .object({
    type: searchTypeSchema,
    id: idSchema,
    title: z.string(),
    subtitle: z.string().nullable(),
    score: z.number().meta({ description: 'Relevance; hits are ordered by it' }),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({ data: z.array(searchHitSchema) });
