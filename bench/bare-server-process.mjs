// The framework ceiling as a server of its own: BARE_WORKERS processes (Node's cluster module, as
// MERIDIAN_WORKERS does for Meridian) of Fastify with no plugins, hooks or schemas. It answers BARE_BODY
// at BARE_PATH on BARE_PORT and, when BARE_BODIES_FILE names a JSON array of strings, the string at
// `index` verbatim as JSON at /bodies/:index (a scenario's own answers, already serialised: the bytes
// alone). Plain JavaScript: it is spawned with node, not tsx.
import cluster from 'node:cluster';
import fs from 'node:fs';
import Fastify from 'fastify';

const workers = Number(process.env.BARE_WORKERS ?? 1);
if (cluster.isPrimary && workers > 1) {
  for (let index = 0; index < workers; index += 1) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const body = JSON.parse(process.env.BARE_BODY ?? '{}');
  const bodies = process.env.BARE_BODIES_FILE ? JSON.parse(fs.readFileSync(process.env.BARE_BODIES_FILE, 'utf8')) : [];
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.get(process.env.BARE_PATH ?? '/', async () => body);
  app.get('/bodies/:index', (request, reply) => {
    reply.type('application/json; charset=utf-8').send(bodies[Number(request.params.index)]);
  });
  await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
}
