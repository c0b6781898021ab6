import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { emailSchema } from '../../../shared/contracts/common.js';
import type {
  Communication,
  CommunicationDirection,
  CommunicationStatus,
  CreateCommunicationInput,
  ListCommunicationsQuery,
  UpdateCommunicationInput,
} from '../../../shared/contracts/communications.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { attachments, communications } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { emailDeliveryJob } from '../../jobs/email-delivery.job.js';
import { enqueueJob } from '../../jobs/queue.js';
import { smsDeliveryJob } from '../../jobs/sms-delivery.job.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { changedRecordLinks, checkRecordLinks, pickRecordLinks } from '../../platform/record-links.js';
import { moveDeletedAt } from '../../platform/versioned-rows.repository.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { toAttachment } from '../attachments/attachments.repository.js';
import { attachCopiesToEmail } from '../attachments/attachments.service.js';
import { recordChange } from '../audit/audit.service.js';
import { requireOwner } from '../users/users.service.js';
import {
  type CommunicationRow,
  findVisibleCommunication,
  insertCommunication,
  listCommunications as listCommunicationRows,
  toCommunication,
} from './communications.repository.js';
import { UNDO_SEND_MS } from './message-delivery.js';

const ENTITY = 'communications';

/**
 * A logged message must be linked to at least one record (as activities and notes are): an unlinked one
 * would appear on no timeline and be visible only to its owner's team. Messages that cannot be matched to
 * a record yet (a future mailbox sync) would pass `required: false` from their own service call.
 */
const LINKS_REQUIRED = { required: true };

function lifecycle(viewer: Viewer): Lifecycle<typeof communications, Communication> {
  return {
    table: communications,
    entity: ENTITY,
    label: 'communication',
    find: (tx, id, options) => findVisibleCommunication(tx, viewer, id, options),
    toApi: toCommunication,
    authorize: (row) => {
      requireChangeRight(viewer, row);
      requireNotBeingSent(row);
    },
  };
}

export function listCommunications(deps: Deps, viewer: Viewer, query: ListCommunicationsQuery) {
  return listCommunicationRows(deps.database.db, viewer, query);
}

export async function getCommunication(deps: Deps, viewer: Viewer, id: string): Promise<Communication> {
  const row = await findVisibleCommunication(deps.database.db, viewer, id);
  if (!row) throw notFound('communication');
  return toCommunication(row);
}

export async function createCommunication(
  deps: Deps,
  viewer: Viewer,
  input: CreateCommunicationInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Communication> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const links = await checkRecordLinks(tx, viewer, pickRecordLinks(input), LINKS_REQUIRED);
    const ownerId = input.ownerId === undefined ? viewer.userId : input.ownerId;
    await requireOwner(tx, viewer, ownerId);
    const status = input.status ?? defaultStatus(input.direction);
    requireStatusFitsDirection(input.direction, status);
    requireAddressesFitChannel(input.channel, { from: input.from, to: input.to, cc: input.cc });
    requireDurationFitsChannel(input.channel, input.durationSeconds);
    requireHappenedByNow(status, input.occurredAt);
    const to = recipientsOfQueuedText(input.channel, input.direction, status, input.to, input.cc, input.body);
    const row = await insertCommunication(tx, {
      id: uuidv7(),
      channel: input.channel,
      direction: input.direction,
      subject: input.subject,
      body: input.body,
      fromAddress: input.from,
      toAddresses: to,
      ccAddresses: input.cc,
      // Omitted means "just now"; the column default would do the same but the audit row wants the value.
      occurredAt: input.occurredAt === undefined ? new Date() : new Date(input.occurredAt),
      durationSeconds: input.durationSeconds,
      status,
      ownerId,
      ...links,
    });
    const communication = toCommunication(row);
    if (input.attachmentIds?.length) {
      requireAttachableEmail(row);
      await attachCopiesToEmail(tx, viewer, input.attachmentIds, row);
    }
    await scheduleDelivery(tx, row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: communication.id,
      before: null,
      after: communication,
    });
    return communication;
  });
  return result;
}

/** Files go with an e-mail on its way out; a logged message or a call has nothing to carry them. */
function requireAttachableEmail(row: CommunicationRow) {
  if (row.channel !== 'email' || row.direction !== 'outbound' || row.status !== 'queued') {
    throw new AppError(
      'invalid_request',
      'files are attached to an e-mail being sent (channel email, outbound, queued)',
      {
        errors: [{ path: 'attachmentIds', message: 'only for a queued outbound e-mail' }],
      },
    );
  }
}

/**
 * Queues an e-mail Meridian writes for the viewer (a quote going out), in the caller's transaction: it
 * is logged, audited and delivered like one the viewer wrote, and may be undone while it waits.
 */
export async function queueOutboundEmail(
  tx: Db,
  viewer: Viewer,
  email: {
    subject: string;
    body: string;
    to: string[];
    cc: string[];
    links: { accountId: string | null; contactId: string | null; opportunityId: string | null };
  },
): Promise<Communication> {
  const row = await insertCommunication(tx, {
    id: uuidv7(),
    channel: 'email',
    direction: 'outbound',
    subject: email.subject,
    body: email.body,
    fromAddress: null,
    toAddresses: email.to,
    ccAddresses: email.cc,
    occurredAt: new Date(),
    status: 'queued',
    ownerId: viewer.userId,
    ...email.links,
  });
  const communication = toCommunication(row);
  await scheduleDelivery(tx, row);
  await recordChange(tx, viewer, {
    action: 'create',
    entity: ENTITY,
    entityId: row.id,
    before: null,
    after: communication,
  });
  return communication;
}

export async function updateCommunication(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateCommunicationInput,
  expectedVersion: number | undefined,
): Promise<Communication> {
  const { after } = await inTransaction(deps.database.db, async (tx) => {
    const change = await changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        const { from, to, cc, occurredAt, accountId, contactId, leadId, opportunityId, ...plain } = input;
        const links = changedRecordLinks(current, { accountId, contactId, leadId, opportunityId });
        const checkedLinks = links ? await checkRecordLinks(tx, viewer, links, LINKS_REQUIRED) : {};
        await requireOwner(tx, viewer, input.ownerId);
        const direction = input.direction ?? (current.direction as CommunicationDirection);
        // A direction change alone moves the status to that direction's default, as on create.
        const status =
          input.status ??
          (input.direction === undefined ? (current.status as CommunicationStatus) : defaultStatus(direction));
        requireStatusFitsDirection(direction, status);
        requireAddressesFitChannel(input.channel ?? current.channel, {
          from: from === undefined ? current.fromAddress : from,
          to: to ?? current.toAddresses,
          cc: cc ?? current.ccAddresses,
        });
        requireDurationFitsChannel(
          input.channel ?? current.channel,
          input.durationSeconds === undefined ? current.durationSeconds : input.durationSeconds,
        );
        requireHappenedByNow(status, occurredAt ?? current.occurredAt.toISOString());
        const recipients = recipientsOfQueuedText(
          input.channel ?? current.channel,
          direction,
          status,
          to ?? current.toAddresses,
          cc ?? current.ccAddresses,
          input.body === undefined ? current.body : input.body,
        );
        return {
          ...plain,
          status,
          ...checkedLinks,
          ...(from === undefined ? {} : { fromAddress: from }),
          ...(to === undefined && recipients === current.toAddresses ? {} : { toAddresses: recipients }),
          ...(cc === undefined ? {} : { ccAddresses: cc }),
          ...(occurredAt === undefined ? {} : { occurredAt: new Date(occurredAt) }),
          ...(status === 'queued' ? freshDelivery(current) : {}),
        };
      },
    });
    if (change.row.version !== change.before.version) await scheduleDelivery(tx, change.row);
    return change;
  });
  return after;
}

/**
 * A queued message that is changed (its recipients mended, a failed one queued again) is tried afresh:
 * at once, with a full set of attempts. One queued again after it went out is a new message, with a
 * new Message-ID.
 */
function freshDelivery(current: CommunicationRow) {
  return {
    deliveryAttempts: 0,
    deliveryRetryAt: null,
    deliveryError: null,
    ...(current.status === 'queued' ? {} : { messageId: null }),
  };
}

/**
 * Queued outbound e-mail and texts are sent by their delivery jobs: a run at the message's time, or once
 * the moment to take it back is over (UNDO_SEND_MS), whichever is later.
 */
async function scheduleDelivery(tx: Db, row: CommunicationRow): Promise<void> {
  if (row.status !== 'queued' || row.direction !== 'outbound' || row.channel === 'call') return;
  const job = row.channel === 'sms' ? smsDeliveryJob : emailDeliveryJob;
  const runAt = new Date(Math.max(row.occurredAt.getTime(), row.updatedAt.getTime() + UNDO_SEND_MS));
  await enqueueJob(tx, job, {}, { runAt, singletonKey: `${job.name}:${row.id}:${row.version}` });
}

/** The worker sending a message holds it for a moment; a change then would not be what went out. */
function requireNotBeingSent(row: CommunicationRow) {
  if (row.status === 'queued' && row.deliveryLeaseUntil && row.deliveryLeaseUntil.getTime() > Date.now()) {
    const what = row.channel === 'sms' ? 'text' : 'e-mail';
    throw new AppError('conflict', `this ${what} is being sent right now: try again in a moment`);
  }
}

/** Deletes a message and the files that were to go with it (an e-mail taken back takes its attachments along). */
export async function deleteCommunication(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    const deleted = await softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    await carryMailAttachments(tx, viewer, id, { from: null, to: deleted.deletedAt }, 'delete');
  });
}

export function restoreCommunication(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Communication> {
  return inTransaction(deps.database.db, async (tx) => {
    const deletedAt = (await findVisibleCommunication(tx, viewer, id, { includeDeleted: true }))?.deletedAt ?? null;
    const restored = await restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    if (deletedAt) await carryMailAttachments(tx, viewer, id, { from: deletedAt, to: null }, 'restore');
    return restored;
  });
}

/** The files of an e-mail follow its deletion and restore, each change audited as the file's own. */
async function carryMailAttachments(
  tx: Db,
  viewer: Viewer,
  communicationId: string,
  deletedAt: { from: Date | null; to: Date | null },
  action: 'delete' | 'restore',
) {
  const rows = await moveDeletedAt(tx, attachments, eq(attachments.communicationId, communicationId), deletedAt);
  for (const row of rows) {
    const file = toAttachment(row);
    await recordChange(tx, viewer, {
      action,
      entity: 'attachments',
      entityId: file.id,
      before: action === 'delete' ? { ...file, version: file.version - 1 } : null,
      after: action === 'delete' ? null : file,
    });
  }
}

function defaultStatus(direction: CommunicationDirection): CommunicationStatus {
  return direction === 'inbound' ? 'received' : 'sent';
}

/** Inbound messages were received; only outbound ones are queued, sent or failed. */
/** "ana@acme.com" or "Ana Lopez <ana@acme.com>". */
const isEmailAddress = (value: string) => emailSchema.safeParse(/<([^<>]+)>\s*$/.exec(value)?.[1] ?? value).success;

/** An e-mail's sender and recipients are e-mail addresses (a call's or text's are numbers, left as typed). */
function requireAddressesFitChannel(
  channel: string,
  addresses: { from: string | null; to: readonly string[]; cc: readonly string[] },
) {
  if (channel !== 'email') return;
  const errors = [
    ...(addresses.from !== null && !isEmailAddress(addresses.from)
      ? [{ path: 'from', message: 'not an e-mail address' }]
      : []),
    ...(['to', 'cc'] as const).flatMap((field) =>
      addresses[field].flatMap((value, index) =>
        isEmailAddress(value) ? [] : [{ path: `${field}.${index}`, message: 'not an e-mail address' }],
      ),
    ),
  ];
  if (errors.length > 0) {
    throw new AppError('invalid_request', 'the addresses of an e-mail must be e-mail addresses', { errors });
  }
}

/** Clocks of phones and mail servers disagree by a little: "now" on theirs may be a minute ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A message sent, received or that failed has happened: it cannot have happened in the future. Only a
 * queued one, not sent yet, may be set to go later.
 */
function requireHappenedByNow(status: CommunicationStatus, occurredAt: string | undefined) {
  if (status === 'queued' || !occurredAt || Date.parse(occurredAt) <= Date.now() + CLOCK_SKEW_MS) return;
  throw new AppError('invalid_request', `a message that was ${status} cannot have happened in the future`, {
    errors: [{ path: 'occurredAt', message: 'must not be later than now unless the message is queued' }],
  });
}

/** Only a call lasts: a duration on an e-mail or a text message is a mistake the log would keep. */
/** The longest text Twilio sends (ten segments); longer ones are refused by the providers. */
const MAX_TEXT_LENGTH = 1600;

/**
 * A text to be sent goes to one number in international form (+ and the country code), normalised to
 * E.164, and says something; a text only logged keeps its numbers as typed. Answers the recipients to
 * store.
 */
function recipientsOfQueuedText(
  channel: string,
  direction: string,
  status: string,
  to: string[],
  cc: string[],
  body: string | null,
): string[] {
  if (channel !== 'sms' || direction !== 'outbound' || status !== 'queued') return to;
  const errors: { path: string; message: string }[] = [];
  const [number] = to;
  const normalised = number ? `+${number.replace(/\D/g, '')}` : '';
  if (to.length !== 1) errors.push({ path: 'to', message: 'a text goes to exactly one number' });
  else if (!/^\s*\+/.test(number ?? '') || !/^\+[1-9]\d{6,14}$/.test(normalised)) {
    errors.push({ path: 'to.0', message: 'use the international form: + and the country code, e.g. +31 6 1234 5678' });
  }
  if (cc.length > 0) errors.push({ path: 'cc', message: 'a text has no copies' });
  if (!body?.trim()) errors.push({ path: 'body', message: 'write the text' });
  else if (body.length > MAX_TEXT_LENGTH)
    errors.push({ path: 'body', message: `at most ${MAX_TEXT_LENGTH} characters` });
  if (errors.length > 0) throw new AppError('invalid_request', 'this text cannot be sent as it is', { errors });
  return [normalised];
}

function requireDurationFitsChannel(channel: string, durationSeconds: number | null) {
  if (channel === 'call' || durationSeconds === null) return;
  throw new AppError('invalid_request', `only calls have a duration, not an ${channel === 'sms' ? 'SMS' : 'e-mail'}`, {
    errors: [{ path: 'durationSeconds', message: 'only calls have a duration' }],
  });
}

function requireStatusFitsDirection(direction: CommunicationDirection, status: CommunicationStatus) {
  if ((direction === 'inbound') !== (status === 'received')) {
    throw new AppError('invalid_request', `an ${direction} message cannot be ${status}`, {
      errors: [{ path: 'status', message: 'inbound is received; outbound is queued, sent or failed' }],
    });
  }
}

function requireChangeRight(viewer: Viewer, row: CommunicationRow) {
  if (!mayChange(viewer, row.ownerId)) {
    throw new AppError('forbidden', "only the communication's owner, their managers and admins may change it");
  }
}
