import { z } from 'zod';
import { filters, idSchema, listQuerySchema, pageSchema, timestampSchema } from './common.js';

export const auditEntrySchema = z
  .object({
    id: idSchema,
    actorId: idSchema.nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: idSchema,
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
    occurredAt: timestampSchema,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** No `q`: the trail has no text to search, and a `q` it ignored would answer every entry as a match. */
export const listAuditQuerySchema = listQuerySchema({
  sorts: ['occurredAt'],
  filters: {
    entity: filters.anyOf(z.string().min(1).max(64)).optional(),
    entityId: filters.anyOf(idSchema).optional(),
    actorId: filters.anyOf(idSchema).optional(),
    action: filters.anyOf(z.string().min(1).max(64)).optional(),
    occurredAtFrom: filters.instant().optional(),
    occurredAtTo: filters.instantUntil().optional(),
  },
}).omit({ q: true });
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const auditPageSchema = pageSchema(auditEntrySchema);
