// The load generator, in a worker thread of its own (see load.ts for why). Plain JavaScript: the worker is
// started with Node's own loader, which does not read TypeScript. Its input and output types are
// LoadWorkerInput and LoadWorkerOutput in load.ts.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/**
 * Sends the requests round-robin over all connections, so a list of URLs spreads evenly over the run, and
 * records every response time (float milliseconds) for exact percentiles.
 */
async function fire(input, seconds, latencies) {
  let next = 0;
  const options = {
    url: input.origin,
    connections: Math.min(input.connections, input.once ? input.requests.length : input.connections),
    ...(input.once ? { amount: input.requests.length } : { duration: seconds }),
    timeout: input.timeoutSeconds,
    requests: [
      {
        setupRequest(request) {
          const target = input.requests[next];
          next = (next + 1) % input.requests.length;
          const prepared = { ...request, method: target.method, path: target.path };
          prepared.headers = { ...request.headers, ...target.headers };
          if (target.body !== undefined) prepared.body = target.body;
          else delete prepared.body;
          return prepared;
        },
      },
    ],
  };
  const raw = await new Promise((resolve, reject) => {
    const tracker = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (latencies) {
      tracker.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
    }
  });
  // Off the main thread autocannon answers its raw per-thread result; aggregate it as the CLI would.
  const result = autocannon.aggregateResult([raw], options);
  const statusCodes = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  return {
    // Not result.requests.average: the per-second histogram behind it is only filled on autocannon's own
    // workers. Completed requests over the measured time is the same figure.
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    latencyAverageMs: result.latency.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    durationSeconds: result.duration,
  };
}

const input = workerData;
const warmup = input.warmupSeconds > 0 && !input.once ? await fire(input, input.warmupSeconds, null) : null;
const warmupFailed = warmup !== null && (warmup.non2xx > 0 || warmup.errors > 0 || warmup.timeouts > 0);
// A failing warm-up already fails the scenario: no need to wait through the measurement too.
const latencies = [];
const measurement = warmupFailed ? null : await fire(input, input.durationSeconds, latencies);
const times = Float64Array.from(latencies);
parentPort.postMessage({ warmup, measurement, latencies: times }, [times.buffer]);
