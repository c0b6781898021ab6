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

describe('updating records from a file', () => {
  const account = async (as: TestUser, payload: Record<string, unknown>) => {
    const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; version: number };
  };

  it('takes back an export edited in a spreadsheet: each row changes the record its ID names', async () => {
    const mill = await account(rep, { name: 'Round Trip Mill', phone: '+1 312 555 0101', territoryId: north.id });
    const yard = await account(rep, { name: 'Round Trip Yard', industry: 'Agriculture' });
    const exported = await t.request({
      method: 'GET',
      url: '/api/v1/accounts/export?q=round%20trip&sort=name',
      as: rep,
    });
    expect(exported.statusCode).toBe(200);
    const [heading, ...rows] = exported.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows).toHaveLength(2);
    // The export's own headings: id, name, …, territoryId, ownerId, address.city.
    const headings = (heading as string).split(',');
    const edit = (row: string, field: string, value: string) => {
      const cells = row.split(',');
      cells[headings.indexOf(field)] = value;
      return cells.join(',');
    };
    const csv = [
      heading,
      edit(edit(rows[0] as string, 'industry', 'Milling'), 'territoryId', south.id),
      edit(rows[1] as string, 'address.city', 'Peoria'),
    ].join('\n');

    const preview = (await send(rep, { resource: 'accounts', mode: 'update', csv }, true)).json();
    expect(preview).toMatchObject({ rows: 2, validRows: 2, updateRows: 2, missingFields: [] });
    expect(preview.records[0]).toMatchObject({ id: mill.id, industry: 'Milling', territoryId: south.id });
    const started = (await send(rep, { resource: 'accounts', mode: 'update', csv })).json();
    expect(started.mode).toBe('update');
    const done = await finish(started.id, rep);
    expect(done).toMatchObject({ status: 'completed', createdRows: 0, updatedRows: 2, failedRows: 0 });

    const millNow = (await t.request({ method: 'GET', url: `/api/v1/accounts/${mill.id}`, as: t.admin })).json();
    // The phone the export guarded against formulas ('+1 …) comes back as it was.
    expect(millNow).toMatchObject({ industry: 'Milling', territoryId: south.id, phone: '+1 312 555 0101' });
    expect(millNow.version).toBe(mill.version + 1);
    const yardNow = (await t.request({ method: 'GET', url: `/api/v1/accounts/${yard.id}`, as: rep })).json();
    expect(yardNow).toMatchObject({ industry: 'Agriculture', address: { city: 'Peoria' } });
  });

  it('changes only the cells a row fills, and says which rows name no record the sender may change', async () => {
    const shed = await account(rep, { name: 'Partial Shed', industry: 'Forestry', phone: '+1 312 555 0199' });
    const theirs = await account(otherRep, { name: 'Not Yours Ltd' });
    const csv = [
      'Meridian ID,Name,Industry,Phone',
      `${shed.id},,Sawmills,`,
      `${theirs.id},,Hijacked,`,
      ',New Without Id,,',
      'not-an-id,,,',
    ].join('\n');
    const done = await finish((await send(rep, { resource: 'accounts', mode: 'update', csv })).json().id, rep);
    expect(done).toMatchObject({ updatedRows: 1, createdRows: 0, failedRows: 3 });
    expect(done.errors.map((error: { row: number; field: string }) => [error.row, error.field])).toEqual([
      [3, 'id'],
      [4, 'id'],
      [5, 'id'],
    ]);
    const shedNow = (await t.request({ method: 'GET', url: `/api/v1/accounts/${shed.id}`, as: rep })).json();
    expect(shedNow).toMatchObject({ name: 'Partial Shed', industry: 'Sawmills', phone: '+1 312 555 0199' });
    const theirsNow = (await t.request({ method: 'GET', url: `/api/v1/accounts/${theirs.id}`, as: otherRep })).json();
    expect(theirsNow.industry).toBeNull();
  });

  it('upserts: rows with an ID update, the others are created; a plain import refuses rows with one', async () => {
    const barn = await account(rep, { name: 'Upsert Barn' });
    const csv = ['id,Name,Industry', `${barn.id},Upsert Barn,Dairy`, ',Upsert Newcomer,Dairy'].join('\n');
    const done = await finish((await send(rep, { resource: 'accounts', mode: 'upsert', csv })).json().id, rep);
    expect(done).toMatchObject({ updatedRows: 1, createdRows: 1, failedRows: 0 });
    expect(await countOf(rep, 'accounts', '&industry=Dairy')).toBe(2);

    const plain = (await send(rep, { resource: 'accounts', csv }, true)).json();
    expect(plain).toMatchObject({ validRows: 1, updateRows: 0 });
    expect(plain.errors[0]).toMatchObject({ row: 2, field: 'id' });
    // An update needs the ID column; it needs no other.
    const noIds = await send(rep, { resource: 'accounts', mode: 'update', csv: 'Name,Industry\nX,Y' });
    expect(noIds.statusCode).toBe(400);
  });
});
