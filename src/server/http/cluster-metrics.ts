import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQUEST = 'meridian:metrics-request';
const ANSWER = 'meridian:metrics-answer';
/** A primary that does not answer (busy, or gone) must not hang the scrape: the worker then reports alone. */
const ANSWER_TIMEOUT_MS = 3_000;

type Answer = { type: typeof ANSWER; id: number; text?: string; error?: string };

/**
 * In the primary of several workers: a worker asked for /metrics asks here, and gets the metrics of every
 * worker together (counters and histograms summed), so a scrape through the shared port sees the whole
 * server rather than whichever worker took the connection.
 */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: unknown; id?: unknown }) => {
    if (message?.type !== REQUEST || typeof message.id !== 'number') return;
    const id = message.id;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id, text } satisfies Answer),
      (error: Error) => worker.send({ type: ANSWER, id, error: error.message } satisfies Answer),
    );
  });
}

/**
 * How /metrics reads the registry: on its own in a single process; in a worker, through the primary for
 * all workers together, falling back to this worker's own figures when the primary cannot answer.
 */
export function metricsReader(registry: Registry): () => Promise<string> {
  const own = () => registry.metrics();
  if (!cluster.isWorker || !process.send) return own;
  // The worker side of prom-client's aggregation: it answers the primary's requests with this registry.
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();

  const waiting = new Map<number, (answer: Answer | undefined) => void>();
  let nextId = 0;
  process.on('message', (message: Answer) => {
    if (message?.type === ANSWER) waiting.get(message.id)?.(message);
  });
  return () => {
    const id = nextId++;
    const answered = new Promise<Answer | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ANSWER_TIMEOUT_MS);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
    process.send?.({ type: REQUEST, id });
    return answered.then((answer) => {
      waiting.delete(id);
      return answer?.text ?? own();
    });
  };
}
