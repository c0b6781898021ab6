import { v7 as uuidv7 } from 'uuid';
import { type WebhookEvent, type WebhookSubject, webhookSubjects } from '../../../shared/contracts/webhooks.js';
import type { Db } from '../../db/client.js';
import { enqueueJob } from '../../jobs/queue.js';
import { webhookDeliveryJob } from '../../jobs/webhook-delivery.job.js';
import { SYSTEM_USER_ID, type Viewer } from '../../platform/viewer.js';
import { queueDeliveries } from './webhooks.repository.js';

/** The audited resources other systems may follow, by the singular name of their events. */
const subjectOf: Partial<Record<string, WebhookSubject>> = {
  accounts: 'account',
  contacts: 'contact',
  leads: 'lead',
  opportunities: 'opportunity',
  activities: 'activity',
  tasks: 'task',
  notes: 'note',
  attachments: 'attachment',
  targets: 'target',
  quotes: 'quote',
  communications: 'communication',
  approvals: 'approval',
  territories: 'territory',
  users: 'user',
};

/** Audit actions as events say them. */
const verbOf: Record<string, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  restore: 'restored',
  merge: 'merged',
  complete: 'completed',
  convert: 'converted',
  disqualify: 'disqualified',
  reopen: 'reopened',
  decide: 'decided',
  send: 'sent',
  accept: 'accepted',
  reject: 'rejected',
};

export type RecordChange = {
  action: string;
  entity: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The fields that changed, as they were (null unless an update). */
  previousAttributes: Record<string, unknown> | null;
};

/**
 * Queues the webhook events of an audited change for every endpoint that listens, in the change's own
 * transaction (ARCHITECTURE.md: side effects are written with the change that causes them, and sent
 * after it commits). A change can tell of two events: a deal whose stage moved is `opportunity.updated`
 * and `opportunity.stage_changed`. API keys, calendar feeds, questions and webhooks themselves tell of none.
 */
export async function queueWebhookEvents(tx: Db, viewer: Viewer, change: RecordChange): Promise<void> {
  const subject = subjectOf[change.entity];
  const object = change.after ?? change.before;
  if (!subject || !object) return;
  for (const type of eventTypesOf(subject, change)) {
    await queueEvent(tx, {
      type,
      names: [type, `${subject}.*`, '*'],
      actorId: viewer.userId === SYSTEM_USER_ID ? null : viewer.userId,
      object,
      previousAttributes: change.previousAttributes,
    });
  }
}

/** A `ping` for one endpoint: what "Send a test event" sends, through the same queue as every event. */
export async function queuePing(tx: Db, viewer: Viewer, webhookId: string): Promise<string> {
  return queueEvent(tx, {
    type: 'ping',
    names: [],
    onlyWebhookId: webhookId,
    actorId: viewer.userId,
    object: { webhookId, message: 'Meridian can reach this endpoint' },
    previousAttributes: null,
  });
}

function eventTypesOf(subject: WebhookSubject, change: RecordChange): string[] {
  const verbs: readonly string[] = webhookSubjects[subject];
  const verb = verbOf[change.action];
  // An action without an event of its own (a new kind of change) is at least an update of the record.
  const main = verb && verbs.includes(verb) ? verb : verbs.includes('updated') ? 'updated' : null;
  const types = main ? [`${subject}.${main}`] : [];
  if (subject === 'opportunity' && change.before && change.after && change.before.stage !== change.after.stage) {
    types.push('opportunity.stage_changed');
  }
  return types;
}

async function queueEvent(
  tx: Db,
  event: {
    type: string;
    names: string[];
    onlyWebhookId?: string;
    actorId: string | null;
    object: Record<string, unknown>;
    previousAttributes: Record<string, unknown> | null;
  },
): Promise<string> {
  const body: WebhookEvent = {
    id: uuidv7(),
    type: event.type,
    createdAt: new Date().toISOString(),
    actorId: event.actorId,
    data: { object: event.object, previousAttributes: event.previousAttributes },
  };
  const queued = await queueDeliveries(tx, {
    id: body.id,
    type: body.type,
    body: JSON.stringify(body),
    names: event.names,
    onlyWebhookId: event.onlyWebhookId,
  });
  // A run right after the change commits, rather than at the next minute's sweep.
  if (queued > 0)
    await enqueueJob(tx, webhookDeliveryJob, {}, { singletonKey: `${webhookDeliveryJob.name}:${body.id}` });
  return body.id;
}
