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
  await app.register(fastifyStatic, {
    root: webDistFolder,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // The build writes a .br and a .gz beside each text file (vite.config.ts); send the one the browser takes.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', isHashedAsset(filePath) ? IMMUTABLE : REVALIDATE);
    },
  });
  return { hasBuild: true };
}

/** Built files under assets/ carry a content hash in their name, so a cached copy is never stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the files named as they are (favicon) must be checked, or a deploy would go unseen. */
const REVALIDATE = 'no-cache';

function isHashedAsset(filePath: string): boolean {
  return path.relative(webDistFolder, filePath).startsWith(`assets${path.sep}`);
}

/** A missing file under /assets/ is a 404, not the dashboard shell (a browser would run HTML as a script). */
export function isAssetPath(url: string): boolean {
  return url.startsWith('/assets/');
}
