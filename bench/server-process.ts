import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, freeLoopbackPort, stopChild } from './scenarios/cold-start.js';

const START_TIMEOUT_MS = 60_000;

export type ServerProcess = { url: string; close(): Promise<void> };

/**
 * Meridian as operators run it: the built server (`node dist/server/main.js`) in its own process, with
 * MERIDIAN_WORKERS HTTP workers on the bench database. The load generator then shares the cores with the
 * server and PostgreSQL only, not the server's event loop.
 */
export async function startServerProcess(options: {
  packageRoot: string;
  databaseUrl: string;
  workers: number;
  /** Connections to PostgreSQL over all workers (each gets its share). */
  connections: number;
  jwtSecret: string;
}): Promise<ServerProcess> {
  const entry = path.join(options.packageRoot, 'dist', 'server', 'main.js');
  ensureBuilt(options.packageRoot, entry);
  const port = await freeLoopbackPort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-server-'));
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'].filter((name) => process.env[name] !== undefined);
  const child = spawn(process.execPath, [entry], {
    env: {
      ...Object.fromEntries(inherited.map((name) => [name, process.env[name]])),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: String(Math.max(4, Math.ceil(options.connections / options.workers))),
      MERIDIAN_WORKERS: String(options.workers),
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_DEMO_DATA: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_IP_PER_MINUTE: '100000000',
      RATE_LIMIT_USER_PER_MINUTE: '100000000',
      // A throwaway secret shared by the workers; tokens must outlive a long run.
      JWT_SECRET: options.jwtSecret,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 10_000) stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await ready(url))) {
      if (child.exitCode !== null) throw new Error(`the server exited before it was ready:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`the server was not ready within ${START_TIMEOUT_MS} ms:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}

async function ready(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}
