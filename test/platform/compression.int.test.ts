import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  for (let index = 0; index < 12; index += 1) {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: `Compressed Answer Dealer ${index}`, type: 'dealer', industry: 'Agricultural machinery' },
    });
    expect(created.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

const listAccounts = (acceptEncoding?: string) =>
  t.request({
    method: 'GET',
    url: '/api/v1/accounts?q=compressed&limit=50',
    as: t.admin,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('compressed answers', () => {
  it('sends an answer of a kilobyte or more compressed to a client that accepts it, the same JSON inside', async () => {
    const plain = await listAccounts();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json().data).toHaveLength(12);

    const gzipped = await listAccounts('gzip, deflate');
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toContain('application/json');
    // Caches keep the encodings and the callers apart.
    expect(String(gzipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(String(gzipped.headers.vary)).toContain('Authorization');
    const unzipped = gunzipSync(gzipped.rawPayload);
    expect(unzipped.length).toBeGreaterThan(gzipped.rawPayload.length * 3);
    expect(JSON.parse(unzipped.toString('utf8'))).toEqual(plain.json());

    const brotli = await listAccounts('br;q=1.0, gzip;q=0.8');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('leaves small answers and unchanged records (304) as they are', async () => {
    const me = await t.request({
      method: 'GET',
      url: '/api/v1/users/me',
      as: t.admin,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(me.statusCode).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(me.json().email).toBe(t.admin.email);

    const first = await listAccounts();
    const id = first.json().data[0].id as string;
    const record = await t.request({ method: 'GET', url: `/api/v1/accounts/${id}`, as: t.admin });
    const unchanged = await t.request({
      method: 'GET',
      url: `/api/v1/accounts/${id}`,
      as: t.admin,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': record.headers.etag as string },
    });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.rawPayload.length).toBe(0);
    expect(unchanged.headers['content-encoding']).toBeUndefined();
  });

  it('takes a gzip request body, and refuses a body that is not what its Content-Encoding says', async () => {
    const send = (body: Buffer, encoding: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/accounts',
        as: t.admin,
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        payload: body,
      });
    const created = await send(gzipSync(JSON.stringify({ name: 'Gzipped Body Supply', type: 'supplier' })), 'gzip');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Gzipped Body Supply', type: 'supplier' });

    const before = (await listAccounts()).json().data.length;
    const corrupt = await send(Buffer.from('{"name":"Not Gzip At All"}'), 'gzip');
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.headers['content-type']).toContain('application/problem+json');
    const unknown = await send(Buffer.from('{"name":"Packed Oddly"}'), 'x-pack');
    expect(unknown.statusCode).toBe(415);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).not.toMatch(/at .*\.js/);
    // The body limit holds for what the body unpacks to, not for its packed size.
    const bomb = gzipSync(Buffer.from(JSON.stringify({ name: 'Bomb', description: ' '.repeat(8 * 1024 * 1024) })));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const tooLarge = await send(bomb, 'gzip');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers['content-type']).toContain('application/problem+json');
    expect((await listAccounts()).json().data.length).toBe(before);
  });
});
