import { z } from 'zod';
import { errorCodes, fieldErrorSchema } from '../errors.js';
import { idSchema } from './common.js';

/** Records one bulk call changes at most: a page of a list, as the dashboard selects them. */
export const MAX_BULK_IDS = 200;

const bulkIdsSchema = z
  .array(idSchema)
  .min(1)
  .max(MAX_BULK_IDS)
  .refine((ids) => new Set(ids).size === ids.length, 'each id once')
  .meta({ description: `The records, 1 to ${MAX_BULK_IDS}, each once` });

/** `{ids, changes}`: the same change, as PATCH takes it, to every record named. */
export function bulkUpdateSchema<Changes extends z.ZodType>(changes: Changes) {
  return z.strictObject({
    ids: bulkIdsSchema,
    changes: changes.refine(
      (value) => typeof value === 'object' && value !== null && Object.keys(value).length > 0,
      'name at least one field to change',
    ),
  });
}

export const bulkDeleteSchema = z.strictObject({ ids: bulkIdsSchema });

/** Why one record was not changed: the problem its own PATCH or DELETE would have answered. */
export const bulkProblemSchema = z.object({
  title: z.string(),
  detail: z.string(),
  code: z.enum(errorCodes),
  errors: z.array(fieldErrorSchema),
});

/** One outcome per id, in the order asked, and the tallies. */
export function bulkResultSchema<Record extends z.ZodType>(record: Record) {
  return z.object({
    results: z.array(
      z.object({
        id: idSchema,
        status: z
          .number()
          .int()
          .meta({ description: 'What the single call would have answered: 200, 204, 400, 403, 404, 409' }),
        record: record.optional().meta({ description: 'The record as changed (updates)' }),
        problem: bulkProblemSchema.optional(),
      }),
    ),
    succeeded: z.number().int(),
    failed: z.number().int(),
  });
}

export type BulkOutcome<Record> = {
  id: string;
  status: number;
  record?: Record;
  problem?: z.infer<typeof bulkProblemSchema>;
};
export type BulkResult<Record> = { results: BulkOutcome<Record>[]; succeeded: number; failed: number };
