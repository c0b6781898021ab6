import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type ColdStartResult = {
  runs: number;
  /** Spawn of `node dist/server/main.js` on an empty data dir until /health answers: creates and migrates PGlite. */
  firstStartMs: number[];
  /** The same on the data dir the first start left behind. */
  restartMs: number[];
  firstStartMedianMs: number;
  restartMedianMs: number;
  /** How dist/server came to be: as found, built because missing or older than src, or stale after a failed build. */
  build: BuildState;
};

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 10;

/**
 * Cold start of the built server on the embedded database, as a newcomer would run it. Each run uses a
 * fresh temporary data dir, starts once (the database is created), stops, and starts again on it.
 */
export async function measureColdStart(packageRoot: string, runs: number): Promise<ColdStartResult> {
  const entry = path.join(packageRoot, 'dist', 'server', 'main.js');
  const build = ensureBuilt(packageRoot, entry);
  const firstStartMs: number[] = [];
  const restartMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-cold-'));
    try {
      firstStartMs.push(await timeStart(entry, dataDir));
      restartMs.push(await timeStart(entry, dataDir));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    runs,
    firstStartMs,
    restartMs,
    firstStartMedianMs: median(firstStartMs),
    restartMedianMs: median(restartMs),
    build,
  };
}

type BuildState = 'up to date' | 'built' | 'rebuilt' | 'rebuilt with type errors' | 'stale (rebuild failed)';

/**
 * Builds dist/server when it is missing or older than a source file, so the figure is the current code's.
 * A failed rebuild over an existing build (a colleague's half-done change) still measures the old build.
 */
export function ensureBuilt(packageRoot: string, entry: string): BuildState {
  const exists = fs.existsSync(entry);
  const builtAt = exists ? fs.statSync(entry).mtimeMs : 0;
  const sources = ['src/server', 'src/shared'].map((folder) => path.join(packageRoot, folder));
  if (exists && !sources.some((folder) => newerFileIn(folder, builtAt))) return 'up to date';
  console.log(`dist/server is ${exists ? 'older than src' : 'missing'}: npm run build:server`);
  const build = spawnSync('npm', ['run', 'build:server'], { cwd: packageRoot, stdio: 'inherit', timeout: 300_000 });
  if (build.status === 0 && fs.existsSync(entry)) return exists ? 'rebuilt' : 'built';
  // tsc emits despite type errors: the new build is there, but it comes from code that does not check.
  if (fs.existsSync(entry) && fs.statSync(entry).mtimeMs > builtAt) {
    console.warn('npm run build:server reported errors: measuring what it emitted');
    return 'rebuilt with type errors';
  }
  if (exists) {
    console.warn('npm run build:server failed: measuring the previous build');
    return 'stale (rebuild failed)';
  }
  throw new Error('npm run build:server failed');
}

function newerFileIn(folder: string, than: number): boolean {
  if (!fs.existsSync(folder)) return false;
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .some((entry) => entry.isFile() && fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs > than);
}

/** Milliseconds from spawn until GET /health answers 200; the server is stopped again before returning. */
async function timeStart(entry: string, dataDir: string): Promise<number> {
  const port = await freeLoopbackPort();
  const startedAt = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: serverEnvironment(dataDir, port),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 10_000) stderr += chunk.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    const deadline = startedAt + START_TIMEOUT_MS;
    while (!(await healthAnswers(port))) {
      if (exited) throw new Error(`the server exited before answering /health:\n${stderr}`);
      if (performance.now() > deadline) throw new Error(`no answer from /health within ${START_TIMEOUT_MS} ms`);
      await sleep(POLL_INTERVAL_MS);
    }
    return performance.now() - startedAt;
  } finally {
    await stopChild(child);
  }
}

/** Only what the server needs: the caller's DATABASE_URL or admin password must not leak into the test. */
function serverEnvironment(dataDir: string, port: number): NodeJS.ProcessEnv {
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'].filter((name) => process.env[name] !== undefined);
  return {
    ...Object.fromEntries(inherited.map((name) => [name, process.env[name]])),
    PORT: String(port),
    HOST: '127.0.0.1',
    MERIDIAN_DATA_DIR: dataDir,
    MERIDIAN_DEMO_DATA: '0',
    LOG_LEVEL: 'warn',
  };
}

function healthAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Asks the OS for a free port on 127.0.0.1 (the server spawned next binds it; a race is possible but rare). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
