import { z } from 'zod';
import { idSchema, listQuerySchema, pageSchema, timestampSchema } from './common.js';
import { passwordSchema, userSchema } from './users.js';

export const loginSchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) });

export const passwordResetRequestSchema = z.strictObject({
  email: z.string().trim().min(1).max(254).meta({ description: 'The e-mail the account signs in with' }),
});

export const passwordLinkPurposes = ['reset', 'invitation'] as const;

export const passwordLinkTokenSchema = z.strictObject({
  token: z.string().min(20).max(200).meta({ description: "The token of the e-mail's link (after #token=)" }),
});

export const passwordLinkSchema = z
  .object({
    purpose: z.enum(passwordLinkPurposes).meta({
      description: 'reset: the person asked for it; invitation: an admin opened an account for them',
    }),
    email: z.string(),
    name: z.string(),
    expiresAt: timestampSchema,
  })
  .meta({ id: 'PasswordLink' });
export type PasswordLink = z.infer<typeof passwordLinkSchema>;

export const setPasswordSchema = z.strictObject({
  token: passwordLinkTokenSchema.shape.token,
  password: passwordSchema,
});

export const tokenPairSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires' }),
    refreshToken: z.string(),
    refreshExpiresAt: timestampSchema,
    user: userSchema,
  })
  .meta({ id: 'TokenPair' });
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const apiKeyScopes = ['read', 'write'] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const apiKeySchema = z
  .object({
    id: idSchema,
    userId: idSchema,
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
    scopes: z.array(apiKeyScopeSchema),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    version: z.number().int().min(1).meta({ description: 'Starts at 1, +1 on each rename; send it back in If-Match' }),
    expiresAt: timestampSchema.nullable(),
    lastUsedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(apiKeyScopeSchema).min(1).max(2).default(['read']),
  expiresAt: timestampSchema.nullable().default(null),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().meta({ description: 'The secret, shown only in this answer' }) })
  .meta({ id: 'CreatedApiKey' });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** A key's name is all that changes: its secret, scopes and expiry are what it was issued with. */
export const updateApiKeySchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
export type UpdateApiKeyInput = z.infer<typeof updateApiKeySchema>;

/** Your keys (admins: any user's with `userId`), newest first by default; `q` searches the key names. */
export const listApiKeysQuerySchema = listQuerySchema({
  sorts: ['createdAt', 'name'],
  filters: { userId: idSchema.optional().meta({ description: "Admins only: that user's keys" }) },
});
export type ListApiKeysQuery = z.infer<typeof listApiKeysQuerySchema>;

export const apiKeyListSchema = pageSchema(apiKeySchema);
