import { webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors.js';

const JWT_ISSUER = 'meridian';
/** Verified tokens kept; a client reuses its token for many requests until it expires. */
const MAX_VERIFIED_TOKENS = 20_000;

/**
 * Signs and verifies the short-lived HS256 access tokens. The HMAC key is imported once, and a token
 * whose signature was already checked is recognised by its exact text until it expires, so the
 * signature work is done once per token rather than once per request.
 */
export async function createAccessTokens(secret: Uint8Array, ttlSeconds: number) {
  const key = await webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  const verified = new Map<string, VerifiedToken & { expiresAt: number }>();

  return {
    ttlSeconds,
    /** `sessionId` is the login the token belongs to (its refresh-token family): logging out ends it. */
    sign(userId: string, role: string, sessionId: string): Promise<string> {
      return new SignJWT({ role, sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(JWT_ISSUER)
        .setIssuedAt()
        .setJti(uuidv7())
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },

    /** Whose and which session a valid token is; `unauthenticated` for anything forged, malformed or expired. */
    async verify(token: string): Promise<VerifiedToken> {
      const known = verified.get(token);
      if (known) {
        if (known.expiresAt > Date.now()) return { userId: known.userId, sessionId: known.sessionId };
        verified.delete(token);
        throw new AppError('unauthenticated', 'the access token has expired');
      }
      let payload: { sub?: string; exp?: number; sid?: unknown };
      try {
        ({ payload } = await jwtVerify(token, key, { issuer: JWT_ISSUER, algorithms: ['HS256'] }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired)
          throw new AppError('unauthenticated', 'the access token has expired');
        throw invalidToken();
      }
      // Signed by us, so a malformed subject means a changed secret or a bug: either way, not a user.
      if (typeof payload.sub !== 'string' || !UUID.test(payload.sub) || typeof payload.exp !== 'number') {
        throw invalidToken();
      }
      const sessionId = typeof payload.sid === 'string' ? payload.sid : null;
      // Map keeps insertion order: dropping the first entry drops the oldest.
      if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string);
      verified.set(token, { userId: payload.sub, sessionId, expiresAt: payload.exp * 1000 });
      return { userId: payload.sub, sessionId };
    },
  };
}

/** A verified access token: its user, and its session (null in tokens signed before tokens named one). */
export type VerifiedToken = { userId: string; sessionId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AccessTokens = Awaited<ReturnType<typeof createAccessTokens>>;

export const invalidToken = () => new AppError('unauthenticated', 'the access token or API key is not valid');
