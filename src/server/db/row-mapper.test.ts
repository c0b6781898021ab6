import * as drizzle from 'drizzle-orm';
import { getTableColumns, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mapRows } from './row-mapper.js';
import { accounts, contacts, opportunities } from './schema/index.js';

type SelectedField = { path: string[]; field: unknown };
type Row = Record<string, unknown>;

// Drizzle's own pieces: exported at run time, internal in its typings.
const internals = drizzle as unknown as {
  orderSelectedFields(fields: Record<string, unknown>): SelectedField[];
  mapResultRow(fields: SelectedField[], row: unknown[], joinsNotNullableMap?: Record<string, boolean>): Row;
};

/** Both mappers on the same rows: the results must be equal, value for value. */
function expectSameRows(
  selection: Record<string, unknown>,
  rows: unknown[][],
  joinsNotNullableMap?: Record<string, boolean>,
) {
  const fields = internals.orderSelectedFields(selection);
  const drizzleRows = rows.map((row) => internals.mapResultRow(fields, row, joinsNotNullableMap));
  const fastRows = mapRows(fields, rows, joinsNotNullableMap);
  expect(fastRows).toEqual(drizzleRows);
  return fastRows;
}

/** A raw row for the columns, as node-postgres hands it over for Drizzle (timestamps as text). */
function rawRow(columns: Record<string, unknown>, values: Record<string, unknown>): unknown[] {
  return Object.keys(columns).map((key) => (key in values ? values[key] : `${key} value`));
}

describe('the fast row mapper', () => {
  it('maps whole-table selections as Drizzle does: text, numbers, timestamps, dates, arrays and nulls', () => {
    const { search: _search, familyId: _familyId, ...accountColumns } = getTableColumns(accounts);
    const account = rawRow(accountColumns, {
      annualRevenue: 1_250_000.5,
      employees: 40,
      latitude: 41.88,
      longitude: -87.63,
      createdAt: '2026-11-24 10:15:00.123+00',
      updatedAt: '2026-11-25 08:00:00+00',
      deletedAt: null,
      version: 3,
      parentId: null,
    });
    const [mapped] = expectSameRows(accountColumns, [account, account.map(() => null)]);
    expect(mapped?.createdAt).toEqual(new Date('2026-11-24T10:15:00.123Z'));

    const dealColumns = getTableColumns(opportunities);
    expectSameRows(dealColumns, [
      rawRow(dealColumns, {
        amount: 5000,
        closeDate: '2027-01-31',
        productInterest: ['mowers', 'parts'],
        closedAt: null,
        createdAt: '2026-11-24 10:15:00+00',
        updatedAt: '2026-11-24 10:15:00+00',
      }),
    ]);
  });

  it('maps expressions with their decoders: mapWith, typed sql, aliases and a scalar subquery', () => {
    const total = sql`count(*)`.mapWith(Number);
    const selection = {
      id: accounts.id,
      total,
      newest: sql<Date>`max(${accounts.createdAt})`.mapWith(accounts.createdAt),
      label: sql<string>`upper(${accounts.name})`.as('label'),
      contactCount: sql`(select count(*) from ${contacts})`.mapWith(Number).as('contact_count'),
    };
    const rows = expectSameRows(selection, [
      ['0193c6c2-29f0-7fdc-b0bd-2554ddcb327f', '12', '2026-11-24 10:15:00+00', 'ACME', '3'],
      ['0193c6c2-29f0-7fdc-b0bd-2554ddcb3280', '0', null, null, '0'],
    ]);
    expect(rows[0]).toMatchObject({ total: 12, contactCount: 3, label: 'ACME' });
  });

  it('leaves nested selections to Drizzle, which nulls the object of a joined table that matched nothing', () => {
    const selection = { account: { id: accounts.id, name: accounts.name }, contact: { id: contacts.id } };
    const rows = expectSameRows(
      selection,
      [
        ['a1', 'Acme', 'c1'],
        ['a2', 'Bolt', null],
      ],
      { accounts: true, contacts: false },
    );
    expect(rows[1]).toEqual({ account: { id: 'a2', name: 'Bolt' }, contact: null });
  });
});
