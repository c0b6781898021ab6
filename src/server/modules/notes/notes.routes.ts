import type { FastifyPluginAsync } from 'fastify';
import {
  createNoteSchema,
  listNotesQuerySchema,
  notePageSchema,
  noteSchema,
  updateNoteSchema,
} from '../../../shared/contracts/notes.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { createNote, deleteNote, getNote, listNotes, restoreNote, updateNote } from './notes.service.js';

export const notesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/notes',
    tag: 'notes',
    noun: 'note',
    schemas: {
      record: noteSchema,
      page: notePageSchema,
      listQuery: listNotesQuerySchema,
      create: createNoteSchema,
      update: updateNoteSchema,
    },
    service: {
      list: (viewer, query) => listNotes(deps, viewer, query),
      get: (viewer, id) => getNote(deps, viewer, id),
      create: (viewer, input, idempotency) => createNote(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateNote(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteNote(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreNote(deps, viewer, id, expectedVersion),
    },
  });
};
