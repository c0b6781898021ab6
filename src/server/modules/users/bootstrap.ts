import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { systemViewer } from '../../platform/viewer.js';
import { countUsers } from './users.repository.js';
import { createUser } from './users.service.js';

export type AdminBootstrap =
  | { created: false }
  | { created: true; email: string; password: string; passwordWasGenerated: boolean };

/**
 * On an empty database, creates the first admin: MERIDIAN_ADMIN_EMAIL with MERIDIAN_ADMIN_PASSWORD,
 * or a random password that is shown once. There is never a fixed default password.
 */
export async function ensureAdmin(deps: Deps): Promise<AdminBootstrap> {
  if ((await countUsers(deps.database.db)) > 0) return { created: false };
  const password = deps.config.admin.password ?? generatePassword();
  await createUser(deps, systemViewer(), {
    email: deps.config.admin.email,
    name: 'Administrator',
    role: 'admin',
    territoryIds: [],
    managerId: null,
    active: true,
    password,
  });
  return { created: true, email: deps.config.admin.email, password, passwordWasGenerated: !deps.config.admin.password };
}

/** 18 random bytes in base64url: 24 characters, about 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
