import type { User } from '../../../shared/contracts/users.js';

/** How long a built viewer is reused: bounds how late another process notices a role or territory change. */
const VIEWER_TTL_MS = 5_000;

/**
 * What a viewer is built from: the user as the API shows it, everyone below them, the territories they
 * see, and their sessions that ended while access tokens issued in them could still be unexpired.
 */
export type Identity = { user: User; reportIds: string[]; territoryIds: string[]; endedSessionIds: string[] };

type CachedIdentity = { identity: Identity; expiresAt: number };

/**
 * Building a viewer costs two queries (the user, their reports); a signed-in user sends many requests
 * a second, so the result is kept briefly. Any change to users clears it in this process.
 */
export function createViewerCache() {
  const entries = new Map<string, CachedIdentity>();
  return {
    get(userId: string) {
      const entry = entries.get(userId);
      if (!entry) return undefined;
      if (entry.expiresAt < Date.now()) {
        entries.delete(userId);
        return undefined;
      }
      return entry.identity;
    },
    set(userId: string, identity: Identity) {
      if (entries.size > 10_000) entries.clear();
      entries.set(userId, { identity, expiresAt: Date.now() + VIEWER_TTL_MS });
    },
    /** A user changed: managers above them may see different reports now, so drop everything. */
    clear() {
      entries.clear();
    },
  };
}

export type ViewerCache = ReturnType<typeof createViewerCache>;
