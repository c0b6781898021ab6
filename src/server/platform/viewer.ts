import type { ApiKeyScope } from '../../shared/contracts/auth.js';
import type { Role } from '../../shared/contracts/users.js';

/**
 * Who is asking, built once per request by the auth plugin and handed to every service call.
 * Repositories turn it into the visibility predicate of their SQL.
 */
export type Viewer = {
  userId: string;
  role: Role;
  /** Territories the user works in. */
  territoryIds: string[];
  /** Everyone below the user in the management chain (transitively), excluding the user. */
  reportIds: string[];
  /** What the credential allows: a read-only API key cannot change anything. */
  scopes: ApiKeyScope[];
  /** The API key the request was authenticated with; absent for a signed-in session. */
  apiKeyId?: string;
  /** Ties the audit rows and logs of one request together. */
  requestId: string | null;
};

/** The actor of work no person asked for (bootstrap, demo data, CLI maintenance). */
export function systemViewer(requestId: string | null = null): Viewer {
  return {
    userId: SYSTEM_USER_ID,
    role: 'admin',
    territoryIds: [],
    reportIds: [],
    scopes: ['read', 'write'],
    requestId,
  };
}

/** Audit rows written by the system carry no actor. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

export const isAdmin = (viewer: Viewer) => viewer.role === 'admin';

/** The user ids of a person filter, where `me` stands for the caller. */
export function resolvePeople(ids: readonly string[], viewer: Viewer): string[] {
  return ids.map((id) => (id === 'me' ? viewer.userId : id));
}
