import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

export const BARE_ROUTE_PATH = '/users/me';

/**
 * The framework ceiling: Fastify with no plugins, hooks or schemas and one route that answers a fixed
 * body. Whatever Meridian adds (helmet, CORS, rate limits, JWT check, zod serialisation) shows as the gap.
 */
export async function startBareServer(body: unknown): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.get(BARE_ROUTE_PATH, async () => body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
