import { type AnyColumn, and, asc, desc, getTableName, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors.js';

type CursorValue = string | number | boolean | null;

/** A sortable field: the SQL it orders by and how to read that value from a fetched row. */
export type SortField<Row> = {
  expression: SQLWrapper;
  /** The SQL type to cast the cursor value to when comparing (text compares as text, etc). */
  type: 'text' | 'numeric' | 'timestamptz' | 'date' | 'boolean';
  value: (row: Row) => CursorValue | Date;
};

export type SortFields<Row> = Record<string, SortField<Row>>;

type DecodedCursor = { list: string; sort: string; value: CursorValue; id: string };

/**
 * Keyset pagination: rows are ordered by (sort field, id) and a page continues strictly after the
 * last row of the previous one, so rows inserted between pages never cause a duplicate or a gap,
 * and deep pages cost the same as the first. The cursor is opaque to clients (base64url JSON).
 */
export function keysetPage<Row extends { id: string }>(options: {
  fields: SortFields<Row>;
  sort: string | undefined;
  defaultSort: string;
  cursor: string | undefined;
  idColumn: AnyColumn;
}) {
  const sortKey = options.sort ?? options.defaultSort;
  // The table the list reads: a cursor of another list would continue this one from a foreign row.
  const list = getTableName(options.idColumn.table);
  const descending = sortKey.startsWith('-');
  const fieldName = descending ? sortKey.slice(1) : sortKey;
  const field = options.fields[fieldName];
  if (!field) throw new AppError('validation_failed', `cannot sort by ${fieldName}`);

  const orderBy: SQL[] = descending
    ? [desc(field.expression), desc(options.idColumn)]
    : [asc(field.expression), asc(options.idColumn)];

  let after: SQL | undefined;
  if (options.cursor) {
    const decoded = decodeCursor(options.cursor);
    if (decoded.list !== list) throw invalidCursor();
    if (decoded.sort !== sortKey) {
      throw new AppError('invalid_request', 'the cursor belongs to another sort order; start again without it');
    }
    // The value goes to PostgreSQL as a parameter of the field's type: one that cannot be of it (a NUL
    // in text, a number for a timestamp) would fail in the driver or the database, not as a bad cursor.
    if (!fitsSortType(decoded.value, field.type)) throw invalidCursor();
    const value = sql`cast(${decoded.value} as ${sql.raw(field.type)})`;
    after = descending
      ? sql`(${field.expression}, ${options.idColumn}) < (${value}, ${decoded.id}::uuid)`
      : sql`(${field.expression}, ${options.idColumn}) > (${value}, ${decoded.id}::uuid)`;
  }

  return {
    orderBy,
    after,
    /** Given the rows fetched with `limit + 1`, the page to answer and the cursor of the next one. */
    paginate(rows: Row[], limit: number): { rows: Row[]; nextCursor: string | null } {
      if (rows.length <= limit) return { rows, nextCursor: null };
      const pageRows = rows.slice(0, limit);
      const last = pageRows[pageRows.length - 1] as Row;
      const raw = field.value(last);
      const value = raw instanceof Date ? raw.toISOString() : raw;
      return { rows: pageRows, nextCursor: encodeCursor({ list, sort: sortKey, value, id: last.id }) };
    },
  };
}

export function encodeCursor(cursor: DecodedCursor): string {
  return Buffer.from(JSON.stringify([cursor.list, cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

/** Whether a cursor value can be what a field of this type answers (see `SortField.value`). */
function fitsSortType(value: CursorValue, type: SortField<never>['type']): boolean {
  switch (type) {
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'numeric':
      return typeof value === 'number'
        ? Number.isFinite(value)
        : typeof value === 'string' && /^-?\d{1,30}(\.\d{1,30})?$/.test(value);
    case 'timestamptz':
      // ±infinity: where a sort puts the records without a moment (tasks without a due date).
      return (
        typeof value === 'string' &&
        (value === 'infinity' ||
          value === '-infinity' ||
          (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
            !Number.isNaN(Date.parse(value))))
      );
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function invalidCursor(): AppError {
  return new AppError('invalid_request', 'the cursor is not valid; use nextCursor from a previous page', {
    errors: [{ path: 'cursor', message: 'not a cursor this API issued' }],
  });
}

export function decodeCursor(cursor: string): DecodedCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 4 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      ['string', 'number', 'boolean'].includes(typeof parsed[2]) &&
      typeof parsed[3] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(parsed[3])
    ) {
      return { list: parsed[0], sort: parsed[1], value: parsed[2], id: parsed[3] };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/** AND of the conditions that are present; undefined when there are none. */
export function allOf(...conditions: (SQL | undefined)[]): SQL | undefined {
  const present = conditions.filter((condition): condition is SQL => condition !== undefined);
  return present.length === 0 ? undefined : and(...present);
}
