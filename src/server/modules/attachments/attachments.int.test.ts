import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { attachmentContents, attachments, auditLog, webhookDeliveries } from '../../db/schema/index.js';

let t: TestApp;
let manager: TestUser;
let uploader: TestUser;
let colleague: TestUser;
let outsider: TestUser;
const ids = {} as Record<'territory' | 'account' | 'other' | 'contact' | 'activity', string>;
const MAX_BYTES = 64 * 1024;

beforeAll(async () => {
  t = await buildTestApp({ MERIDIAN_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
  ids.territory = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Files South' } })
  ).json().id;
  manager = await t.createUser({ role: 'manager' });
  uploader = await t.createUser({ managerId: manager.id, territoryIds: [ids.territory] });
  colleague = await t.createUser({ territoryIds: [ids.territory] });
  outsider = await t.createUser();
  ids.account = await create(uploader, 'accounts', { name: 'Files Dealer', territoryId: ids.territory });
  ids.other = await create(uploader, 'accounts', { name: 'Files Other', territoryId: ids.territory });
  ids.contact = await create(uploader, 'contacts', { accountId: ids.account, firstName: 'Ada', lastName: 'Files' });
  ids.activity = await create(uploader, 'activities', {
    type: 'visit',
    subject: 'Shelf check',
    contactId: ids.contact,
    scheduledAt: new Date().toISOString(),
  });
});
afterAll(async () => {
  await t.close();
});

async function create(as: TestUser, resource: string, payload: Record<string, unknown>) {
  const response = await t.request({ method: 'POST', url: `/api/v1/${resource}`, as, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

type FilePart = { name: string; type?: string; bytes: Buffer | string };

/** A multipart/form-data body as a browser's FormData makes it. */
async function form(fields: Record<string, string>, ...files: (FilePart & { field?: string })[]) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const file of files) {
    const bytes = typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes);
    data.append(file.field ?? 'file', new Blob([bytes], { type: file.type ?? '' }), file.name);
  }
  const encoded = new Response(data);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
  };
}

async function upload(
  as: TestUser,
  fields: Record<string, string>,
  file: FilePart | null = { name: 'price-list.pdf', type: 'application/pdf', bytes: '%PDF-1.4 prices' },
  headers: Record<string, string> = {},
) {
  const body = await form(fields, ...(file ? [file] : []));
  return t.request({
    method: 'POST',
    url: '/api/v1/attachments',
    as,
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  });
}

async function countAttachments() {
  return t.deps.database.db.$count(attachments);
}

const get = (as: TestUser, url: string, headers: Record<string, string> = {}) =>
  t.request({ method: 'GET', url, as, headers });

describe('attachments', () => {
  it('keeps a file with its account and answers the same bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const created = await upload(uploader, { accountId: ids.account }, { name: 'shelf.png', type: 'image/png', bytes });
    expect(created.statusCode, created.body).toBe(201);
    const attachment = created.json();
    expect(attachment).toMatchObject({
      fileName: 'shelf.png',
      contentType: 'image/png',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedById: uploader.id,
      accountId: ids.account,
      contactId: null,
      activityId: null,
      version: 1,
      contentUrl: `/api/v1/attachments/${attachment.id}/content`,
    });
    expect(created.headers.location).toBe(`/api/v1/attachments/${attachment.id}`);
    expect(created.headers.etag).toBe('"1"');

    const download = await get(uploader, attachment.contentUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="shelf.png"; filename*=UTF-8''shelf.png`,
    );
    expect(download.headers.etag).toBe(`"${attachment.sha256}"`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const inline = await get(uploader, `${attachment.contentUrl}?disposition=inline`);
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    const unchanged = await get(uploader, attachment.contentUrl, { 'if-none-match': `"${attachment.sha256}"` });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.rawPayload.length).toBe(0);

    const listed = (await get(uploader, `/api/v1/attachments?accountId=${ids.account}&includeTotal=true`)).json();
    expect(listed.data.map((row: { id: string }) => row.id)).toContain(attachment.id);
    expect((await get(uploader, `/api/v1/attachments/${attachment.id}`)).json()).toEqual(attachment);
  });

  it('never lets a browser run an uploaded page, and keeps a name with any characters', async () => {
    const created = await upload(
      uploader,
      { accountId: ids.account },
      { name: 'C:\\fakepath\\Angebot "Müller".html', type: 'text/html', bytes: '<script>alert(1)</script>' },
    );
    expect(created.statusCode, created.body).toBe(201);
    const attachment = created.json();
    expect(attachment.fileName).toBe('Angebot "Müller".html');
    const download = await get(uploader, `${attachment.contentUrl}?disposition=inline`);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Angebot _M_ller_.html"; filename*=UTF-8''Angebot%20%22M%C3%BCller%22.html`,
    );
    expect(download.headers['content-security-policy']).toContain('sandbox');
  });

  it('names the type from the extension when the client sends none', async () => {
    const created = await upload(uploader, { accountId: ids.account }, { name: 'terms.PDF', bytes: '%PDF-1.7' });
    expect(created.json().contentType).toBe('application/pdf');
    const renamed = await upload(
      uploader,
      { accountId: ids.account, fileName: 'Terms 2027.pdf' },
      { name: 'blob', type: 'application/pdf', bytes: '%PDF-1.7' },
    );
    expect(renamed.json().fileName).toBe('Terms 2027.pdf');
  });

  it('links a contact’s file to its account, and an activity’s file to the activity’s records', async () => {
    const ofContact = (await upload(uploader, { contactId: ids.contact })).json();
    expect(ofContact).toMatchObject({ contactId: ids.contact, accountId: ids.account });

    const ofVisit = await upload(
      uploader,
      { activityId: ids.activity },
      { name: 'shelf.jpg', type: 'image/jpeg', bytes: 'jpg' },
    );
    expect(ofVisit.statusCode, ofVisit.body).toBe(201);
    expect(ofVisit.json()).toMatchObject({ activityId: ids.activity, contactId: ids.contact, accountId: ids.account });
    const listed = (await get(uploader, `/api/v1/attachments?activityId=${ids.activity}`)).json();
    expect(listed.data.map((row: { id: string }) => row.id)).toEqual([ofVisit.json().id]);

    const before = await countAttachments();
    const disagreeing = await upload(uploader, { activityId: ids.activity, accountId: ids.other });
    expect(disagreeing.statusCode).toBe(400);
    expect(disagreeing.json().errors).toEqual([{ path: 'accountId', message: 'is not a link of the activity' }]);
    expect(await countAttachments()).toBe(before);
  });

  it('refuses bad uploads with a problem and keeps nothing', async () => {
    const before = await countAttachments();
    const json = await t.request({
      method: 'POST',
      url: '/api/v1/attachments',
      as: uploader,
      payload: { accountId: ids.account },
    });
    expect(json.statusCode).toBe(415);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);

    const cases: [Record<string, string>, FilePart | null, number, string][] = [
      [{ accountId: ids.account }, null, 400, 'file'],
      [{}, { name: 'a.pdf', bytes: 'x' }, 400, 'accountId'],
      [{ accountId: 'not-a-uuid' }, { name: 'a.pdf', bytes: 'x' }, 400, 'accountId'],
      [{ accountId: ids.account, owner: 'me' }, { name: 'a.pdf', bytes: 'x' }, 400, 'owner'],
      [{ accountId: ids.account }, { name: '', bytes: 'x' }, 400, 'fileName'],
      [{ accountId: ids.account }, { name: 'big.bin', bytes: Buffer.alloc(MAX_BYTES + 1) }, 413, ''],
    ];
    for (const [fields, file, status, path] of cases) {
      const response = await upload(uploader, fields, file);
      expect(response.statusCode, `${JSON.stringify(fields)} ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (path) expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    const twoFiles = await form(
      { accountId: ids.account },
      { name: 'a.pdf', bytes: 'a' },
      { name: 'b.pdf', bytes: 'b' },
    );
    const response = await t.request({ method: 'POST', url: '/api/v1/attachments', as: uploader, ...twoFiles });
    expect(response.statusCode).toBe(413);
    const hidden = await upload(outsider, { accountId: ids.account });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([{ path: 'accountId', message: 'no such account' }]);
    expect(await countAttachments()).toBe(before);
  });

  it('shows a file to whoever sees its records, and lets only the uploader’s side change it', async () => {
    const attachment = (await upload(uploader, { accountId: ids.account })).json();
    for (const user of [t.admin, manager, colleague]) {
      expect((await get(user, `/api/v1/attachments/${attachment.id}`)).statusCode).toBe(200);
      expect((await get(user, attachment.contentUrl)).statusCode).toBe(200);
    }
    expect((await get(outsider, `/api/v1/attachments/${attachment.id}`)).statusCode).toBe(404);
    expect((await get(outsider, attachment.contentUrl)).statusCode).toBe(404);
    const outsidersList = (await get(outsider, '/api/v1/attachments?includeTotal=true')).json();
    expect(outsidersList).toEqual({ data: [], nextCursor: null, total: 0 });

    const url = `/api/v1/attachments/${attachment.id}`;
    const forbidden = await t.request({ method: 'PATCH', url, as: colleague, payload: { fileName: 'x.pdf' } });
    expect(forbidden.statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url, as: colleague })).statusCode).toBe(403);
    const stale = await t.request({
      method: 'PATCH',
      url,
      as: uploader,
      payload: { fileName: 'x.pdf' },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.statusCode).toBe(412);
    const renamed = await t.request({
      method: 'PATCH',
      url,
      as: manager,
      payload: { fileName: '  Price list 2027.pdf ' },
      headers: { 'if-match': '"1"' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ fileName: 'Price list 2027.pdf', version: 2, sha256: attachment.sha256 });
    const moved = await t.request({ method: 'PATCH', url, as: uploader, payload: { accountId: ids.other } });
    expect(moved.json()).toMatchObject({ accountId: ids.other, version: 3 });
    const audit = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'attachments'), eq(auditLog.entityId, attachment.id)));
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update']);
  });

  it('tells subscribed systems of a new file, with the record as GET answers it', async () => {
    const hook = await t.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      as: t.admin,
      payload: { url: 'http://127.0.0.1:9/hooks', events: ['attachment.*'] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const attachment = (await upload(uploader, { accountId: ids.account })).json();
    const deliveries = await t.deps.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.json().id));
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual(['attachment.created']);
    expect(JSON.parse(deliveries[0]?.body ?? '{}').data.object).toEqual(attachment);
  });

  it('answers a retried upload once, and refuses another file under the same key', async () => {
    const before = await countAttachments();
    const key = { 'idempotency-key': `upload-${Date.now()}` };
    const first = await upload(uploader, { accountId: ids.account }, undefined, key);
    const retry = await upload(uploader, { accountId: ids.account }, undefined, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    const other = await upload(uploader, { accountId: ids.account }, { name: 'other.pdf', bytes: 'other' }, key);
    expect(other.statusCode).toBe(409);
    expect(await countAttachments()).toBe(before + 1);
  });

  it('deletes softly, restores, and goes and comes back with its account', async () => {
    const accountId = await create(uploader, 'accounts', { name: 'Files Gone', territoryId: ids.territory });
    const attachment = (await upload(uploader, { accountId })).json();
    const url = `/api/v1/attachments/${attachment.id}`;
    const summary = `/api/v1/accounts/${accountId}/summary`;
    expect((await get(uploader, summary)).json().attachments).toBe(1);
    expect((await t.request({ method: 'DELETE', url, as: uploader })).statusCode).toBe(204);
    expect((await get(uploader, summary)).json().attachments).toBe(0);
    expect((await get(uploader, url)).statusCode).toBe(404);
    expect((await get(uploader, attachment.contentUrl)).statusCode).toBe(404);
    const restored = await t.request({ method: 'POST', url: `${url}/restore`, as: uploader });
    expect(restored.json()).toMatchObject({ id: attachment.id, version: 3 });
    expect((await get(uploader, attachment.contentUrl)).rawPayload.toString()).toBe('%PDF-1.4 prices');

    expect((await t.request({ method: 'DELETE', url: `/api/v1/accounts/${accountId}`, as: uploader })).statusCode).toBe(
      204,
    );
    expect((await get(uploader, url)).statusCode).toBe(404);
    await t.request({ method: 'POST', url: `/api/v1/accounts/${accountId}/restore`, as: uploader });
    expect((await get(uploader, url)).statusCode).toBe(200);
    // The bytes stay with a deleted file: only the record's deletedAt moved.
    const [content] = await t.deps.database.db
      .select()
      .from(attachmentContents)
      .where(eq(attachmentContents.attachmentId, attachment.id));
    expect(content?.content.toString()).toBe('%PDF-1.4 prices');
  });

  it('moves with a merged account and a merged contact, and follows a converted lead', async () => {
    const survivor = await create(uploader, 'accounts', { name: 'Files Survivor', territoryId: ids.territory });
    const duplicate = await create(uploader, 'accounts', { name: 'Files Survivor Dup', territoryId: ids.territory });
    const ofDuplicate = (await upload(uploader, { accountId: duplicate })).json();
    const merged = await t.request({
      method: 'POST',
      url: `/api/v1/accounts/${survivor}/merge`,
      as: uploader,
      payload: { sourceId: duplicate },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await get(uploader, `/api/v1/attachments/${ofDuplicate.id}`)).json().accountId).toBe(survivor);

    const keep = await create(uploader, 'contacts', { accountId: survivor, firstName: 'Bo', lastName: 'Keep' });
    const twin = await create(uploader, 'contacts', {
      accountId: survivor,
      firstName: 'Bo',
      lastName: 'Keep',
      email: 'bo.twin@example.com',
    });
    const ofTwin = (await upload(uploader, { contactId: twin })).json();
    const contactMerge = await t.request({
      method: 'POST',
      url: `/api/v1/contacts/${keep}/merge`,
      as: uploader,
      payload: { sourceId: twin },
    });
    expect(contactMerge.statusCode, contactMerge.body).toBe(200);
    expect((await get(uploader, `/api/v1/attachments/${ofTwin.id}`)).json().contactId).toBe(keep);

    const leadId = await create(uploader, 'leads', {
      firstName: 'Lia',
      lastName: 'Lead',
      company: 'Files Lead Co',
      source: 'website',
    });
    const ofLead = (await upload(uploader, { leadId })).json();
    expect(ofLead).toMatchObject({ leadId, accountId: null });
    const converted = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${leadId}/convert`,
      as: uploader,
      payload: { opportunity: null },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const { account, contact } = converted.json();
    expect((await get(uploader, `/api/v1/attachments/${ofLead.id}`)).json()).toMatchObject({
      leadId,
      accountId: account.id,
      contactId: contact.id,
    });
  });
});
