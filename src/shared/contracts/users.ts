import { z } from 'zod';
import {
  anyOf,
  emailSchema,
  filters,
  idSchema,
  listQuerySchema,
  pageSchema,
  recordFields,
  updatedAtFilters,
} from './common.js';

export const roles = ['admin', 'manager', 'rep'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(256);

export const userSchema = z
  .object({
    ...recordFields,
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    territoryIds: z.array(idSchema),
    managerId: idSchema.nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

/** The territories a user works: a set, so each one once. */
const territoryIdsSchema = z
  .array(idSchema)
  .max(100)
  .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, {
    message: 'name each territory once',
  });

export const createUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: roleSchema.default('rep'),
  territoryIds: territoryIdsSchema.default([]),
  managerId: idSchema.nullable().default(null),
  active: z.boolean().default(true),
  password: passwordSchema.optional().meta({ description: 'Write-only; never returned' }),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    email: emailSchema,
    name: z.string().trim().min(1).max(200),
    role: roleSchema,
    territoryIds: territoryIdsSchema,
    managerId: idSchema.nullable(),
    active: z.boolean(),
    password: passwordSchema,
    currentPassword: z.string().min(1).max(256).meta({
      description:
        'Write-only: your present password, required to change your own (an admin resetting a colleague needs none)',
    }),
  })
  .partial();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userSorts = ['name', 'email', 'createdAt', 'updatedAt'] as const;
export const listUsersQuerySchema = listQuerySchema({
  sorts: userSorts,
  filters: {
    role: anyOf(roleSchema).optional(),
    active: filters.boolean().optional(),
    managerId: anyOf(idSchema).optional(),
    territoryId: anyOf(idSchema).optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const userPageSchema = pageSchema(userSchema);
