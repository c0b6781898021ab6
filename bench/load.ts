import autocannon from 'autocannon';

export type LoadTarget = { url: string; headers?: Record<string, string> };

export type LoadOptions = {
  connections: number;
  durationSeconds: number;
  /** Load sent first and thrown away: JIT, connection pools and caches warm up before measuring. */
  warmupSeconds: number;
};

export type LoadMeasurement = {
  /** Mean of the per-second request counts, as autocannon reports it. */
  requestsPerSecond: number;
  latencyAverageMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
};

export class LoadCheckError extends Error {}

/**
 * Warms up, then measures, with autocannon in a worker thread: the Meridian server runs on this process's
 * main thread, and a load generator sharing its event loop would measure itself.
 */
export async function measureLoad(target: LoadTarget, options: LoadOptions): Promise<LoadMeasurement> {
  if (options.warmupSeconds > 0) {
    const warmup = await fire(target, options.connections, options.warmupSeconds);
    assertAllSucceeded(target, warmup, 'warm-up');
  }
  const measurement = await fire(target, options.connections, options.durationSeconds);
  assertAllSucceeded(target, measurement, 'measurement');
  return measurement;
}

async function fire(target: LoadTarget, connections: number, durationSeconds: number) {
  return toMeasurement(
    await autocannon({
      url: target.url,
      headers: target.headers ?? {},
      connections,
      duration: durationSeconds,
      workers: 1,
      timeout: 10,
    }),
  );
}

function toMeasurement(result: autocannon.Result): LoadMeasurement {
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    latencyAverageMs: result.latency.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    durationSeconds: result.duration,
  };
}

/** A fast 401 or a refused connection is no throughput: any of them invalidates the figure. */
function assertAllSucceeded(target: LoadTarget, measurement: LoadMeasurement, phase: string) {
  const { non2xx, errors, timeouts, requests } = measurement;
  if (non2xx === 0 && errors === 0 && timeouts === 0 && requests > 0) return;
  throw new LoadCheckError(
    `${target.url} (${phase}): ${requests} responses, ${non2xx} non-2xx, ${errors} errors, ${timeouts} timeouts; ` +
      `status codes ${JSON.stringify(measurement.statusCodes)}`,
  );
}
