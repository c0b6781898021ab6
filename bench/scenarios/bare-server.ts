import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort, stopChild } from './cold-start.js';

export const BARE_ROUTE_PATH = '/users/me';

const START_TIMEOUT_MS = 20_000;
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bare-server-process.mjs');

/** Where the bare server answers `bodies[index]` (see startBareServer). */
export const bareBodyPath = (index: number) => `/bodies/${index}`;

/**
 * The framework ceiling: Fastify with no plugins, hooks or schemas, answering a fixed body at
 * BARE_ROUTE_PATH and each of `bodies` (serialised JSON, sent as is) at bareBodyPath(index). Whatever
 * Meridian adds (security headers, CORS, rate limits, JWT check, database, serialisation) shows as the
 * gap. It runs as Meridian does, in processes of its own with the same number of workers, so both share
 * the cores with the load generator alike.
 */
export async function startBareServer(
  body: unknown,
  workers: number,
  bodies: readonly string[] = [],
): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freeLoopbackPort();
  // A file, not the environment: a page of a 1,000-account family is larger than an environment string may be.
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-bare-'));
  const bodiesFile = path.join(directory, 'bodies.json');
  fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      BARE_PORT: String(port),
      BARE_PATH: BARE_ROUTE_PATH,
      BARE_WORKERS: String(workers),
      BARE_BODY: JSON.stringify(body),
      BARE_BODIES_FILE: bodiesFile,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const removeBodies = () => fs.rmSync(directory, { recursive: true, force: true });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(`${url}${BARE_ROUTE_PATH}`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      removeBodies();
      throw new Error('the bare Fastify server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    close: async () => {
      await stopChild(child);
      removeBodies();
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}
