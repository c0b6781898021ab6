import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The security headers of pages and assets (those helmet would set), fixed at start-up: computed once
 * and copied onto each reply, since they are the same for every request.
 */
const pageHeaders: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * JSON answers are never rendered, so they need only what OWASP's REST guidance asks for: no sniffing,
 * no framing, no content sources. Fewer bytes on the hottest path.
 *
 * They are the caller's own: only a private cache (the browser's) may keep one, keyed by the
 * Authorization it was asked with, and must ask again before reusing it. A record it kept is then
 * answered 304 while unchanged (http/conditional.ts), and one person's `GET /users/me` is never
 * another's in a browser shared between sign-ins.
 */
const apiHeaders: Record<string, string> = {
  'cache-control': 'private, no-cache',
  vary: 'Authorization',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

export function registerSecurityHeaders(app: FastifyInstance, apiPrefix: string) {
  // A callback hook, not an async one: it runs on every request and needs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request, reply, apiPrefix);
    done();
  });
}

/** The headers of every reply; also for the router's own refusals, which run no hook. */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, apiPrefix: string) {
  reply.headers(request.url.startsWith(apiPrefix) ? apiHeaders : pageHeaders);
  reply.header('x-request-id', request.id);
}
