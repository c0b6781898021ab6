import { v7 as uuidv7 } from 'uuid';
import type { CreateNoteInput, ListNotesQuery, Note, UpdateNoteInput } from '../../../shared/contracts/notes.js';
import { AppError, notFound } from '../../../shared/errors.js';
import { notes } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { changedRecordLinks, checkRecordLinks, pickRecordLinks } from '../../platform/record-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { recordChange } from '../audit/audit.service.js';
import { renderNoteMarkdown } from './markdown.js';
import { sanitiseNoteMarkdown } from './markdown-source.js';
import { findVisibleNote, insertNote, listNotes as listNoteRows, type NoteRow, toNote } from './notes.repository.js';

const ENTITY = 'notes';

/**
 * Audit rows keep the Markdown as written; the rendered HTML is derived from it, so storing it again in
 * every audit row would only double their size.
 */
function toAuditedNote(row: NoteRow): Omit<Note, 'bodyHtml'> {
  const { bodyHtml: _html, ...note } = toNote(row);
  return note;
}

function lifecycle(viewer: Viewer): Lifecycle<typeof notes, Omit<Note, 'bodyHtml'>> {
  return {
    table: notes,
    entity: ENTITY,
    label: 'note',
    find: (tx, id, options) => findVisibleNote(tx, viewer, id, options),
    toApi: toAuditedNote,
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listNotes(deps: Deps, viewer: Viewer, query: ListNotesQuery) {
  return listNoteRows(deps.database.db, viewer, query);
}

export async function getNote(deps: Deps, viewer: Viewer, id: string): Promise<Note> {
  const row = await findVisibleNote(deps.database.db, viewer, id);
  if (!row) throw notFound('note');
  return toNote(row);
}

/** A note is always the caller's own: authorId is set here and never taken from the request. */
export async function createNote(
  deps: Deps,
  viewer: Viewer,
  input: CreateNoteInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Note> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const links = await checkRecordLinks(tx, viewer, pickRecordLinks(input), { required: true });
    const row = await insertNote(tx, {
      id: uuidv7(),
      body: storedBody(input.body),
      pinned: input.pinned,
      authorId: viewer.userId,
      ...links,
    });
    await recordChange(tx, viewer, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      before: null,
      after: toAuditedNote(row),
    });
    return toNote(row);
  });
  return result;
}

export async function updateNote(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateNoteInput,
  expectedVersion: number | undefined,
): Promise<Note> {
  const { row } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        const { accountId, contactId, leadId, opportunityId, body, ...plain } = input;
        const links = changedRecordLinks(current, { accountId, contactId, leadId, opportunityId });
        const checkedLinks = links ? await checkRecordLinks(tx, viewer, links, { required: true }) : {};
        return { ...plain, ...(body === undefined ? {} : { body: storedBody(body) }), ...checkedLinks };
      },
    }),
  );
  return toNote(row);
}

export async function deleteNote(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

export async function restoreNote(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Note> {
  const restored = await inTransaction(deps.database.db, (tx) =>
    restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion),
  );
  return { ...restored, bodyHtml: renderNoteMarkdown(restored.body) };
}

/** The body as stored: sanitised Markdown, which must still say something (see markdown-source.ts). */
function storedBody(body: string): string {
  const sanitised = sanitiseNoteMarkdown(body);
  if (sanitised.trim().length === 0) {
    throw new AppError('invalid_request', 'the note says nothing once HTML and script links are removed', {
      errors: [{ path: 'body', message: 'must contain text, not only HTML' }],
    });
  }
  return sanitised;
}

function requireChangeRight(viewer: Viewer, row: NoteRow) {
  if (!mayChange(viewer, row.authorId)) {
    throw new AppError('forbidden', "only the note's author, their managers and admins may change it");
  }
}
