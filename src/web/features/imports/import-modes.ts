import {
  type Import,
  type ImportMode,
  type ImportPreview,
  type ImportResource,
  type ImportRowError,
  importFields,
} from '../../../shared/contracts/imports.js';
import { recordNouns, rowsOf } from './import-labels.js';

type Noun = { one: string; many: string };

/** The three things an import can do, as the dialog offers them: what it is, then what happens to a row. */
export const modeChoices: { mode: ImportMode; label: string; description: (noun: Noun) => string }[] = [
  {
    mode: 'create',
    label: 'Add new records',
    description: (noun) =>
      `Each row becomes a new ${noun.one}. Rows with a Meridian ID are refused, so importing an export again cannot duplicate ${noun.many}.`,
  },
  {
    mode: 'update',
    label: 'Update existing records (by Meridian ID)',
    description: (noun) =>
      `Each row changes the ${noun.one} its Meridian ID names, with the cells it fills; empty cells leave fields as they are.`,
  },
  {
    mode: 'upsert',
    label: 'Both: update rows with an ID, add the others',
    description: (noun) =>
      `Rows with a Meridian ID update their ${noun.one}; rows without one become new ${noun.many}.`,
  },
];

/** What each row needs in this mode, said before a file is chosen. */
export function neededLine(resource: ImportResource, mode: ImportMode): string {
  const required = importFields[resource]
    .filter((field) => field.required)
    .map((field) => field.label)
    .join(', ');
  if (mode === 'update') return 'Each row needs: Meridian ID. Only the cells a row fills are changed.';
  if (mode === 'upsert') return `Rows with a Meridian ID need nothing else; the others need: ${required}.`;
  return `Each row needs: ${required}.`;
}

/**
 * What the dry run says will happen to the file's rows, after "2 of 3 rows ready": "12 will update
 * accounts, 3 will add new ones, 2 have problems".
 */
export function previewOutcome(
  preview: Pick<ImportPreview, 'resource' | 'rows' | 'validRows' | 'updateRows'>,
  mode: ImportMode,
): string {
  const noun = recordNouns[preview.resource];
  const updates = preview.updateRows;
  const creates = preview.validRows - preview.updateRows;
  const failing = preview.rows - preview.validRows;
  const parts: string[] = [];
  if (updates > 0 || (mode === 'update' && preview.validRows > 0)) {
    parts.push(`${count(updates)} will update ${updates === 1 ? `a ${noun.one}` : noun.many}`);
  }
  if (creates > 0) {
    const what = parts.length > 0 ? (creates === 1 ? 'a new one' : 'new ones') : newRecords(creates, noun);
    parts.push(`${count(creates)} will add ${what}`);
  }
  if (failing > 0) parts.push(`${count(failing)} ${failing === 1 ? 'has' : 'have'} problems`);
  return parts.join(', ');
}

/** "Updated: 12 accounts. Created: 3 accounts. Not imported: 2 rows.": each count the mode can have, always. */
export function outcomeCounts(
  result: Pick<Import, 'resource' | 'mode' | 'createdRows' | 'updatedRows' | 'failedRows'>,
) {
  const noun = recordNouns[result.resource];
  const parts: string[] = [];
  if (result.mode !== 'create' || result.updatedRows > 0) parts.push(`Updated: ${rowsOf(result.updatedRows, noun)}.`);
  if (result.mode !== 'update' || result.createdRows > 0) parts.push(`Created: ${rowsOf(result.createdRows, noun)}.`);
  parts.push(`Not imported: ${rowsOf(result.failedRows)}.`);
  return parts.join(' ');
}

/** How far a running import got, in words: "40 updated, 8 created, 2 not imported" (nothing yet: empty). */
export function progressCounts(current: Pick<Import, 'mode' | 'createdRows' | 'updatedRows' | 'failedRows'>): string {
  const parts: string[] = [];
  if (current.mode !== 'create' || current.updatedRows > 0) parts.push(`${count(current.updatedRows)} updated`);
  if (current.mode !== 'update' || current.createdRows > 0) parts.push(`${count(current.createdRows)} created`);
  if (current.failedRows > 0) parts.push(`${count(current.failedRows)} not imported`);
  return parts.join(', ');
}

/** What the list shows once the import is done, for the note that it carries on when closed. */
export function listShows(mode: ImportMode): string {
  return mode === 'create' ? 'created' : mode === 'update' ? 'updated' : 'updated and created';
}

/**
 * A row's problem as the dialog says it. A Meridian ID that names no record the sender can see reads
 * "account not found" from the server: what that means is added.
 */
export function problemText(resource: ImportResource, error: ImportRowError): string {
  if (error.field === 'id' && /not found$/i.test(error.message)) {
    const noun = recordNouns[resource];
    return `${sentence(error.message).slice(0, -1)}: no ${noun.one} you can see has this ID (it may have been deleted or merged).`;
  }
  return sentence(error.message);
}

/** Problem details are lower-case clauses (as `sentence` in lib/forms, which this pure module cannot import). */
function sentence(text: string): string {
  const result = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(result) ? result : `${result}.`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function newRecords(n: number, noun: Noun): string {
  return n === 1 ? `a new ${noun.one}` : `new ${noun.many}`;
}
