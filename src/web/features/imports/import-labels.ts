import { type ImportResource, importFields } from '../../../shared/contracts/imports.js';
import { humanize } from '../../lib/format.js';

export const recordNouns: Record<ImportResource, { one: string; many: string }> = {
  accounts: { one: 'account', many: 'accounts' },
  contacts: { one: 'contact', many: 'contacts' },
  leads: { one: 'lead', many: 'leads' },
};

/** "1 row", "3 rows": counts said the way they read. */
export function rowsOf(n: number, noun = { one: 'row', many: 'rows' }): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun.one : noun.many}`;
}

/**
 * What people call the field a row error names. A create rule can name an API field the import has no
 * column for (a nested or defaulted one), which is humanised rather than shown raw.
 */
export function fieldLabel(resource: ImportResource, field: string | null): string | null {
  if (field === null) return null;
  return importFields[resource].find((candidate) => candidate.field === field)?.label ?? humanize(field);
}

/** How many rows a list of problems speaks of (a row can have several), to tell when the server capped it. */
export function listedRows(errors: { row: number }[]): number {
  return new Set(errors.map((error) => error.row)).size;
}
