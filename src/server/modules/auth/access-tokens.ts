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
  const verified = new Map<string, { userId: string; expiresAt: number }>();

  return {
    ttlSeconds,
    sign(userId: string, role: string): Promise<string> {
      return new SignJWT({ role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(JWT_ISSUER)
        .setIssuedAt()
        .setJti(uuidv7())
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },

    /** The user id in a valid token; `unauthenticated` for anything forged, malformed or expired. */
    async verify(token: string): Promise<string> {
      const known = verified.get(token);
      if (known) {
        if (known.expiresAt > Date.now()) return known.userId;
        verified.delete(token);
        throw new AppError('unauthenticated', 'the access token has expired');
      }
      let payload: { sub?: string; exp?: number };
      try {
        ({ payload } = await jwtVerify(token, key, { issuer: JWT_ISSUER, algorithms: ['HS256'] }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired)
          throw new AppError('unauthenticated', 'the access token has expired');
        throw invalidToken();
      }
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw invalidToken();
      // Map keeps insertion order: dropping the first entry drops the oldest.
      if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string);
      verified.set(token, { userId: payload.sub, expiresAt: payload.exp * 1000 });
      return payload.sub;
    },
  };
}

export type AccessTokens = Awaited<ReturnType<typeof createAccessTokens>>;

export const invalidToken = () => new AppError('unauthenticated', 'the access token or API key is not valid');
