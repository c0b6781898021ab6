import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type {
  Attachment,
  CreateAttachmentFields,
  ListAttachmentsQuery,
  UpdateAttachmentInput,
} from '../../../shared/contracts/attachments.js';
import { MAX_MAIL_ATTACHMENT_MB } from '../../../shared/contracts/communications.js';
import { AppError, notFound } from '../../../shared/errors.js';
import { fileSize } from '../../../shared/file-size.js';
import type { Db } from '../../db/client.js';
import { attachments } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import {
  changedRecordLinks,
  checkRecordLinks,
  pickRecordLinks,
  type RecordLinks,
} from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { findVisibleActivity } from '../activities/activities.repository.js';
import { recordChange } from '../audit/audit.service.js';
import {
  type AttachmentRow,
  findVisibleAttachment,
  findVisibleAttachments,
  insertAttachment,
  insertAttachmentCopy,
  listAttachments as listAttachmentRows,
  readAttachmentContent,
  toAttachment,
} from './attachments.repository.js';

const ENTITY = 'attachments';

/** The file of an upload, read whole (its size is bounded by MERIDIAN_ATTACHMENT_MAX_BYTES). */
export type UploadedFile = { fileName: string; contentType: string; content: Buffer };

function lifecycle(viewer: Viewer): Lifecycle<typeof attachments, Attachment> {
  return {
    table: attachments,
    entity: ENTITY,
    label: 'attachment',
    find: (tx, id, options) => findVisibleAttachment(tx, viewer, id, options),
    toApi: toAttachment,
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listAttachments(deps: Deps, viewer: Viewer, query: ListAttachmentsQuery) {
  return listAttachmentRows(deps.database.db, viewer, query);
}

export async function getAttachment(deps: Deps, viewer: Viewer, id: string): Promise<Attachment> {
  return toAttachment(await requireVisibleAttachment(deps.database.db, viewer, id));
}

/** The record and its bytes, for a download: whoever may see the record may read the file. */
export async function getAttachmentContent(
  deps: Deps,
  viewer: Viewer,
  id: string,
): Promise<{ attachment: Attachment; content: Buffer }> {
  const db = deps.database.db;
  const row = await requireVisibleAttachment(db, viewer, id);
  const content = await readAttachmentContent(db, id);
  if (!content) throw new Error(`attachment ${id} has no content row`);
  return { attachment: toAttachment(row), content };
}

/**
 * Keeps a file with the records it belongs to. The uploader is the caller, never taken from the request;
 * the record and its bytes are written in one transaction. An Idempotency-Key covers the bytes too (their
 * hash): a retry of the same upload answers the first record, another file under the same key is `409`.
 */
export async function createAttachment(
  deps: Deps,
  viewer: Viewer,
  fields: CreateAttachmentFields,
  file: UploadedFile,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Attachment> {
  const fileName = fields.fileName ?? file.fileName;
  if (!fileName) {
    throw new AppError('invalid_request', 'the file has no name: send one in the fileName field', {
      errors: [{ path: 'fileName', message: 'must name the file' }],
    });
  }
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const payload = { ...fields, fileName, contentType: file.contentType, sha256 };
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload }, async (tx) => {
    const links = await linksOf(tx, viewer, pickRecordLinks(fields), fields.activityId);
    const row = await insertAttachment(
      tx,
      {
        id: uuidv7(),
        fileName,
        contentType: file.contentType,
        size: file.content.length,
        sha256,
        uploadedById: viewer.userId,
        activityId: fields.activityId,
        ...links,
      },
      file.content,
    );
    const created = toAttachment(row);
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      before: null,
      after: created,
    });
    return created;
  });
  return result;
}

/**
 * Keeps a file Meridian made (a quote's PDF) with the records it is about, in the caller's transaction,
 * which has checked the links; with `communicationId` it also goes out with that e-mail.
 */
export async function keepGeneratedFile(
  tx: Db,
  viewer: Viewer,
  file: UploadedFile,
  links: Pick<AttachmentRow, 'accountId' | 'contactId' | 'opportunityId' | 'communicationId'>,
): Promise<Attachment> {
  const row = await insertAttachment(
    tx,
    {
      id: uuidv7(),
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      uploadedById: viewer.userId,
      ...links,
    },
    file.content,
  );
  const created = toAttachment(row);
  await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: row.id, before: null, after: created });
  return created;
}

/**
 * Copies files the viewer may see onto an e-mail about to go out (its attachments), in the caller's
 * transaction: each copy carries the e-mail's links and goes with it; the originals stay where they were.
 * A file the viewer cannot see, or more than the mail limits, is `400` and nothing is written.
 */
export async function attachCopiesToEmail(
  tx: Db,
  viewer: Viewer,
  attachmentIds: string[],
  email: Pick<AttachmentRow, 'accountId' | 'contactId' | 'leadId' | 'opportunityId'> & { id: string },
): Promise<Attachment[]> {
  const ids = [...new Set(attachmentIds)];
  const found = new Map((await findVisibleAttachments(tx, viewer, ids)).map((row) => [row.id, row]));
  const missing = attachmentIds.flatMap((id, index) =>
    found.has(id) ? [] : [{ path: `attachmentIds.${index}`, message: 'no such file' }],
  );
  if (missing.length > 0) throw new AppError('invalid_request', 'a file to attach does not exist', { errors: missing });
  const bytes = [...found.values()].reduce((sum, row) => sum + row.size, 0);
  if (bytes > MAX_MAIL_ATTACHMENT_MB * 1024 * 1024) {
    throw new AppError('invalid_request', `an e-mail carries at most ${MAX_MAIL_ATTACHMENT_MB} MB of files`, {
      errors: [{ path: 'attachmentIds', message: `${fileSize(bytes)} in all` }],
    });
  }
  const copies: Attachment[] = [];
  for (const id of ids) {
    const source = found.get(id) as AttachmentRow;
    const row = await insertAttachmentCopy(
      tx,
      {
        id: uuidv7(),
        fileName: source.fileName,
        contentType: source.contentType,
        size: source.size,
        sha256: source.sha256,
        uploadedById: viewer.userId,
        accountId: email.accountId,
        contactId: email.contactId,
        leadId: email.leadId,
        opportunityId: email.opportunityId,
        communicationId: email.id,
      },
      source.id,
    );
    const copy = toAttachment(row);
    await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: row.id, before: null, after: copy });
    copies.push(copy);
  }
  return copies;
}

/** Renames a file or moves it to other records; the bytes never change. */
export async function updateAttachment(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateAttachmentInput,
  expectedVersion: number | undefined,
): Promise<Attachment> {
  const { row } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        const { accountId, contactId, leadId, opportunityId, activityId, ...plain } = input;
        if (activityId !== undefined && activityId !== null) {
          const given = { accountId, contactId, leadId, opportunityId };
          const links = await linksOf(tx, viewer, withNullFor(given), activityId);
          return { ...plain, activityId, ...links };
        }
        const links = changedRecordLinks(current, { accountId, contactId, leadId, opportunityId });
        const checkedLinks = links ? await checkRecordLinks(tx, viewer, links, { required: true }) : {};
        // Links of their own replace the activity's; an activity let go (null) keeps the links it gave.
        const leavesActivity = activityId === null || links !== undefined;
        return { ...plain, ...checkedLinks, ...(leavesActivity ? { activityId: null } : {}) };
      },
    }),
  );
  return toAttachment(row);
}

export async function deleteAttachment(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

/** Brings a deleted file back; an activity deleted since is let go (the file keeps the activity's links). */
export function restoreAttachment(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Attachment> {
  return inTransaction(deps.database.db, (tx) =>
    restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion, async (row) => {
      if (row.activityId === null) return {};
      const activity = await findVisibleActivity(tx, viewer, row.activityId);
      return activity ? {} : { activityId: null };
    }),
  );
}

/**
 * The links a file gets: those given, checked as a note's are (at least one, visible, agreeing); or, for
 * an activity's file, the activity's own, so the file is seen wherever the activity is. Links given with
 * an activity must be the activity's.
 */
async function linksOf(tx: Db, viewer: Viewer, given: RecordLinks, activityId: string | null): Promise<RecordLinks> {
  if (activityId === null) return checkRecordLinks(tx, viewer, given, { required: true });
  const activity = await findVisibleActivity(tx, viewer, activityId);
  if (!activity) {
    throw new AppError('invalid_request', 'the linked activity does not exist', {
      errors: [{ path: 'activityId', message: 'no such activity' }],
    });
  }
  const links = pickRecordLinks(activity);
  const disagreeing = (Object.keys(given) as (keyof RecordLinks)[]).filter(
    (field) => given[field] !== null && given[field] !== links[field],
  );
  if (disagreeing.length > 0) {
    throw new AppError('invalid_request', "a file of an activity is linked to the activity's records", {
      errors: disagreeing.map((path) => ({ path, message: 'is not a link of the activity' })),
    });
  }
  return links;
}

/** Links left out of a change as none, for comparing with an activity's. */
function withNullFor(links: Partial<RecordLinks>): RecordLinks {
  return {
    accountId: links.accountId ?? null,
    contactId: links.contactId ?? null,
    leadId: links.leadId ?? null,
    opportunityId: links.opportunityId ?? null,
  };
}

async function requireVisibleAttachment(db: Db, viewer: Viewer, id: string): Promise<AttachmentRow> {
  const row = await findVisibleAttachment(db, viewer, id);
  if (!row) throw notFound('attachment');
  return row;
}

function requireChangeRight(viewer: Viewer, row: AttachmentRow) {
  if (!mayChange(viewer, row.uploadedById)) {
    throw new AppError('forbidden', 'only whoever uploaded the file, their managers and admins may change it');
  }
}
