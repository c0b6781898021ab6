import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../helpers/app.js';

let t: TestApp;
let rep: TestUser;
let otherRep: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  const north = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Export North' } })
  ).json();
  const south = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Export South' } })
  ).json();
  rep = await t.createUser({ territoryIds: [north.id] });
  otherRep = await t.createUser({ territoryIds: [south.id] });
  // 230 of the rep's dealers: more than one page of the list (200).
  for (let index = 0; index < 230; index += 1) {
    await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rep,
      payload: { name: `Export Dealer ${String(index).padStart(3, '0')}`, type: 'dealer', territoryId: north.id },
    });
  }
  await t.request({
    method: 'POST',
    url: '/api/v1/accounts',
    as: rep,
    payload: {
      name: '=HYPERLINK("http://evil.example","click"), "quoted" & co',
      type: 'customer',
      territoryId: north.id,
      phone: '+31 20 123 4567',
      address: { street: 'Line one\nLine two', city: 'Amsterdam', country: 'NL' },
      location: { lat: 52.37, lng: 4.89 },
    },
  });
  await t.request({
    method: 'POST',
    url: '/api/v1/accounts',
    as: otherRep,
    payload: { name: 'Export Southern Secret', type: 'dealer', territoryId: south.id },
  });
});
afterAll(async () => {
  await t.close();
});

const exportAs = (as: TestUser, query: string) =>
  t.request({ method: 'GET', url: `/api/v1/accounts/export?${query}`, as });

function rowsOf(body: string): Record<string, string>[] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return parse(body, { bom: true, columns: true }) as Record<string, string>[];
}

describe('exporting a list as CSV', () => {
  it('holds every page of what the list would answer, with its filters and sort', async () => {
    const response = await exportAs(rep, 'type=dealer&sort=-name');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="meridian-accounts-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = rowsOf(response.body);
    expect(rows).toHaveLength(230);
    expect(rows[0]?.name).toBe('Export Dealer 229');
    expect(rows.at(-1)?.name).toBe('Export Dealer 000');
    expect(Object.keys(rows[0] ?? {})).toEqual(
      expect.arrayContaining(['id', 'name', 'type', 'address.city', 'address.country', 'location.lat', 'version']),
    );
  });

  it('holds only what the caller may see', async () => {
    const mine = rowsOf((await exportAs(rep, 'q=Export')).body).map((row) => row.name);
    expect(mine).not.toContain('Export Southern Secret');
    const theirs = rowsOf((await exportAs(otherRep, '')).body).map((row) => row.name);
    expect(theirs).toEqual(['Export Southern Secret']);
    const everyone = rowsOf((await exportAs(t.admin, '')).body);
    expect(everyone).toHaveLength(232);
  });

  it('quotes what needs quoting and keeps a formula as text', async () => {
    const [row] = rowsOf((await exportAs(rep, 'type=customer')).body);
    expect(row).toMatchObject({
      name: `'=HYPERLINK("http://evil.example","click"), "quoted" & co`,
      phone: "'+31 20 123 4567",
      'address.street': 'Line one\nLine two',
      'address.city': 'Amsterdam',
      'location.lat': '52.37',
    });
  });

  it('refuses a bad filter as the list does, before sending anything', async () => {
    for (const query of ['type=spaceship', 'limit=10', 'cursor=abc']) {
      const response = await exportAs(rep, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
  });
});
