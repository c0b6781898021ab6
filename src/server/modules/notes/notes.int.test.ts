import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { auditLog } from '../../db/schema/index.js';

let t: TestApp;
let manager: TestUser;
let author: TestUser;
let colleague: TestUser;
const ids = {} as Record<'private' | 'shared' | 'territory', string>;

beforeAll(async () => {
  t = await buildTestApp();
  ids.territory = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Notes West' } })
  ).json().id;
  manager = await t.createUser({ role: 'manager' });
  author = await t.createUser({ managerId: manager.id });
  colleague = await t.createUser({ territoryIds: [ids.territory] });
  ids.private = await createAccount(author, { name: 'Notes Private' });
  ids.shared = await createAccount(author, { name: 'Notes Shared', territoryId: ids.territory });
});
afterAll(async () => {
  await t.close();
});

async function createAccount(as: TestUser, payload: Record<string, unknown>) {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function createNote(as: TestUser, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.request({ method: 'POST', url: '/api/v1/notes', as, payload, headers });
}

const patch = (as: TestUser, id: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'PATCH', url: `/api/v1/notes/${id}`, as, payload, headers });

describe('notes', () => {
  it('stores the Markdown sanitised and answers it rendered without anything that could run', async () => {
    // Blank lines between the attacks: a line of raw HTML opens an HTML block that swallows the lines after
    // it as inert text, which would hide whether the Markdown link itself is made safe.
    const body = [
      '## Call notes',
      '  Ada liked the **pilot**.',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '<iframe src="https://evil.example"></iframe><style>*{display:none}</style>',
      'See [docs](https://example.com)',
      '',
    ].join('\n\n');
    const created = await createNote(author, { body, accountId: ids.private });
    expect(created.statusCode, created.body).toBe(201);
    const note = created.json();
    // The Markdown stays; the HTML and the script link go from the body itself, which clients show too.
    expect(note.body).toBe(
      ['## Call notes', '  Ada liked the **pilot**.', '', '', '[x]()', '', 'See [docs](https://example.com)', ''].join(
        '\n\n',
      ),
    );
    for (const forbidden of ['<script', 'alert(1)', 'onerror', 'javascript:', '<iframe', '<style']) {
      expect(note.body, forbidden).not.toContain(forbidden);
    }
    expect(note.authorId).toBe(author.id);
    expect(note.pinned).toBe(false);
    const html: string = note.bodyHtml;
    expect(html).toContain('<h2>Call notes</h2>');
    expect(html).toContain('<strong>pilot</strong>');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer">docs</a>');
    for (const forbidden of ['<script', 'alert(1)', 'onerror', 'javascript:', '<iframe', '<style']) {
      expect(html, forbidden).not.toContain(forbidden);
    }
    const read = await t.request({ method: 'GET', url: `/api/v1/notes/${note.id}`, as: author });
    expect(read.json()).toMatchObject({ body: note.body, bodyHtml: html });
    const listed = await t.request({ method: 'GET', url: `/api/v1/notes?accountId=${ids.private}`, as: author });
    expect(listed.json().data[0].bodyHtml).toBe(html);
    const [audit] = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.entityId, note.id));
    expect(audit?.after).toMatchObject({ body: note.body });
  });

  it('needs a link and a non-blank body, and takes no author from the request', async () => {
    expect((await createNote(author, { body: 'Orphan' })).statusCode).toBe(400);
    expect((await createNote(author, { body: '   ', accountId: ids.private })).statusCode).toBe(400);
    // Nothing left once the HTML is gone: blank too, and nothing is stored.
    const onlyHtml = await createNote(author, { body: '<script>alert(1)</script>', accountId: ids.private });
    expect(onlyHtml.statusCode).toBe(400);
    expect(onlyHtml.json().errors[0].path).toBe('body');
    expect((await createNote(author, { body: 'x'.repeat(20_001), accountId: ids.private })).statusCode).toBe(400);
    const forged = await createNote(author, { body: 'Forged', accountId: ids.private, authorId: manager.id });
    expect(forged.statusCode).toBe(400);
    const hidden = await createNote(colleague, { body: 'Hidden', accountId: ids.private });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors[0].path).toBe('accountId');
  });

  it('lets only the author, their managers and admins change or delete a note', async () => {
    const note = (await createNote(author, { body: 'Shared note', accountId: ids.shared })).json();
    const privateNote = (await createNote(author, { body: 'Private note', accountId: ids.private })).json();
    // The colleague sees the shared note through the account's territory, but may not change it.
    expect((await t.request({ method: 'GET', url: `/api/v1/notes/${note.id}`, as: colleague })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/v1/notes/${privateNote.id}`, as: colleague })).statusCode).toBe(
      404,
    );
    expect((await patch(colleague, note.id, { body: 'Vandalised' })).statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/notes/${note.id}`, as: colleague })).statusCode).toBe(
      403,
    );
    expect((await patch(colleague, privateNote.id, { pinned: true })).statusCode).toBe(404);

    const byManager = await patch(manager, note.id, { pinned: true });
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json()).toMatchObject({ pinned: true, authorId: author.id, version: 2 });
    const byAdmin = await patch(t.admin, note.id, { body: '*edited*<svg onload=alert(3)>' });
    expect(byAdmin.json()).toMatchObject({ body: '*edited*', bodyHtml: '<p><em>edited</em></p>', authorId: author.id });
    expect((await patch(author, note.id, { authorId: colleague.id })).statusCode).toBe(400);

    expect((await patch(author, note.id, { pinned: false }, { 'if-match': '"2"' })).statusCode).toBe(412);
    expect((await patch(author, note.id, { pinned: false }, { 'if-match': '"3"' })).statusCode).toBe(200);

    expect((await t.request({ method: 'DELETE', url: `/api/v1/notes/${note.id}`, as: author })).statusCode).toBe(204);
    const listed = await t.request({ method: 'GET', url: `/api/v1/notes?accountId=${ids.shared}`, as: author });
    expect(listed.json().data.map((item: { id: string }) => item.id)).not.toContain(note.id);
    const restored = await t.request({ method: 'POST', url: `/api/v1/notes/${note.id}/restore`, as: author });
    expect(restored.json()).toMatchObject({ id: note.id, bodyHtml: '<p><em>edited</em></p>' });
  });

  it('filters by author, pinned flag and text, and lists what each caller may see', async () => {
    const account = await createAccount(author, { name: 'Notes Filter', territoryId: ids.territory });
    await createNote(author, { body: 'Alpha pinned', pinned: true, accountId: account });
    await createNote(author, { body: 'Beta plain', accountId: account });
    await createNote(t.admin, { body: 'Gamma by admin', accountId: account });
    const bodies = async (as: TestUser, query: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/notes?accountId=${account}&${query}`, as }))
        .json()
        .data.map((note: { body: string }) => note.body);
    expect(await bodies(author, 'pinned=true')).toEqual(['Alpha pinned']);
    expect(await bodies(author, `authorId=${t.admin.id}`)).toEqual(['Gamma by admin']);
    expect(await bodies(author, 'q=plain')).toEqual(['Beta plain']);
    expect(await bodies(colleague, 'sort=createdAt')).toEqual(['Alpha pinned', 'Beta plain', 'Gamma by admin']);
    const other = await t.createUser();
    expect(await bodies(other, '')).toEqual([]);
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `note-${uuidv7()}` };
    const payload = { body: 'Only once', accountId: ids.private };
    const first = await createNote(author, payload, headers);
    const second = await createNote(author, payload, headers);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const count = (
      await t.request({
        method: 'GET',
        url: `/api/v1/notes?accountId=${ids.private}&q=Only%20once&includeTotal=true`,
        as: author,
      })
    ).json().total;
    expect(count).toBe(1);
  });
});
