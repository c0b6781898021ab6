/*
 * Reading an import file, without I/O: the CSV as spreadsheets write it, which column fills which field,
 * and each row as the create call of its record kind takes it.
 */
import { CsvError, parse } from 'csv-parse/sync';
import {
  headingKey,
  type ImportField,
  type ImportMode,
  type ImportResource,
  type ImportRowError,
  importFields,
  MAX_IMPORT_ROWS,
} from '../../../shared/contracts/imports.js';
import { AppError } from '../../../shared/errors.js';

export type ImportColumn = { heading: string; field: string | null };
export type CsvFile = {
  headings: string[];
  rows: string[][];
  /**
   * How the file writes decimals: files separated by `;` come from spreadsheets of the places that write
   * 1.234,50 (the comma being the decimal mark is why they use `;`), so there "980.000" is 980,000.
   */
  decimalMark: ',' | '.';
};

/**
 * The heading row and the data rows. Excel in much of Europe writes `;` between fields (the comma being
 * the decimal mark), so the separator is whichever of `,` `;` and tab the heading row has most of; a
 * byte order mark is dropped; blank lines are skipped.
 */
export function readCsv(text: string): CsvFile {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const reason = error instanceof CsvError ? error.message : 'the file is not CSV';
    throw new AppError('invalid_request', `the file could not be read as CSV: ${reason}`, {
      errors: [{ path: 'csv', message: reason }],
    });
  }
  const [headings, ...rows] = records;
  if (!headings || rows.length === 0) {
    throw new AppError('invalid_request', 'the file has no rows: a heading row, then one record per row', {
      errors: [{ path: 'csv', message: 'no data rows' }],
    });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      'invalid_request',
      `an import takes at most ${MAX_IMPORT_ROWS} rows; this file has ${rows.length}`,
      {
        errors: [{ path: 'csv', message: `split the file into parts of ${MAX_IMPORT_ROWS} rows` }],
      },
    );
  }
  return { headings, rows, decimalMark: delimiter === ';' ? ',' : '.' };
}

/**
 * Which field each column fills: as the mapping says, else by its heading ("E-mail Address" is the
 * e-mail), each field from one column only (the first that names it). A mapping to a field the record
 * kind does not have is `400`.
 */
export function mapColumns(
  resource: ImportResource,
  headings: string[],
  mapping: Record<string, string | null> = {},
): ImportColumn[] {
  const fields = importFields[resource];
  const unknown = Object.entries(mapping).filter(
    ([, field]) => field !== null && !fields.some((candidate) => candidate.field === field),
  );
  if (unknown.length > 0) {
    throw new AppError('invalid_request', `${resource} have no field ${unknown.map(([, field]) => field).join(', ')}`, {
      errors: unknown.map(([heading]) => ({ path: `mapping.${heading}`, message: 'not a field of this record kind' })),
    });
  }
  const taken = new Set<string>();
  return headings.map((heading) => {
    const field = Object.hasOwn(mapping, heading)
      ? mapping[heading]
      : fields.find((candidate) => candidate.aliases.includes(headingKey(heading)))?.field;
    if (!field || taken.has(field)) return { heading, field: null };
    taken.add(field);
    return { heading, field };
  });
}

/**
 * Required fields no column fills: the import cannot start without them. An update needs the Meridian
 * ID of each row's record and nothing else; an upsert with an ID column leaves the rows without one to
 * say what they lack.
 */
export function missingFields(resource: ImportResource, columns: ImportColumn[], mode: ImportMode): string[] {
  const filled = new Set(columns.map((column) => column.field));
  const fields = importFields[resource];
  if (mode === 'update' || (mode === 'upsert' && filled.has('id'))) {
    return filled.has('id') ? [] : fields.filter((field) => field.field === 'id').map((field) => field.label);
  }
  return fields.filter((field) => field.required && !filled.has(field.field)).map((field) => field.label);
}

/** What a reference column names, found: a territory by name, a user by e-mail, an account by name. */
export type Lookups = {
  territory(name: string): string | undefined;
  user(email: string): string | undefined;
  /** The account's id, or a reason there is none to link (none visible, or several of that name). */
  account(name: string): { id: string } | { problem: string };
};

/**
 * One row as the create call of its kind takes it (empty cells are left to the defaults), or what is
 * wrong with it. `line` is the row's line in the file (the heading is line 1).
 */
export function rowToInput(
  resource: ImportResource,
  columns: ImportColumn[],
  values: string[],
  line: number,
  lookups: Lookups,
  decimalMark: CsvFile['decimalMark'],
): { input: Record<string, unknown>; errors: ImportRowError[] } {
  const input: Record<string, unknown> = {};
  const address: Record<string, string> = {};
  const errors: ImportRowError[] = [];
  const fields = importFields[resource];
  columns.forEach((column, index) => {
    const definition = fields.find((field) => field.field === column.field);
    const text = unguarded(values[index]?.trim() ?? '');
    if (!definition || text === '') return;
    const value = readValue(definition, text, lookups, decimalMark);
    if ('problem' in value) {
      errors.push({ row: line, field: definition.field, message: value.problem });
      return;
    }
    if (resource === 'accounts' && ADDRESS_LINES.has(definition.field))
      address[definition.field] = value.value as string;
    else input[targetOf(definition)] = value.value;
  });
  if (Object.keys(address).length > 0) input.address = address;
  return { input, errors };
}

/**
 * A cell as typed: Meridian's CSV export keeps a text that a spreadsheet would run as a formula (=, +,
 * -, @ first: a phone number "+1 312…") as text with a leading apostrophe, and a file that comes back
 * without a spreadsheet dropping it must not store the apostrophe.
 */
function unguarded(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const ADDRESS_LINES = new Set(['street', 'city', 'state', 'postalCode', 'country']);

/** The API field a column's value goes to: a looked-up reference is its id. */
function targetOf(field: ImportField): string {
  switch (field.lookup) {
    case 'territory':
      return 'territoryId';
    case 'user':
      return 'ownerId';
    case 'account':
      return 'accountId';
    default:
      return field.field;
  }
}

function readValue(
  field: ImportField,
  text: string,
  lookups: Lookups,
  decimalMark: CsvFile['decimalMark'],
): { value: unknown } | { problem: string } {
  switch (field.lookup) {
    case 'territory': {
      const id = lookups.territory(text);
      return id ? { value: id } : { problem: `no territory named “${text}”` };
    }
    case 'user': {
      const id = lookups.user(text);
      return id ? { value: id } : { problem: `no active user with the e-mail ${text}` };
    }
    case 'account': {
      const found = lookups.account(text);
      return 'id' in found ? { value: found.id } : found;
    }
  }
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const number = readNumber(text, decimalMark);
      if (number === null || (field.kind === 'integer' && !Number.isInteger(number))) {
        return { problem: `“${text}” is not ${field.kind === 'integer' ? 'a whole number' : 'a number'}` };
      }
      return { value: number };
    }
    case 'choice':
      return { value: text.toLowerCase().replace(/[\s-]+/g, '_') };
    default:
      return { value: text };
  }
}

/**
 * A number as people write it in a spreadsheet: "1,234,567.50", "1.234.567,50", "$ 12 000", "€1.5". With
 * both marks the last is the decimal one; a lone mark that is not the file's decimal mark, followed by
 * exactly three digits, groups thousands ("1,500" is 1500 in a comma file, "1.500" in a semicolon one).
 */
export function readNumber(text: string, decimalMark: CsvFile['decimalMark'] = '.'): number | null {
  const cleaned = text.replace(/[\s\u00a0'’]/g, '').replace(/^[^\d.,-]+|[^\d.,]+$/g, '');
  if (!/^-?[\d.,]+$/.test(cleaned)) return null;
  const lastComma = cleaned.lastIndexOf(',');
  const lastDot = cleaned.lastIndexOf('.');
  let normalised: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    normalised = cleaned.split(grouping).join('').replace(decimal, '.');
  } else {
    const mark = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
    const groups = mark ? cleaned.split(mark) : [cleaned];
    const thousands = groups.length > 2 || (groups.length === 2 && groups[1]?.length === 3 && mark !== decimalMark);
    normalised = mark === null ? cleaned : thousands ? groups.join('') : groups.join('.');
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}
