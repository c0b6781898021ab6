import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client.js';
import { measureJobQueue } from '../jobs/jobs.repository.js';
import { measureSyncBacklogs, type SyncBacklogs } from '../modules/integrations/integrations.repository.js';
import { metricsReader } from './cluster-metrics.js';

export type Metrics = { contentType: string; read: () => Promise<string> };

/**
 * Prometheus metrics of this app: process defaults, request durations by route and status, the database
 * connection pool, the job queue and the integrations' backlogs. With several workers a scrape reads all of them together.
 */
export function registerMetrics(app: FastifyInstance, database: Database): Metrics {
  // A registry per app, not the global one, so tests can build many apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meridian_' });
  observeRequestDurations(app, registry);
  observeDatabase(database, registry);
  observeSyncBacklogs(database, registry);
  return { contentType: registry.contentType, read: metricsReader(registry) };
}

function observeRequestDurations(app: FastifyInstance, registry: Registry) {
  const requestDuration = new Histogram({
    name: 'meridian_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // The labelled child of each method, route and status, found once: prom-client would otherwise hash the
  // labels on every request.
  const children = new Map<string, ReturnType<typeof requestDuration.labels>>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${route} ${reply.statusCode}`;
    let child = children.get(key);
    if (!child) {
      child = requestDuration.labels({ method: request.method, route, status: String(reply.statusCode) });
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });
}

const JOB_STATUSES = ['queued', 'running', 'failed'] as const;

/**
 * Figures read at scrape time. The queue's are the same from every worker, so aggregation keeps one;
 * each worker's pool is its own, so those add up.
 */
function observeDatabase(database: Database, registry: Registry) {
  // prom-client collects the metrics of a scrape side by side: they share one reading of the queue.
  const readQueue = sharedWhilePending(() => measureJobQueue(database.db).catch(() => undefined));
  new Gauge({
    name: 'meridian_database_up',
    help: '1 when the database answered the scrape, 0 when it did not',
    registers: [registry],
    aggregator: 'min',
    async collect() {
      this.set((await readQueue()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'meridian_jobs',
    help: 'Background jobs by status (queued includes those scheduled for later; failed gave up retrying)',
    labelNames: ['status'] as const,
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const queue = await readQueue();
      if (!queue) return this.reset();
      for (const status of JOB_STATUSES) this.set({ status }, queue.byStatus[status] ?? 0);
    },
  });
  new Gauge({
    name: 'meridian_jobs_oldest_due_seconds',
    help: 'How long the oldest due job has waited to run; a growing figure means the workers fall behind',
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const queue = await readQueue();
      if (!queue) return this.reset();
      this.set(queue.oldestDueSeconds);
    },
  });

  const { driver } = database;
  if (driver.kind !== 'postgres') return;
  const pool = driver.pool;
  new Gauge({
    name: 'meridian_db_pool_connections',
    help: 'PostgreSQL connections of the pool of this process: open (total), idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}

/**
 * The integrations' work in hand, the same from every worker (aggregation keeps one): e-mail waiting to
 * go, Microsoft 365 mail folders and Outlook events by whether they are in trouble, webhook deliveries.
 */
function observeSyncBacklogs(database: Database, registry: Registry) {
  const readBacklogs = sharedWhilePending(() => measureSyncBacklogs(database.db).catch(() => undefined));
  const gauge = (name: string, help: string, values: (backlogs: SyncBacklogs) => number | Record<string, number>) =>
    new Gauge({
      name,
      help,
      labelNames: ['state'] as const,
      registers: [registry],
      aggregator: 'first',
      async collect() {
        const backlogs = await readBacklogs();
        if (!backlogs) return this.reset();
        const figures = values(backlogs);
        if (typeof figures === 'number') this.set(figures);
        else for (const [state, value] of Object.entries(figures)) this.set({ state }, value);
      },
    });
  gauge(
    'meridian_outgoing_email_queued',
    'Outbound e-mail waiting to be sent, at its time or for its next attempt',
    (backlogs) => backlogs.mailQueued,
  );
  gauge(
    'meridian_mailbox_folders',
    'Microsoft 365 mail folders read into the log: ok, or failing (their last rounds failed; see mailbox_sync_states.last_error)',
    (backlogs) => backlogs.mailboxFolders,
  );
  gauge(
    'meridian_outlook_events',
    'Outlook events still to write: due, or failing (their last attempts failed; see outlook_events.last_error)',
    (backlogs) => backlogs.outlookEvents,
  );
  gauge(
    'meridian_webhook_deliveries',
    'Webhook deliveries pending (not yet accepted, retried with growing pauses) or failed (given up; see GET /webhooks/{id}/deliveries)',
    (backlogs) => backlogs.webhookDeliveries,
  );
}

/** One reading of `read` for the calls made while it is pending; a later call reads afresh. */
function sharedWhilePending<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
