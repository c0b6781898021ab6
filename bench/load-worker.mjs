// The load generator, in a worker thread of its own (see load.ts for why). Plain JavaScript: the worker is
// started with Node's own loader, which does not read TypeScript. Its input and output types are
// LoadWorkerInput and LoadWorkerOutput in load.ts.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
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

/**
 * A steady load: request i leaves at start + i / rate, whether or not earlier ones were answered, over a
 * keep-alive pool of `connections` sockets (a request finding them all busy waits for one, and that wait
 * counts in its time). autocannon's own rate options send each second's requests in a burst at the start
 * of the second, which is a saturating load again.
 */
async function fireSteady(input, seconds, latencies) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections });
  const { hostname, port } = new URL(input.origin);
  const total = input.once ? input.requests.length : Math.max(1, Math.round(seconds * input.ratePerSecond));
  const intervalMs = 1000 / input.ratePerSecond;
  const outcome = { non2xx: 0, errors: 0, timeouts: 0, statusCodes: {}, latencyTotalMs: 0 };
  const startedAt = performance.now();
  const sent = [];
  for (let index = 0; index < total; index += 1) {
    const wait = startedAt + index * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    const target = input.requests[index % input.requests.length];
    sent.push(sendOne(agent, { hostname, port, ...target }, input.timeoutSeconds, outcome, latencies));
  }
  await Promise.all(sent);
  agent.destroy();
  const durationSeconds = (performance.now() - startedAt) / 1000;
  return {
    requestsPerSecond: total / durationSeconds,
    latencyAverageMs: latencies.length > 0 ? outcome.latencyTotalMs / latencies.length : 0,
    requests: total,
    non2xx: outcome.non2xx,
    errors: outcome.errors,
    timeouts: outcome.timeouts,
    statusCodes: outcome.statusCodes,
    durationSeconds,
  };
}

/** One request; its time runs from the call to the last byte of the answer, as autocannon's does. */
function sendOne(agent, target, timeoutSeconds, outcome, latencies) {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const request = http.request(
      {
        agent,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: target.method,
        headers: target.headers,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const code = response.statusCode ?? 0;
          outcome.statusCodes[code] = (outcome.statusCodes[code] ?? 0) + 1;
          if (code < 200 || code > 299) outcome.non2xx += 1;
          const elapsed = performance.now() - sentAt;
          outcome.latencyTotalMs += elapsed;
          latencies.push(elapsed);
          resolve();
        });
        response.on('error', () => {
          outcome.errors += 1;
          resolve();
        });
      },
    );
    let timedOut = false;
    request.setTimeout(timeoutSeconds * 1000, () => {
      timedOut = true;
      request.destroy();
    });
    request.on('error', () => {
      if (timedOut) outcome.timeouts += 1;
      else outcome.errors += 1;
      resolve();
    });
    request.end(target.body);
  });
}

const input = workerData;
const warmup = input.warmupSeconds > 0 && !input.once ? await fire(input, input.warmupSeconds, null) : null;
const warmupFailed = warmup !== null && (warmup.non2xx > 0 || warmup.errors > 0 || warmup.timeouts > 0);
// A failing warm-up already fails the scenario: no need to wait through the measurement too.
const latencies = [];
const measure = input.ratePerSecond ? fireSteady : fire;
const measurement = warmupFailed ? null : await measure(input, input.durationSeconds, latencies);
const times = Float64Array.from(latencies);
parentPort.postMessage({ warmup, measurement, latencies: times }, [times.buffer]);
