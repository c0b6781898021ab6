import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort, stopChild } from './cold-start.js';

export const BARE_ROUTE_PATH = '/users/me';

const START_TIMEOUT_MS = 20_000;
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bare-server-process.mjs');

/**
 * The framework ceiling: Fastify with no plugins, hooks or schemas and one route that answers a fixed
 * body. Whatever Meridian adds (security headers, CORS, rate limits, JWT check, serialisation) shows as
 * the gap. It runs as Meridian does, in processes of its own with the same number of workers, so both
 * share the cores with the load generator alike.
 */
export async function startBareServer(
  body: unknown,
  workers: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      BARE_PORT: String(port),
      BARE_PATH: BARE_ROUTE_PATH,
      BARE_WORKERS: String(workers),
      BARE_BODY: JSON.stringify(body),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(`${url}${BARE_ROUTE_PATH}`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error('the bare Fastify server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, close: () => stopChild(child) };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}
