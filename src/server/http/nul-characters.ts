import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';

/*
 * PostgreSQL text cannot hold the NUL character (U+0000): a string carrying one fails in the database, as a
 * 500, wherever it is stored or compared. JSON can carry it (`"\u0000"`) and so can a URL (`%00`), so both
 * are refused at the door with a 400 that names the field, before any handler runs. The JSON parser here
 * also takes UTF-8 only, so no text reaches a handler altered by decoding (see below).
 */

const NUL = '\u0000';
/*
 * Nor can it hold half of a UTF-16 surrogate pair: JSON can escape one alone (`"\ud800"`), which is no
 * character at all. It would be stored as U+FFFD, changing the text without a word, or fail in the database.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Unstorable = 'nul' | 'surrogate';

function unstorable(text: string): Unstorable | undefined {
  if (text.includes(NUL)) return 'nul';
  return LONE_SURROGATE.test(text) ? 'surrogate' : undefined;
}

/** The first string holding text that cannot be stored in a parsed JSON value (`contact.name`, `tags.2`). */
function findUnstorable(value: unknown, path: string[] = []): { path: string[]; kind: Unstorable } | undefined {
  if (typeof value === 'string') {
    const kind = unstorable(value);
    return kind ? { path, kind } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const kind = unstorable(key);
    if (kind) return { path: [...path, key], kind };
    const found = findUnstorable(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

const refusal = (path: string, kind: Unstorable = 'nul') =>
  kind === 'nul'
    ? new AppError('validation_failed', 'text may not contain the NUL character (U+0000)', {
        errors: [{ path, message: 'contains the NUL character (U+0000), which cannot be stored' }],
      })
    : new AppError('validation_failed', 'text may not contain half of a UTF-16 surrogate pair', {
        errors: [{ path, message: 'contains a lone surrogate (\\ud800-\\udfff), which is no character' }],
      });

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function registerNulGuard(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      return done(new AppError('unsupported_media_type', 'send the body as application/json in UTF-8'), undefined);
    }
    // Bytes that are not UTF-8 would otherwise become U+FFFD and be stored as such, changing the text.
    let body: string;
    try {
      body = strictUtf8.decode(raw as Buffer);
    } catch {
      return done(
        new AppError('validation_failed', 'the body is not valid UTF-8', {
          errors: [{ path: 'body', message: 'send JSON encoded as UTF-8' }],
        }),
        undefined,
      );
    }
    // No body at all, as a POST without one sends: the route's schema decides whether it needs one.
    if (body.trim() === '') return done(null, undefined);
    parseJson(request, body, (error, parsed) => {
      if (error) return done(error, undefined);
      // The escapes can only be there when the text says so: most bodies skip the walk.
      const found = /\\u(?:0000|d[89a-f])/i.test(body) ? findUnstorable(parsed) : undefined;
      if (found) return done(refusal(found.path.join('.'), found.kind), undefined);
      done(null, parsed);
    });
  });
  app.addHook('onRequest', (request, _reply, done) => {
    const query = request.url.indexOf('?');
    if (query === -1 || !request.url.includes('%00', query)) return done();
    // Named like any other query error: the parameter that holds it.
    const pair = request.url
      .slice(query + 1)
      .split('&')
      .find((part) => part.includes('%00'));
    const name = pair?.split('=')[0] ?? '';
    let parameter = 'query';
    try {
      parameter = name && !name.includes('%00') ? decodeURIComponent(name) : 'query';
    } catch {
      // A name that is not valid percent-encoding is still refused, as the query.
    }
    done(refusal(parameter));
  });
}
