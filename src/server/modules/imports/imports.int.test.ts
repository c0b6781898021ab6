import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { imports } from '../../db/schema/index.js';
import { runImport } from './imports.service.js';

let t: TestApp;
let rep: TestUser;
let otherRep: TestUser;
let north: { id: string; name: string };
let south: { id: string; name: string };

beforeAll(async () => {
  t = await buildTestApp();
  north = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Import North' } })
  ).json();
  south = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Import South' } })
  ).json();
  rep = await t.createUser({ territoryIds: [north.id], name: 'Ivy Importer' });
  otherRep = await t.createUser({ territoryIds: [south.id] });
});
afterAll(async () => {
  await t.close();
});

const send = (as: TestUser, payload: Record<string, unknown>, dryRun = false) =>
  t.request({ method: 'POST', url: `/api/v1/imports${dryRun ? '?dryRun=true' : ''}`, as, payload });

async function countOf(as: TestUser, resource: string, query = '') {
  return (await t.request({ method: 'GET', url: `/api/v1/${resource}?includeTotal=true&limit=1${query}`, as })).json()
    .total as number;
}

/** Runs the import job to the end, as the worker would. */
async function finish(id: string, as: TestUser) {
  await runImport(t.deps, id);
  return (await t.request({ method: 'GET', url: `/api/v1/imports/${id}`, as })).json();
}

/** A spreadsheet exported from Excel in Europe: semicolons, a byte order mark, decimal commas. */
const accountsCsv = [
  '\uFEFFCompany Name;Type;E-mail;Annual Revenue;Employees;Street;City;Country;Territory;Account Manager',
  `Harbour Tractors;Dealer;info@harbour.example;1.234.567,50;45;1 Quay St;Rotterdam;NL;Import North;${'REP'}`,
  'Polder Machines;Distributor;sales@polder;€ 980.000;120;;Delft;NL;Atlantis;',
  '"Dijk & Zonen, B.V.";customer;;;;;"Utrecht";NL;import north;',
].join('\r\n');

describe('importing accounts', () => {
  it('previews a file without writing: the mapping, the rows that would fail and why', async () => {
    const csv = accountsCsv.replace('REP', rep.email);
    const before = await countOf(rep, 'accounts');
    const response = await send(rep, { resource: 'accounts', csv }, true);
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({ resource: 'accounts', rows: 3, validRows: 2, missingFields: [] });
    expect(preview.columns.map((column: { field: string | null }) => column.field)).toEqual([
      'name',
      'type',
      'email',
      'annualRevenue',
      'employees',
      'street',
      'city',
      'country',
      'territoryName',
      'ownerEmail',
    ]);
    expect(preview.columns[0].samples).toEqual(['Harbour Tractors', 'Polder Machines', 'Dijk & Zonen, B.V.']);
    // Line 3 (the second record): a bad e-mail and a territory that does not exist.
    expect(preview.errors).toEqual([
      { row: 3, field: 'territoryName', message: 'no territory named “Atlantis”' },
      { row: 3, field: 'email', message: expect.stringMatching(/e-?mail/i) },
    ]);
    expect(preview.records[0]).toMatchObject({
      name: 'Harbour Tractors',
      type: 'dealer',
      annualRevenue: 1_234_567.5,
      employees: 45,
      territoryId: north.id,
      ownerId: rep.id,
      address: { street: '1 Quay St', city: 'Rotterdam', country: 'NL' },
    });
    expect(await countOf(rep, 'accounts')).toBe(before);
  });

  it('creates the rows in the background as the sender, and says which failed and why', async () => {
    const csv = accountsCsv.replace('REP', rep.email);
    const started = await send(rep, { resource: 'accounts', csv });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.headers.location).toBe(`/api/v1/imports/${started.json().id}`);
    expect(started.json()).toMatchObject({ status: 'queued', fileRows: 3, processedRows: 0, createdById: rep.id });

    const done = await finish(started.json().id, rep);
    expect(done).toMatchObject({ status: 'completed', processedRows: 3, createdRows: 2, failedRows: 1 });
    expect(done.errors.map((error: { row: number; field: string }) => [error.row, error.field])).toEqual([
      [3, 'territoryName'],
      [3, 'email'],
    ]);
    expect(done.finishedAt).not.toBeNull();

    const harbour = (await t.request({ method: 'GET', url: '/api/v1/accounts?q=Harbour%20Tractors', as: rep })).json()
      .data[0];
    expect(harbour).toMatchObject({
      type: 'dealer',
      annualRevenue: 1_234_567.5,
      territoryId: north.id,
      ownerId: rep.id,
    });
    const dijk = (await t.request({ method: 'GET', url: '/api/v1/accounts?q=Dijk', as: rep })).json().data[0];
    // No owner column value: the sender owns it, as a create by hand.
    expect(dijk).toMatchObject({ name: 'Dijk & Zonen, B.V.', ownerId: rep.id, address: { city: 'Utrecht' } });
    // Audited as the sender's change.
    const trail = (
      await t.request({ method: 'GET', url: `/api/v1/audit?entity=accounts&entityId=${harbour.id}`, as: t.admin })
    ).json();
    expect(trail.data[0]).toMatchObject({ action: 'create', actorId: rep.id });
  });

  it('creates nothing twice when the job runs again after dying mid-way', async () => {
    const csv = 'Name,City\nRerun Implements,Leiden\nRerun Spares,Gouda\n';
    const started = (await send(rep, { resource: 'accounts', csv })).json();
    await finish(started.id, rep);
    const before = await countOf(rep, 'accounts', '&q=Rerun');
    // As if the worker died after creating the rows but before saving its progress.
    await t.deps.database.db
      .update(imports)
      .set({ status: 'running', processedRows: 0, createdRows: 0, finishedAt: null })
      .where(eq(imports.id, started.id));
    const again = await finish(started.id, rep);
    expect(again).toMatchObject({ status: 'completed', createdRows: 2, failedRows: 0 });
    expect(await countOf(rep, 'accounts', '&q=Rerun')).toBe(before);
  });

  it('leaves out columns it has no field for, whatever their heading', async () => {
    const csv = 'Name,constructor,toString,__proto__,Favourite colour\nOdd Headings Ltd,a,b,c,green\n';
    const preview = (await send(rep, { resource: 'accounts', csv, mapping: { toString: null } }, true)).json();
    expect(preview.columns.map((column: { field: string | null }) => column.field)).toEqual([
      'name',
      null,
      null,
      null,
      null,
    ]);
    expect(preview.validRows).toBe(1);
  });

  it('refuses a file it cannot import, and starts nothing', async () => {
    const before = (await t.request({ method: 'GET', url: '/api/v1/imports?includeTotal=true', as: rep })).json().total;
    for (const [payload, field] of [
      [{ resource: 'accounts', csv: 'City,Country\nLeiden,NL\n' }, 'mapping'],
      [{ resource: 'accounts', csv: 'Name\n' }, 'csv'],
      [{ resource: 'accounts', csv: 'Name,"City\nBroken,"Leiden\n' }, 'csv'],
      [{ resource: 'accounts', csv: 'Name\nA\n', mapping: { Name: 'nickname' } }, 'mapping.Name'],
      [{ resource: 'deals', csv: 'Name\nA\n' }, 'resource'],
    ] as const) {
      const response = await send(rep, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(response.json().errors), JSON.stringify(payload)).toContain(field);
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/imports?includeTotal=true', as: rep })).json().total).toBe(
      before,
    );
  });
});

describe('importing contacts and leads', () => {
  it('links contacts to the accounts they name that the sender can see, and keeps e-mails unique', async () => {
    const mine = (
      await t.request({
        method: 'POST',
        url: '/api/v1/accounts',
        as: rep,
        payload: { name: 'Contact Base Ltd', territoryId: north.id },
      })
    ).json();
    await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: otherRep,
      payload: { name: 'Hidden Southern Co', territoryId: south.id },
    });
    await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: rep,
      payload: { accountId: mine.id, firstName: 'Existing', lastName: 'Person', email: 'taken@base.example' },
    });
    const csv = [
      'First Name,Last Name,Company,Job Title,Role,Email,Mobile',
      'Anna,Berg,contact base ltd,Buyer,Decision maker,anna@base.example,+31 6 1234 5678',
      'Hugo,Hidden,Hidden Southern Co,,,hugo@south.example,',
      'Tess,Twice,Contact Base Ltd,,,TAKEN@base.example,',
    ].join('\n');
    const done = await finish((await send(rep, { resource: 'contacts', csv })).json().id, rep);
    expect(done).toMatchObject({ createdRows: 1, failedRows: 2 });
    expect(done.errors).toEqual([
      {
        row: 3,
        field: 'accountName',
        message: 'no account named “Hidden Southern Co” that you can see: import the accounts first',
      },
      expect.objectContaining({ row: 4, field: 'email', message: expect.stringMatching(/existing [0-9a-f-]{36}/) }),
    ]);
    const anna = (
      await t.request({ method: 'GET', url: `/api/v1/contacts?accountId=${mine.id}&q=anna`, as: rep })
    ).json().data[0];
    expect(anna).toMatchObject({
      firstName: 'Anna',
      role: 'decision_maker',
      title: 'Buyer',
      email: 'anna@base.example',
    });

    // With duplicates allowed, the same file adds the one whose e-mail was taken.
    const twice = await finish(
      (
        await send(rep, {
          resource: 'contacts',
          csv: csv
            .split('\n')
            .slice(0, 1)
            .concat(csv.split('\n')[3] as string)
            .join('\n'),
          allowDuplicates: true,
        })
      ).json().id,
      rep,
    );
    expect(twice).toMatchObject({ createdRows: 1, failedRows: 0 });
  });

  it('imports leads with their source and owner, and keeps each import to its sender', async () => {
    const csv = [
      'First name,Last name,Company,Email,Lead Source,Budget,Owner',
      `Lena,Lead,Lead Farms,lena@leadfarms.example,Trade show,"$12,500",${rep.email}`,
      'Otto,Oops,Oops BV,otto@oops.example,carrier pigeon,,',
    ].join('\n');
    const started = (await send(rep, { resource: 'leads', csv })).json();
    const done = await finish(started.id, rep);
    expect(done).toMatchObject({ createdRows: 1, failedRows: 1 });
    expect(done.errors[0]).toMatchObject({ row: 3, field: 'source' });
    const lena = (await t.request({ method: 'GET', url: '/api/v1/leads?q=lena', as: rep })).json().data[0];
    expect(lena).toMatchObject({ source: 'trade_show', budgetAmount: 12_500, ownerId: rep.id, company: 'Lead Farms' });

    expect((await t.request({ method: 'GET', url: `/api/v1/imports/${started.id}`, as: otherRep })).statusCode).toBe(
      404,
    );
    expect((await t.request({ method: 'GET', url: `/api/v1/imports/${started.id}`, as: t.admin })).statusCode).toBe(
      200,
    );
    const mine = (await t.request({ method: 'GET', url: '/api/v1/imports', as: otherRep })).json().data;
    expect(mine).toEqual([]);
  });
});
