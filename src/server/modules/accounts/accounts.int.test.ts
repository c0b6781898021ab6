import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { queryRows } from '../../db/client.js';
import { accounts } from '../../db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function createAccount(payload: Record<string, unknown>) {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const get = (url: string) => t.request({ method: 'GET', url, as: t.admin });

describe('accounts', () => {
  it('stores every field of the contract and answers it back', async () => {
    const territory = (
      await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Field Test' } })
    ).json();
    const account = await createAccount({
      name: 'Nordic Tractors AB',
      type: 'dealer',
      territoryId: territory.id,
      industry: 'Agriculture',
      website: 'https://www.nordictractors.se',
      email: 'info@nordictractors.se',
      phone: '+46 8 123 456',
      annualRevenue: 12_500_000.5,
      employees: 85,
      address: { street: 'Storgatan 1', city: 'Uppsala', postalCode: '753 20', country: 'SE' },
      location: { lat: 59.8586, lng: 17.6389 },
      description: 'Largest dealer in the region.',
    });
    expect(account).toMatchObject({
      type: 'dealer',
      ownerId: t.admin.id,
      annualRevenue: 12_500_000.5,
      address: { street: 'Storgatan 1', city: 'Uppsala', state: null, postalCode: '753 20', country: 'SE' },
      location: { lat: 59.8586, lng: 17.6389 },
      parentId: null,
      version: 1,
    });
    expect((await get(`/api/v1/accounts/${account.id}`)).json()).toEqual(account);

    // null clears the address as it clears any optional field; the shape stays, every line null.
    const cleared = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      as: t.admin,
      payload: { address: null, location: null },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({
      address: { street: null, city: null, state: null, postalCode: null, country: null },
      location: null,
      version: 2,
    });
  });

  it('deletes what hangs off an account with it, and brings back with it only what it took', async () => {
    const account = await createAccount({ name: 'Gone Trading' });
    const create = async (resource: string, payload: Record<string, unknown>) => {
      const response = await t.request({ method: 'POST', url: `/api/v1/${resource}`, as: t.admin, payload });
      expect(response.statusCode, response.body).toBe(201);
      return `/api/v1/${resource}/${response.json().id}`;
    };
    const accountId = account.id;
    const records = [
      await create('contacts', { accountId, firstName: 'Pat', lastName: 'Stays' }),
      await create('opportunities', { accountId, name: 'Gone deal', amount: 1000, closeDate: '2027-01-15' }),
      await create('activities', { accountId, type: 'call', subject: 'Last call' }),
      await create('tasks', { accountId, title: 'Send the final invoice' }),
      await create('communications', { accountId, channel: 'call', direction: 'outbound', subject: 'Closing' }),
      await create('notes', { accountId, body: 'Closed their doors' }),
    ];
    const leftEarlier = await create('contacts', { accountId, firstName: 'Pat', lastName: 'Left' });
    await t.request({ method: 'DELETE', url: leftEarlier, as: t.admin });
    // A lead's score counts its recent activities: one that goes with the account no longer counts.
    const lead = await create('leads', {
      firstName: 'Lee',
      lastName: 'Gone',
      company: 'Gone Trading',
      source: 'referral',
    });
    const scoreOf = async () => (await get(lead)).json().score;
    const unworked = await scoreOf();
    await create('activities', { accountId, leadId: lead.split('/').pop(), type: 'call', subject: 'Intro' });
    const worked = await scoreOf();
    expect(worked).toBeGreaterThan(unworked);

    const deleted = await t.request({ method: 'DELETE', url: `/api/v1/accounts/${accountId}`, as: t.admin });
    expect(deleted.statusCode).toBe(204);
    for (const url of records) {
      expect((await get(url)).statusCode, url).toBe(404);
      expect((await get(`${url.replace(/\/[^/]+$/, '')}?accountId=${accountId}`)).json().data, url).toEqual([]);
    }
    expect(await scoreOf()).toBe(unworked);
    const trail = (await get('/api/v1/audit?action=delete&limit=200')).json().data;
    for (const url of records) {
      expect(
        trail.some((row: { entityId: string }) => url.endsWith(row.entityId)),
        url,
      ).toBe(true);
    }

    // A contact deleted on its own cannot come back to a deleted account: the account comes first.
    const tooEarly = await t.request({ method: 'POST', url: `${leftEarlier}/restore`, as: t.admin });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().errors).toEqual([{ path: 'accountId', message: 'is deleted' }]);

    const restored = await t.request({ method: 'POST', url: `/api/v1/accounts/${accountId}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    for (const url of records) {
      const record = await get(url);
      expect(record.statusCode, url).toBe(200);
      expect(record.json().version, url).toBe(3);
    }
    expect((await get(leftEarlier)).statusCode).toBe(404);
    expect(await scoreOf()).toBe(worked);
    expect((await t.request({ method: 'POST', url: `${leftEarlier}/restore`, as: t.admin })).statusCode).toBe(200);
  });

  it('moves the children of a deleted account up to its parent, and back under it when it is restored', async () => {
    const top = await createAccount({ name: 'Roll Top Distribution', annualRevenue: 100 });
    const middle = await createAccount({ name: 'Roll Middle Branch', parentId: top.id, annualRevenue: 10 });
    const leaf = await createAccount({ name: 'Roll Leaf Dealer', parentId: middle.id, annualRevenue: 1 });
    const movedOn = await createAccount({ name: 'Roll Moved Dealer', parentId: middle.id });
    const elsewhere = await createAccount({ name: 'Roll Elsewhere Distribution' });
    const deleted = await t.request({ method: 'DELETE', url: `/api/v1/accounts/${middle.id}`, as: t.admin });
    expect(deleted.statusCode).toBe(204);

    expect((await get(`/api/v1/accounts/${leaf.id}`)).json()).toMatchObject({ parentId: top.id, version: 2 });
    const tree = (await get(`/api/v1/accounts/${top.id}/hierarchy`)).json();
    expect(tree.nodes.map((node: { id: string }) => node.id)).toEqual([top.id, leaf.id, movedOn.id]);
    expect(tree.nodes[0]).toMatchObject({ descendantCount: 2, subtreeAnnualRevenue: 101 });
    const audit = (await get(`/api/v1/audit?entity=accounts&entityId=${leaf.id}&action=update`)).json().data;
    expect(audit).toHaveLength(1);

    // Moved elsewhere while its parent was deleted: it stays where it was put.
    await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${movedOn.id}`,
      as: t.admin,
      payload: { parentId: elsewhere.id },
    });
    const restored = await t.request({ method: 'POST', url: `/api/v1/accounts/${middle.id}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    expect((await get(`/api/v1/accounts/${leaf.id}`)).json()).toMatchObject({ parentId: middle.id, version: 3 });
    expect((await get(`/api/v1/accounts/${movedOn.id}`)).json().parentId).toBe(elsewhere.id);
    const back = (await get(`/api/v1/accounts/${top.id}/hierarchy`)).json();
    expect(back.nodes.map((node: { id: string }) => node.id)).toEqual([top.id, middle.id, leaf.id]);
    expect(await misplacedAccounts()).toEqual([]);
  });

  it('keeps the version when an edit changes nothing', async () => {
    const account = await createAccount({ name: 'Steady State Supply', industry: 'Hydraulics' });
    const patch = (payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/accounts/${account.id}`, as: t.admin, payload });
    for (const payload of [{}, { name: 'Steady State Supply' }, { industry: 'Hydraulics', address: account.address }]) {
      const same = await patch(payload);
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json(), JSON.stringify(payload)).toEqual(account);
      expect(same.headers.etag).toBe('"1"');
    }
    expect((await patch({ industry: 'Pneumatics' })).json()).toMatchObject({ industry: 'Pneumatics', version: 2 });
    const audit = (await get(`/api/v1/audit?entity=accounts&entityId=${account.id}`)).json().data;
    expect(audit.map((row: { action: string }) => row.action).sort()).toEqual(['create', 'update']);
  });

  it('reads a date-only createdAtTo as the whole of that day', async () => {
    const account = await createAccount({ name: 'Same Day Supply', website: 'samedaysupply.example' });
    const today = account.createdAt.slice(0, 10);
    const ids = async (query: string) =>
      (await get(`/api/v1/accounts?${query}&limit=100`)).json().data.map((row: { id: string }) => row.id);
    expect(await ids(`createdAtFrom=${today}&createdAtTo=${today}`)).toContain(account.id);
    expect(await ids(`createdAtTo=${today}`)).toContain(account.id);
    expect(await ids(`ownerId=me&createdAtFrom=${today}`)).toContain(account.id);
    expect(await ids(`ownerId=01890000-0000-7000-8000-000000000000&createdAtFrom=${today}`)).toEqual([]);
    const dayBefore = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    expect(await ids(`createdAtTo=${dayBefore}`)).not.toContain(account.id);
  });

  it('rejects bad input with problem+json and changes nothing', async () => {
    const before = (await get('/api/v1/accounts?includeTotal=true&limit=1')).json().total;
    const bad = [
      { name: '' },
      { name: 'X', type: 'wholesaler' },
      { name: 'X', annualRevenue: -5 },
      { name: 'X', location: { lat: 91, lng: 0 } },
      { name: 'X', email: 'nope' },
      { name: 'X', website: 'javascript:alert(1)' },
      { name: 'X', website: 'ftp://files.example.com' },
      { name: 'X', website: 'not a website' },
      { name: 'X', parentId: '01890000-0000-7000-8000-000000000000' },
      { name: 'X', territoryId: '01890000-0000-7000-8000-000000000000' },
      { name: 'X', ownerId: '01890000-0000-7000-8000-000000000000' },
      { name: 'X', address: { planet: 'Mars' } },
    ];
    for (const payload of bad) {
      const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as: t.admin, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/v1/accounts?includeTotal=true&limit=1')).json().total).toBe(before);
  });

  it('finds accounts by prefix words, website, e-mail, city and despite a typo', async () => {
    const acme = await createAccount({
      name: 'Acme Distribution',
      website: 'acme-dist.example',
      email: 'sales@acmedistribution.example',
      address: { city: 'Rotterdam' },
    });
    await createAccount({ name: 'Zenith Supplies' });
    const idsFor = async (q: string) =>
      (await get(`/api/v1/accounts?q=${encodeURIComponent(q)}`))
        .json()
        .data.map((account: { id: string }) => account.id);
    for (const q of ['acme dist', 'Acme Distrbution', 'acmedistribution', 'rotterdam', 'ACME']) {
      expect(await idsFor(q), q).toContain(acme.id);
    }
    expect(await idsFor('zenith')).not.toContain(acme.id);
    // Two neighbouring letters swapped in a short word, which trigrams forgive too little.
    const bayou = await createAccount({ name: 'Bayou City Power Equipment' });
    for (const q of ['byaou city', 'Bayuo', 'bayou ctiy power']) {
      expect(await idsFor(q), q).toContain(bayou.id);
      const hits = (await get(`/api/v1/search?q=${encodeURIComponent(q)}&types=account`)).json().data;
      expect(
        hits.map((hit: { id: string }) => hit.id),
        q,
      ).toContain(bayou.id);
    }
    expect(await idsFor('byaou zenith')).not.toContain(bayou.id);
    // Only punctuation: no word and no trigram to look for, so nothing matches (lists and global search).
    expect(await idsFor('!!! --')).toEqual([]);
    const global = await get(`/api/v1/search?q=${encodeURIComponent('!!! --')}`);
    expect(global.statusCode).toBe(200);
    expect(global.json().data).toEqual([]);
  });

  it('finds a name by the plural of its word, in lists and global search', async () => {
    const tractor = await createAccount({ name: 'Ridgeline Tractor Supply' });
    for (const q of ['ridgeline tractors', 'tractor supplies', 'Ridgelines']) {
      expect(
        (await get(`/api/v1/accounts?q=${encodeURIComponent(q)}`)).json().data.map((a: { id: string }) => a.id),
        q,
      ).toContain(tractor.id);
      expect(
        (await get(`/api/v1/search?q=${encodeURIComponent(q)}`)).json().data.map((hit: { id: string }) => hit.id),
        q,
      ).toContain(tractor.id);
    }
  });

  it('ranks the record whose own e-mail address was searched first', async () => {
    const account = await createAccount({
      name: 'Larkspur Outdoor Power',
      website: 'larkspur-outdoor.example',
      email: 'sales@larkspur-outdoor.example',
    });
    const contact = await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: t.admin,
      payload: {
        accountId: account.id,
        firstName: 'Nell',
        lastName: 'Ostrander',
        email: 'nell@larkspur-outdoor.example',
      },
    });
    expect(contact.statusCode).toBe(201);
    const hits = (await get('/api/v1/search?q=nell%40larkspur-outdoor.example')).json().data;
    expect(hits[0]).toMatchObject({ type: 'contact', id: contact.json().id });
    const company = (await get('/api/v1/search?q=sales%40larkspur-outdoor.example')).json().data;
    expect(company[0]).toMatchObject({ type: 'account', id: account.id });
  });

  it('looks for similar names in global search only when the words found almost nothing', async () => {
    const exact = [];
    for (const branch of ['North', 'South', 'East', 'West', 'Central']) {
      exact.push((await createAccount({ name: `Quillbrook Traders ${branch}` })).id);
    }
    const similar = await createAccount({ name: 'Quilbrook Traders' });
    const searched = async (q: string) =>
      (await get(`/api/v1/search?q=${encodeURIComponent(q)}&types=account`))
        .json()
        .data.map((hit: { id: string }) => hit.id);
    // Five accounts as typed: those, without loosely similar names.
    const asTyped = await searched('quillbrook');
    expect(asTyped.sort()).toEqual([...exact].sort());
    // One account as typed (or mistyped): similar names are looked for too, and all six are found.
    const withTypo = await searched('quilbrook');
    expect(withTypo).toContain(similar.id);
    expect(withTypo).toEqual(expect.arrayContaining(exact));
    // A type named twice is searched once: every hit comes back once.
    const twice = (await get('/api/v1/search?q=quillbrook&types=account,account')).json().data;
    expect(twice.map((hit: { id: string }) => hit.id).sort()).toEqual([...exact].sort());
  });

  it('ranks an account above the converted lead that named it, in global search', async () => {
    const account = await createAccount({ name: 'Quayside Power Equipment' });
    const leadId = await leadConvertedInto(account.id, { firstName: 'Abe', lastName: 'Able' });
    const hits = (await get('/api/v1/search?q=Quayside%20Power%20Equipment')).json().data;
    expect(hits[0]).toMatchObject({ type: 'account', id: account.id, subtitle: 'Customer' });
    expect(hits.map((hit: { id: string }) => hit.id)).toContain(leadId);
  });

  it('filters by type, owner, country, city, revenue range and sorts by revenue', async () => {
    const marker = `Filterco${Date.now()}`;
    await createAccount({
      name: `${marker} A`,
      type: 'supplier',
      annualRevenue: 100,
      address: { country: 'DE', city: 'Berlin' },
    });
    await createAccount({
      name: `${marker} B`,
      type: 'supplier',
      annualRevenue: 300,
      address: { country: 'DE', city: 'Hamburg' },
    });
    await createAccount({
      name: `${marker} C`,
      type: 'partner',
      annualRevenue: 200,
      address: { country: 'FR', city: 'Lyon' },
    });
    await createAccount({ name: `${marker} D`, type: 'partner', address: { country: 'FR', city: 'Lyon' } });
    const names = async (query: string) =>
      (await get(`/api/v1/accounts?q=${marker}&${query}`))
        .json()
        .data.map((account: { name: string }) => account.name.slice(-1));
    expect(await names('type=supplier&sort=name')).toEqual(['A', 'B']);
    expect(await names('country=de,fr&city=lyon&sort=name')).toEqual(['C', 'D']);
    expect(await names('annualRevenueMin=150&annualRevenueMax=300&sort=-annualRevenue')).toEqual(['B', 'C']);
    expect(await names('annualRevenueMin=1.5e2&annualRevenueMax=%2B300&sort=-annualRevenue')).toEqual(['B', 'C']);
    // A bound that is not a decimal number is refused, not read as 0 (blank) or 16 (hex).
    for (const bound of [
      'annualRevenueMin=',
      'annualRevenueMax=%20',
      'annualRevenueMin=0x10',
      'annualRevenueMax=1e400',
    ]) {
      const refused = await get(`/api/v1/accounts?${bound}`);
      expect(refused.statusCode, bound).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ path: bound.split('=')[0] })]);
    }
    expect(await names('sort=annualRevenue')).toEqual(['D', 'A', 'C', 'B']);
    expect(await names(`ownerId=${t.admin.id}&type=partner&sort=-name`)).toEqual(['D', 'C']);

    // Keyset paging by revenue, including the account without revenue, never repeats or skips.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { name: string }[]; nextCursor: string | null } = (
        await get(`/api/v1/accounts?q=${marker}&sort=-annualRevenue&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.data.map((account) => account.name.slice(-1)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['B', 'C', 'A', 'D']);
  });

  it('answers several accounts by id in one call, only those the caller may see', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const mine = await createAccount({ name: `Byid Mine ${Date.now()}`, type: 'dealer', ownerId: rep.id });
    const other = await createAccount({ name: `Byid Other ${Date.now()}`, type: 'dealer' });
    const ids = (response: { json(): { data: { id: string }[] } }) =>
      response
        .json()
        .data.map((account) => account.id)
        .sort();
    const url = `/api/v1/accounts?id=${mine.id},${other.id}`;
    expect(ids(await get(url))).toEqual([mine.id, other.id].sort());
    expect(ids(await t.request({ method: 'GET', url, as: rep }))).toEqual([mine.id]);
    const tooMany = Array.from({ length: 101 }, () => mine.id).join(',');
    expect((await get(`/api/v1/accounts?id=${tooMany}`)).statusCode).toBe(400);
  });
});

describe('hierarchy', () => {
  it('answers the whole family tree from the root with rollups, whichever member is asked', async () => {
    const root = await createAccount({ name: 'Tree Root Distribution', type: 'distributor', annualRevenue: 1000 });
    const north = await createAccount({
      name: 'Tree North',
      type: 'distributor',
      parentId: root.id,
      annualRevenue: 100,
    });
    const south = await createAccount({
      name: 'Tree South',
      type: 'distributor',
      parentId: root.id,
      annualRevenue: 200,
    });
    const dealer = await createAccount({ name: 'Tree Dealer', type: 'dealer', parentId: north.id, annualRevenue: 10 });
    const customer = await createAccount({ name: 'Tree Customer', type: 'customer', parentId: dealer.id });

    const tree = (await get(`/api/v1/accounts/${customer.id}/hierarchy`)).json();
    expect(tree.rootId).toBe(root.id);
    expect(tree.accountId).toBe(customer.id);
    expect(tree.nodes.map((node: { name: string; depth: number }) => [node.name, node.depth])).toEqual([
      ['Tree Root Distribution', 0],
      ['Tree North', 1],
      ['Tree Dealer', 2],
      ['Tree Customer', 3],
      ['Tree South', 1],
    ]);
    const byName = Object.fromEntries(tree.nodes.map((node: { name: string }) => [node.name, node]));
    expect(byName['Tree Root Distribution']).toMatchObject({
      childrenCount: 2,
      descendantCount: 4,
      subtreeAnnualRevenue: 1310,
    });
    expect(byName['Tree North']).toMatchObject({
      childrenCount: 1,
      descendantCount: 2,
      subtreeAnnualRevenue: 110,
      parentId: root.id,
    });
    expect(byName['Tree Customer']).toMatchObject({ childrenCount: 0, descendantCount: 0, subtreeAnnualRevenue: 0 });
    expect((await get(`/api/v1/accounts/${south.id}/hierarchy`)).json().nodes).toHaveLength(5);

    const summary = (await get(`/api/v1/accounts/${root.id}/summary`)).json();
    expect(summary).toMatchObject({ childAccounts: 2, descendantAccounts: 4, subtreeAnnualRevenue: 1310, contacts: 0 });
  });

  it('sums the deals, activities and tasks that hang off the account', async () => {
    const account = await createAccount({ name: 'Summary Co' });
    const deal = (payload: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: '/api/v1/opportunities',
        as: t.admin,
        payload: { accountId: account.id, closeDate: '2027-03-31', ...payload },
      });
    expect((await deal({ name: 'Open A', amount: 1000, stage: 'proposal' })).statusCode).toBe(201);
    expect((await deal({ name: 'Open B', amount: 3000, stage: 'negotiation', currency: 'EUR' })).statusCode).toBe(201);
    expect((await deal({ name: 'Lost', amount: 500, stage: 'closed_lost', lossReason: 'Price' })).statusCode).toBe(201);
    const summary = (await get(`/api/v1/accounts/${account.id}/summary`)).json();
    expect(summary.opportunities).toEqual({
      open: 2,
      won: 0,
      lost: 1,
      byCurrency: [
        { currency: 'EUR', openAmount: 3000, weightedAmount: 2250, wonAmount: 0 },
        { currency: 'USD', openAmount: 1000, weightedAmount: 500, wonAmount: 0 },
      ],
    });
    expect(summary.activities).toEqual({ total: 0, last30Days: 0, planned: 0, lastActivityAt: null });
    expect(summary.tasks).toEqual({ open: 0, overdue: 0 });
  });

  it('rejects a parent that would make a cycle, and changes nothing', async () => {
    const top = await createAccount({ name: 'Cycle Top' });
    const middle = await createAccount({ name: 'Cycle Middle', parentId: top.id });
    const bottom = await createAccount({ name: 'Cycle Bottom', parentId: middle.id });
    for (const parentId of [bottom.id, middle.id, top.id]) {
      const response = await t.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${top.id}`,
        as: t.admin,
        payload: { parentId },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].path).toBe('parentId');
    }
    expect((await get(`/api/v1/accounts/${top.id}`)).json()).toMatchObject({ parentId: null, version: 1 });
  });

  it('leaves nothing live under an account deleted while records are added to it', async () => {
    for (let round = 0; round < 3; round += 1) {
      const account = await createAccount({ name: `Vanishing Co ${round}` });
      const contact = (
        await t.request({
          method: 'POST',
          url: '/api/v1/contacts',
          as: t.admin,
          payload: { accountId: account.id, firstName: 'Early', lastName: 'Contact' },
        })
      ).json();
      const add = (url: string, payload: Record<string, unknown>) =>
        t.request({ method: 'POST', url, as: t.admin, payload });
      const answers = await Promise.all([
        add('/api/v1/contacts', { accountId: account.id, firstName: 'Late', lastName: 'Contact' }),
        add('/api/v1/opportunities', { accountId: account.id, name: 'Late deal', amount: 10, closeDate: '2031-01-01' }),
        t.request({ method: 'DELETE', url: `/api/v1/accounts/${account.id}`, as: t.admin }),
        add('/api/v1/tasks', { title: 'Late task', contactId: contact.id }),
        add('/api/v1/accounts', { name: 'Late branch', parentId: account.id }),
        add('/api/v1/notes', { body: 'Late note', accountId: account.id }),
      ]);
      // Each addition came either before the delete (and went with it) or after it (and found no account).
      for (const answer of answers) expect([201, 204, 400]).toContain(answer.statusCode);
      const [counted] = await queryRows<{ live: string }>(
        t.deps.database.db,
        sql`select (select count(*) from contacts where account_id = ${account.id} and deleted_at is null)
           + (select count(*) from opportunities where account_id = ${account.id} and deleted_at is null)
           + (select count(*) from tasks where account_id = ${account.id} and deleted_at is null)
           + (select count(*) from notes where account_id = ${account.id} and deleted_at is null)
           + (select count(*) from accounts where parent_id = ${account.id} and deleted_at is null) as live`,
      );
      expect(Number(counted?.live)).toBe(0);
    }
  });

  it('never lets two concurrent re-parentings close a loop', async () => {
    const a = await createAccount({ name: 'Race A' });
    const b = await createAccount({ name: 'Race B' });
    const [first, second] = await Promise.all([
      t.request({ method: 'PATCH', url: `/api/v1/accounts/${a.id}`, as: t.admin, payload: { parentId: b.id } }),
      t.request({ method: 'PATCH', url: `/api/v1/accounts/${b.id}`, as: t.admin, payload: { parentId: a.id } }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 400]);
  });

  it('keeps every family right while branches move and accounts come and go at the same time', async () => {
    const west = await createAccount({ name: 'Busy West Distribution' });
    const east = await createAccount({ name: 'Busy East Distribution' });
    const branch = await createAccount({ name: 'Busy Branch', parentId: west.id });
    const dealer = await createAccount({ name: 'Busy Dealer', parentId: branch.id });
    const leaves = [];
    for (let index = 0; index < 4; index += 1) {
      leaves.push(await createAccount({ name: `Busy Leaf ${index}`, parentId: dealer.id }));
    }
    const write = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
      t.request({ method, url, as: t.admin, payload });
    const writes = [];
    for (let round = 0; round < 6; round += 1) {
      writes.push(write('PATCH', `/api/v1/accounts/${branch.id}`, { parentId: round % 2 ? west.id : east.id }));
      writes.push(write('POST', '/api/v1/accounts', { name: `Busy Customer ${round}`, parentId: dealer.id }));
      const leaf = leaves[round % leaves.length] as { id: string };
      writes.push(write('POST', '/api/v1/accounts', { name: `Busy Shop ${round}`, parentId: leaf.id }));
      if (round === 2) writes.push(write('DELETE', `/api/v1/accounts/${leaf.id}`));
      if (round === 4) writes.push(write('POST', `/api/v1/accounts/${(leaves[0] as { id: string }).id}/restore`));
    }
    // A shop added under a leaf that is being deleted may find it gone (400); nothing may fail otherwise.
    for (const response of await Promise.all(writes)) expect([200, 201, 204, 400]).toContain(response.statusCode);
    expect(await misplacedAccounts()).toEqual([]);
  });
  it('gives accounts written in one statement, children before their parents, the family of the topmost', async () => {
    const root = await createAccount({ name: 'Bulk Root Distribution', type: 'distributor' });
    const [branch, dealer, customer] = [randomUUID(), randomUUID(), randomUUID()];
    const row = (id: string, name: string, parentId: string) => ({
      id,
      name,
      type: 'dealer',
      parentId,
      normalizedName: name,
    });
    // As an import would write them: the deepest first, so each finds no parent yet when it is written.
    await t.deps.database.db
      .insert(accounts)
      .values([
        row(customer, 'bulk customer', dealer),
        row(dealer, 'bulk dealer', branch),
        row(branch, 'bulk branch', root.id),
      ]);
    expect(await misplacedAccounts()).toEqual([]);
    const tree = (await get(`/api/v1/accounts/${customer}/hierarchy`)).json();
    expect(tree.rootId).toBe(root.id);
    expect(tree.nodes).toHaveLength(4);
  });
});

describe('merge and duplicates', () => {
  it('finds likely duplicates by normalised name, domain and similar names', async () => {
    const original = await createAccount({
      name: 'Baltic Harvest Supply Ltd',
      website: 'https://balticharvest.example',
    });
    const probe = async (query: string) => (await get(`/api/v1/accounts/duplicates?${encodeURI(query)}`)).json().data;
    const byName = await probe('name=BALTIC HARVEST SUPPLY');
    expect(byName[0]).toMatchObject({ account: { id: original.id }, reasons: expect.arrayContaining(['same_name']) });
    const byDomain = await probe('website=www.balticharvest.example/contact');
    expect(byDomain[0]).toMatchObject({ account: { id: original.id }, reasons: ['same_domain'] });
    const bySimilar = await probe('name=Baltik Harvest Suply');
    expect(bySimilar.map((candidate: { account: { id: string } }) => candidate.account.id)).toContain(original.id);
    expect(await probe(`name=Baltic Harvest Supply&excludeId=${original.id}`)).toEqual([]);
    expect((await get('/api/v1/accounts/duplicates')).statusCode).toBe(400);
  });

  it('points the leads converted into the source at the survivor', async () => {
    const survivor = await createAccount({ name: 'Lead Merge Survivor' });
    const source = await createAccount({ name: 'Lead Merge Source' });
    const leadId = await leadConvertedInto(source.id, { firstName: 'Lou', lastName: 'Convert' });
    const merge = await t.request({
      method: 'POST',
      url: `/api/v1/accounts/${survivor.id}/merge`,
      as: t.admin,
      payload: { sourceId: source.id },
    });
    expect(merge.json().moved).toMatchObject({ leads: 1, contacts: 1 });
    expect((await get(`/api/v1/leads/${leadId}`)).json().convertedAccountId).toBe(survivor.id);
  });

  it('moves contacts and child accounts to the survivor and keeps the source soft-deleted', async () => {
    const survivor = await createAccount({ name: 'Merge Survivor', industry: null });
    const source = await createAccount({ name: 'Merge Source', industry: 'Machinery', phone: '+1 555 0100' });
    const child = await createAccount({ name: 'Merge Child', parentId: source.id });
    const contact = async (accountId: string, lastName: string, isPrimary: boolean) =>
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/contacts',
          as: t.admin,
          payload: { accountId, firstName: 'Mia', lastName, isPrimary },
        })
      ).json();
    const survivorPrimary = await contact(survivor.id, 'Survivorprimary', true);
    const sourcePrimary = await contact(source.id, 'Sourceprimary', true);
    const sourcePlain = await contact(source.id, 'Sourceplain', false);

    const merge = await t.request({
      method: 'POST',
      url: `/api/v1/accounts/${survivor.id}/merge`,
      as: t.admin,
      payload: { sourceId: source.id },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(merge.json()).toMatchObject({
      sourceId: source.id,
      moved: { contacts: 2, childAccounts: 1 },
      account: { id: survivor.id, industry: 'Machinery', phone: '+1 555 0100' },
    });

    const contacts = (await get(`/api/v1/contacts?accountId=${survivor.id}`)).json().data;
    expect(contacts.map((c: { id: string }) => c.id).sort()).toEqual(
      [survivorPrimary.id, sourcePrimary.id, sourcePlain.id].sort(),
    );
    expect(contacts.filter((c: { isPrimary: boolean }) => c.isPrimary).map((c: { id: string }) => c.id)).toEqual([
      survivorPrimary.id,
    ]);
    expect((await get(`/api/v1/accounts/${child.id}`)).json().parentId).toBe(survivor.id);
    expect((await get(`/api/v1/accounts/${source.id}`)).statusCode).toBe(404);
    const sourceRows = await t.deps.database.rows<{ merged_into_id: string; deleted_at: Date | null }>(
      (await import('drizzle-orm')).sql`select merged_into_id, deleted_at from accounts where id = ${source.id}`,
    );
    expect(sourceRows[0]).toMatchObject({ merged_into_id: survivor.id, deleted_at: expect.anything() });

    const audit = (await get(`/api/v1/audit?entityId=${survivor.id}&action=merge`)).json().data;
    expect(audit).toHaveLength(1);
    const self = await t.request({
      method: 'POST',
      url: `/api/v1/accounts/${survivor.id}/merge`,
      as: t.admin,
      payload: { sourceId: survivor.id },
    });
    expect(self.statusCode).toBe(400);
  });

  it('merges under If-Match only while the surviving account is at that version', async () => {
    const survivor = await createAccount({ name: 'Guarded Survivor' });
    const source = await createAccount({ name: 'Guarded Source' });
    const merge = (ifMatch: string) =>
      t.request({
        method: 'POST',
        url: `/api/v1/accounts/${survivor.id}/merge`,
        as: t.admin,
        headers: { 'if-match': ifMatch },
        payload: { sourceId: source.id },
      });
    expect((await merge(`"${survivor.version + 1}"`)).statusCode).toBe(412);
    expect((await merge('soon')).statusCode).toBe(400);
    // Nothing moved: the source is still there.
    expect((await get(`/api/v1/accounts/${source.id}`)).statusCode).toBe(200);
    const merged = await merge(`"${survivor.version}"`);
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await get(`/api/v1/accounts/${source.id}`)).statusCode).toBe(404);
    // No field of the survivor was filled, yet it gained the source's records: a new version all the same.
    expect(merged.json().account.version).toBe(survivor.version + 1);
    expect(merged.headers.etag).toBe(`"${survivor.version + 1}"`);
    expect((await get(`/api/v1/accounts/${survivor.id}`)).headers.etag).toBe(`"${survivor.version + 1}"`);
  });

  it('merges a parent into its own descendant without making a cycle', async () => {
    const top = await createAccount({ name: 'Merge Top' });
    const middle = await createAccount({ name: 'Merge Middle', parentId: top.id });
    const leaf = await createAccount({ name: 'Merge Leaf', parentId: middle.id });
    const merge = await t.request({
      method: 'POST',
      url: `/api/v1/accounts/${leaf.id}/merge`,
      as: t.admin,
      payload: { sourceId: top.id },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    const tree = (await get(`/api/v1/accounts/${leaf.id}/hierarchy`)).json();
    expect(tree.rootId).toBe(leaf.id);
    expect(tree.nodes.map((node: { name: string }) => node.name)).toEqual(['Merge Leaf', 'Merge Middle']);
  });

  it('follows a branch that moves to another family, a deleted root, a merge and a restore', async () => {
    const west = await createAccount({ name: 'Family West Distribution', type: 'distributor' });
    const east = await createAccount({ name: 'Family East Distribution', type: 'distributor' });
    const branch = await createAccount({ name: 'Family Branch', parentId: west.id });
    const dealer = await createAccount({ name: 'Family Dealer', type: 'dealer', parentId: branch.id });
    const customer = await createAccount({ name: 'Family Customer', type: 'customer', parentId: dealer.id });
    const leftEarlier = await createAccount({ name: 'Family Left Earlier', type: 'customer', parentId: dealer.id });
    const treeOf = async (id: string) => {
      const tree = (await get(`/api/v1/accounts/${id}/hierarchy`)).json();
      return [tree.rootId, ...tree.nodes.map((node: { name: string }) => node.name)];
    };
    const send = async (method: string, url: string, payload?: Record<string, unknown>) => {
      const response = await t.request({ method: method as 'POST', url, as: t.admin, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
    };

    await send('DELETE', `/api/v1/accounts/${leftEarlier.id}`);
    await send('PATCH', `/api/v1/accounts/${branch.id}`, { parentId: east.id });
    const eastFamily = [east.id, 'Family East Distribution', 'Family Branch', 'Family Dealer', 'Family Customer'];
    expect(await treeOf(customer.id)).toEqual(eastFamily);
    expect(await treeOf(west.id)).toEqual([west.id, 'Family West Distribution']);

    // Deleted while its dealer moved family, and back: it is where its dealer is now.
    await send('POST', `/api/v1/accounts/${leftEarlier.id}/restore`);
    expect(await treeOf(leftEarlier.id)).toEqual([...eastFamily, 'Family Left Earlier']);

    // The root goes: its child is a root now, with everything below it.
    await send('DELETE', `/api/v1/accounts/${east.id}`);
    expect((await get(`/api/v1/accounts/${east.id}/hierarchy`)).statusCode).toBe(404);
    const branchFamily = [branch.id, 'Family Branch', 'Family Dealer', 'Family Customer', 'Family Left Earlier'];
    expect(await treeOf(customer.id)).toEqual(branchFamily);

    // Merged into an account of another family: what hung below the merged-away account joins that family.
    await send('POST', `/api/v1/accounts/${west.id}/merge`, { sourceId: branch.id });
    expect(await treeOf(customer.id)).toEqual([
      west.id,
      'Family West Distribution',
      'Family Dealer',
      'Family Customer',
      'Family Left Earlier',
    ]);
    await send('POST', `/api/v1/accounts/${east.id}/restore`);
    expect(await treeOf(east.id)).toEqual([east.id, 'Family East Distribution']);

    expect(await misplacedAccounts()).toEqual([]);
  });
});

/** Live accounts whose family is not the top of their parent chain: there should be none, ever. */
function misplacedAccounts() {
  return queryRows<{ id: string }>(
    t.deps.database.db,
    sql`
      with recursive chain(id, top) as (
        select id, id from accounts where parent_id is null
        union all
        select a.id, c.top from accounts a join chain c on a.parent_id = c.id
      )
      select a.id from accounts a join chain c on c.id = a.id
      where a.deleted_at is null and a.family_id is distinct from c.top`,
  );
}

describe('owners', () => {
  it('lets a manager leave a record without an owner, not a rep, who could then no longer change it', async () => {
    const manager = await t.createUser({ role: 'manager' });
    const rep = await t.createUser({ managerId: manager.id });
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rep,
      payload: { name: 'Ownerless Try' },
    });
    const account = created.json();
    const refused = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      as: rep,
      payload: { ownerId: null },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'ownerId' })]);
    const deal = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: rep,
      payload: { name: 'Ownerless deal', accountId: account.id, closeDate: '2027-01-31', ownerId: null },
    });
    expect(deal.statusCode).toBe(400);
    expect((await get(`/api/v1/accounts/${account.id}`)).json()).toMatchObject({ ownerId: rep.id, version: 1 });
    const released = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      as: manager,
      payload: { ownerId: null },
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().ownerId).toBeNull();
  });
});

/** A lead named after the account's company, converted into that account; its id. */
async function leadConvertedInto(accountId: string, person: { firstName: string; lastName: string }) {
  const account = (await t.request({ method: 'GET', url: `/api/v1/accounts/${accountId}`, as: t.admin })).json();
  const lead = await t.request({
    method: 'POST',
    url: '/api/v1/leads',
    as: t.admin,
    payload: { ...person, company: account.name, source: 'referral' },
  });
  const leadId = lead.json().id;
  const converted = await t.request({
    method: 'POST',
    url: `/api/v1/leads/${leadId}/convert`,
    as: t.admin,
    payload: { accountId },
  });
  expect(converted.statusCode, converted.body).toBe(200);
  return leadId as string;
}
