import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';

/*
 * PostgreSQL text cannot hold the NUL character (U+0000): a string carrying one fails in the database, as a
 * 500, wherever it is stored or compared. JSON can carry it (`"\u0000"`) and so can a URL (`%00`), so both
 * are refused at the door with a 400 that names the field, before any handler runs.
 */

const NUL = '\u0000';

/** The path of the first string holding NUL in a parsed JSON value (`contact.name`, `tags.2`), if any. */
function pathOfNul(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes(NUL)) return [...path, key];
    const found = pathOfNul(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

const refusal = (path: string) =>
  new AppError('validation_failed', 'text may not contain the NUL character (U+0000)', {
    errors: [{ path, message: 'contains the NUL character (U+0000), which cannot be stored' }],
  });

export function registerNulGuard(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = String(raw);
    parseJson(request, body, (error, parsed) => {
      if (error) return done(error, undefined);
      // The escape can only be there when the text says so: most bodies skip the walk.
      const path = /\\u0000/i.test(body) ? pathOfNul(parsed) : undefined;
      if (path) return done(refusal(path.join('.')), undefined);
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
