import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { webDistFolder } from '../paths.js';

/**
 * Serves the built dashboard at `/` and answers its client-side routes with index.html. Without a
 * build (tests, `npm run dev:server`) a short page says how to build it.
 */
export async function registerWeb(app: FastifyInstance) {
  const indexFile = path.join(webDistFolder, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.get(
      '/',
      { config: { auth: { kind: 'public', reason: 'dashboard shell' } }, schema: { hide: true } },
      async (_request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(
            '<!doctype html><title>Meridian</title><h1>Meridian</h1><p>The dashboard is not built. Run <code>npm run build</code>; the API is at <a href="/docs">/docs</a>.</p>',
          ),
    );
    return { hasBuild: false };
  }
  await app.register(fastifyStatic, { root: webDistFolder, prefix: '/', wildcard: false, index: ['index.html'] });
  return { hasBuild: true };
}
