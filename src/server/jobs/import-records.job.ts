import { z } from 'zod';
import { runImport } from '../modules/imports/imports.service.js';
import type { JobDefinition } from './queue.js';

/** Creates the rows of one import (POST /imports), resuming where a run that died stopped. */
export const importRecordsJob: JobDefinition<{ importId: string }> = {
  name: 'import-records',
  payload: z.object({ importId: z.string().uuid() }),
  // 10,000 rows at a few milliseconds each, with room to spare.
  lockMs: 15 * 60_000,
  async handle(deps, { importId }) {
    await runImport(deps, importId);
  },
};
