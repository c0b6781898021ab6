import { Worker } from 'node:worker_threads';

/** One request the load sends: an absolute URL on 127.0.0.1, its headers, and a JSON body for a POST. */
export type LoadRequest = { url: string; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: unknown };

/**
 * What a scenario sends: one request, or a list sent round-robin over all connections (several
 * territories, search terms, users…), so the figure is not that of one hot row read again and again.
 */
export type LoadTarget = { requests: readonly LoadRequest[] };

export type LoadOptions = {
  connections: number;
  durationSeconds: number;
  /** Load sent first and thrown away: JIT, connection pools and caches warm up before measuring. */
  warmupSeconds: number;
  /**
   * Each request exactly once, then stop (a pool of one-shot requests, e.g. converting distinct leads):
   * durationSeconds is then only the time limit and warmupSeconds is ignored.
   */
  once?: boolean;
  /**
   * A steady load of this many requests a second over all connections, instead of each connection
   * sending its next request as soon as it is answered.
   */
  ratePerSecond?: number;
};

export type LoadMeasurement = {
  /** Completed requests per second of the measurement. */
  requestsPerSecond: number;
  latencyAverageMs: number;
  /** Exact percentiles over every response of the measurement, from the response times autocannon reports. */
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  /** Distinct requests sent round-robin. */
  distinctRequests: number;
  connections: number;
};

/** What load-worker.mjs receives (workerData) and posts back. */
type LoadWorkerInput = {
  origin: string;
  requests: { path: string; headers: Record<string, string>; method: string; body: string | undefined }[];
  /** When set: each request sent exactly once (the list is a pool), no duration, no warm-up. */
  once: boolean;
  /** Requests a second over all connections; null: as fast as answered. */
  ratePerSecond: number | null;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  timeoutSeconds: number;
};
type LoadWorkerSummary = Pick<
  LoadMeasurement,
  | 'requestsPerSecond'
  | 'latencyAverageMs'
  | 'requests'
  | 'non2xx'
  | 'errors'
  | 'timeouts'
  | 'statusCodes'
  | 'durationSeconds'
>;
type LoadWorkerOutput = {
  warmup: LoadWorkerSummary | null;
  measurement: LoadWorkerSummary | null;
  latencies: Float64Array;
};

const REQUEST_TIMEOUT_SECONDS = 10;
/** Longer than any run could take: a worker that never answers must not hang the bench. */
const WORKER_GRACE_MS = 60_000;

export class LoadCheckError extends Error {}

/**
 * Warms up, then measures, with autocannon in a worker thread: the Meridian server runs on this process's
 * main thread, and a load generator sharing its event loop would measure itself. The worker is our own
 * rather than autocannon's `workers` option, so it can send a list of requests round-robin and hand back
 * every response time: autocannon's summary has p90, p97.5 and p99 but no p95.
 */
export async function measureLoad(target: LoadTarget, options: LoadOptions): Promise<LoadMeasurement> {
  const first = target.requests[0];
  if (!first) throw new Error('a load target needs at least one request');
  const origin = new URL(first.url).origin;
  const requests = target.requests.map((request) => {
    const url = new URL(request.url);
    if (url.origin !== origin) throw new Error(`one load target, one origin: ${request.url} is not on ${origin}`);
    if (url.hostname !== '127.0.0.1') throw new Error(`the bench only sends load to 127.0.0.1, not ${url.hostname}`);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers };
    return { path: `${url.pathname}${url.search}`, headers, method: request.method ?? 'GET', body };
  });
  const input: LoadWorkerInput = {
    origin,
    requests,
    once: options.once ?? false,
    ratePerSecond: options.ratePerSecond ?? null,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
  };
  const output = await runWorker(
    input,
    options.once ? 10 * WORKER_GRACE_MS : (options.warmupSeconds + options.durationSeconds) * 1000 + WORKER_GRACE_MS,
  );
  const describe = requests.length === 1 ? first.url : `${first.url} and ${requests.length - 1} more`;
  if (output.warmup) assertAllSucceeded(describe, output.warmup, 'warm-up');
  if (!output.measurement) throw new LoadCheckError(`${describe}: the worker measured nothing`);
  assertAllSucceeded(describe, output.measurement, 'measurement');
  const latencies = output.latencies.sort();
  return {
    ...output.measurement,
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: latencies.at(-1) ?? 0,
    distinctRequests: requests.length,
    connections: options.connections,
  };
}

function runWorker(input: LoadWorkerInput, timeoutMs: number): Promise<LoadWorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: input });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`the load worker did not finish within ${timeoutMs} ms`))),
      timeoutMs,
    );
    worker.once('message', (output: LoadWorkerOutput) => settle(() => resolve(output)));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the load worker exited with code ${code} before answering`))),
    );
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, percent: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/** A fast 401 or a refused connection is no throughput: any of them invalidates the figure. */
function assertAllSucceeded(target: string, summary: LoadWorkerSummary, phase: string) {
  const { non2xx, errors, timeouts, requests } = summary;
  // A warm-up may end before any response on a saturated machine (every request still in flight): only
  // failures spoil it. The measurement must have answers.
  if (non2xx === 0 && errors === 0 && timeouts === 0 && (requests > 0 || phase === 'warm-up')) return;
  throw new LoadCheckError(
    `${target} (${phase}): ${requests} responses, ${non2xx} non-2xx, ${errors} errors, ${timeouts} timeouts; ` +
      `status codes ${JSON.stringify(summary.statusCodes)}`,
  );
}
