import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { localGraphConnection } from '../../../../test/helpers/graph-connection.js';
import { communications, mailboxSyncStates } from '../../db/schema/index.js';
import { mailboxSyncJob } from '../../jobs/mailbox-sync.job.js';
import { createGraphClient } from './client.js';
import { type GraphMailMessage, MAILBOX_MESSAGE_FIELDS, MailboxReadError, readMailFolderChanges } from './mailbox.js';

type Recorded = { path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders };

/**
 * A stand-in for Graph's message delta query that holds each request to what Microsoft documents
 * (https://learn.microsoft.com/graph/api/message-delta): a bearer token; `GET
 * /users/{mailbox}/mailFolders/{folder}/messages/delta` whose first request carries `$select` and `$filter=
 * receivedDateTime ge {instant}`, and later ones only the `$skiptoken` or `$deltatoken` of the link it
 * handed out; `Prefer: odata.maxpagesize` and `outlook.body-content-type="text"`. It serves each folder's
 * messages two to a page, a removed entry among them, and answers a scripted failure when one is set.
 */
let server: http.Server;
let baseUrl: string;
const requests: Recorded[] = [];
/** The messages of each "mailbox/folder", in arrival order; unknown mailboxes are 404, as Graph answers. */
const folders = new Map<string, (GraphMailMessage | { id: string; '@removed': { reason: 'deleted' } })[]>();
/** A failure to answer, once, to the next request of a "mailbox/folder". */
const failures = new Map<string, { status: number; headers?: Record<string, string>; code: string }>();
const PAGE = 2;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      response.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const graphError = (status: number, code: string, headers?: Record<string, string>) =>
      reply(status, { error: { code, message: `${code} (stub)` } }, headers);
    request.resume();
    request.on('end', () => {
      if (request.method === 'POST' && url.pathname === '/contoso.onmicrosoft.com/oauth2/v2.0/token') {
        return reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'mail-token' });
      }
      requests.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
      const delta = /^\/v1\.0\/users\/([^/]+)\/mailFolders\/(inbox|sentitems)\/messages\/delta$/.exec(url.pathname);
      if (request.method !== 'GET' || !delta) return graphError(400, 'BadRequest');
      if (request.headers.authorization !== 'Bearer mail-token') return graphError(401, 'InvalidAuthenticationToken');
      const prefer = request.headers.prefer ?? '';
      if (!prefer.includes('odata.maxpagesize=50') || !prefer.includes('outlook.body-content-type="text"')) {
        return graphError(400, 'MissingPreferHeaders');
      }
      const key = `${decodeURIComponent(delta[1] ?? '')}/${delta[2]}`;
      const failure = failures.get(key);
      if (failure) {
        failures.delete(key);
        return graphError(failure.status, failure.code, failure.headers);
      }
      const messages = folders.get(key);
      if (!messages) return graphError(404, 'ErrorInvalidUser');

      const skip = url.searchParams.get('$skiptoken');
      const deltaToken = url.searchParams.get('$deltatoken');
      let from: number;
      if (skip !== null) from = Number(skip);
      else if (deltaToken !== null) from = Number(deltaToken);
      else {
        const select = url.searchParams.get('$select')?.split(',') ?? [];
        const filter = url.searchParams.get('$filter') ?? '';
        if (!MAILBOX_MESSAGE_FIELDS.every((field) => select.includes(field))) return graphError(400, 'BadSelect');
        if (!/^receivedDateTime ge \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(filter)) return graphError(400, 'BadFilter');
        from = 0;
      }
      const link = (token: string) => `${baseUrl}${url.pathname}?${token}`;
      const value = messages.slice(from, from + PAGE);
      const next = from + value.length;
      return reply(200, {
        value,
        ...(next < messages.length
          ? { '@odata.nextLink': link(`$skiptoken=${next}`) }
          : { '@odata.deltaLink': link(`$deltatoken=${next}`) }),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
});

const connection = () => localGraphConnection(baseUrl);

let sequence = 0;
function message(overrides: Partial<GraphMailMessage> & { from?: string; to?: string[] }): GraphMailMessage {
  sequence += 1;
  const { from, to, ...rest } = overrides;
  return {
    id: `AAMk-${sequence}`,
    internetMessageId: `<graph-${sequence}@acme.example>`,
    subject: `Message ${sequence}`,
    body: { contentType: 'text', content: `Body ${sequence}` },
    from: { emailAddress: { name: 'Sender', address: from ?? 'ana@acme.example' } },
    toRecipients: (to ?? ['rita@contoso.example']).map((address) => ({ emailAddress: { address } })),
    ccRecipients: [],
    receivedDateTime: '2025-03-04T10:00:00Z',
    sentDateTime: '2025-03-04T09:59:58Z',
    internetMessageHeaders: [{ name: 'Received', value: 'from mx.acme.example' }],
    ...rest,
  };
}

async function readRound(options: { deltaLink: string | null; mailbox?: string; folder?: 'inbox' | 'sentitems' }) {
  const messages: GraphMailMessage[] = [];
  let deltaLink: string | undefined;
  for await (const page of readMailFolderChanges(createGraphClient(connection()), {
    mailbox: options.mailbox ?? 'rita@contoso.example',
    folder: options.folder ?? 'inbox',
    deltaLink: options.deltaLink,
    since: new Date('2025-03-01T08:00:00.123Z'),
  })) {
    messages.push(...page.messages);
    deltaLink = page.deltaLink;
  }
  return { messages, deltaLink };
}

/** The MailboxReadError a read fails with (a read that succeeds fails the test). */
const failureOf = (read: Promise<unknown>): Promise<MailboxReadError> =>
  read.then(
    () => {
      throw new Error('the read succeeded');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(MailboxReadError);
      return error as MailboxReadError;
    },
  );

describe('reading a mail folder with Graph’s delta query', () => {
  it('asks for the fields and the mail since the start, follows the pages to the delta link, and drops removals', async () => {
    const first = [message({}), { id: 'AAMk-gone', '@removed': { reason: 'deleted' as const } }, message({})] as const;
    folders.set('rita@contoso.example/inbox', [...first]);

    const round = await readRound({ deltaLink: null });
    expect(round.messages.map((entry) => entry.id)).toEqual([first[0].id, first[2].id]);
    expect(round.deltaLink).toBe(
      `${baseUrl}/v1.0/users/rita%40contoso.example/mailFolders/inbox/messages/delta?$deltatoken=3`,
    );

    const [initial, next] = requests;
    expect(initial?.path).toBe('/v1.0/users/rita%40contoso.example/mailFolders/inbox/messages/delta');
    expect(initial?.query.get('$filter')).toBe('receivedDateTime ge 2025-03-01T08:00:00Z');
    expect(initial?.query.get('$select')?.split(',')).toEqual([...MAILBOX_MESSAGE_FIELDS]);
    expect(initial?.headers.authorization).toBe('Bearer mail-token');
    // The following page is Graph's own link, with its options encoded in the token.
    expect(next?.query.get('$skiptoken')).toBe('2');

    // The next round starts from the delta link and gets only what arrived since.
    folders.get('rita@contoso.example/inbox')?.push(message({ subject: 'Later' }));
    requests.length = 0;
    const later = await readRound({ deltaLink: round.deltaLink ?? null });
    expect(later.messages.map((entry) => entry.subject)).toEqual(['Later']);
    expect(requests).toHaveLength(1);
  });

  it('says why a folder could not be read: sync state lost, try later (with Graph’s wait), or no access', async () => {
    folders.set('rita@contoso.example/sentitems', []);
    const folder = { folder: 'sentitems' as const, deltaLink: null };

    failures.set('rita@contoso.example/sentitems', { status: 410, code: 'SyncStateNotFound' });
    expect((await failureOf(readRound(folder))).kind).toBe('sync-state-lost');

    failures.set('rita@contoso.example/sentitems', {
      status: 429,
      code: 'ApplicationThrottled',
      headers: { 'retry-after': '7' },
    });
    const throttled = await failureOf(readRound(folder));
    expect(throttled).toMatchObject({ kind: 'later', retryAfterMs: 7000 });
    expect(throttled.message).toContain('429');

    failures.set('rita@contoso.example/sentitems', { status: 503, code: 'ServiceUnavailable' });
    expect((await failureOf(readRound(folder))).kind).toBe('later');

    const missing = await failureOf(readRound({ ...folder, mailbox: 'nobody@contoso.example' }));
    expect(missing.kind).toBe('no-access');
    expect(missing.message).toContain('ErrorInvalidUser');

    failures.set('rita@contoso.example/sentitems', { status: 403, code: 'ErrorAccessDenied' });
    expect((await failureOf(readRound(folder))).kind).toBe('no-access');
  });
});

describe('the mailbox-sync job against Microsoft 365', () => {
  let t: TestApp;
  let rita: TestUser;
  let omar: TestUser;
  let contactId: string;

  beforeAll(async () => {
    t = await buildTestApp({
      MERIDIAN_GRAPH_TENANT_ID: 'contoso.onmicrosoft.com',
      MERIDIAN_GRAPH_CLIENT_ID: 'app-id',
      MERIDIAN_GRAPH_CLIENT_SECRET: 'app-secret',
      MERIDIAN_GRAPH_LOGIN_URL: baseUrl,
      MERIDIAN_GRAPH_API_URL: `${baseUrl}/v1.0`,
      MERIDIAN_GRAPH_MAILBOX_SYNC: 'true',
    });
    rita = await t.createUser({ name: 'Rita Patel' });
    omar = await t.createUser({ name: 'Omar Haddad' });
    const account = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rita,
      payload: { name: 'Acme Sync' },
    });
    const contact = await t.request({
      method: 'POST',
      url: '/api/v1/contacts',
      as: rita,
      payload: { accountId: account.json().id, firstName: 'Ana', lastName: 'Lopez', email: 'ana@acme.example' },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    contactId = contact.json().id;
  });
  afterAll(() => t.close());

  const logged = () => t.deps.database.db.select().from(communications).where(eq(communications.contactId, contactId));
  const stateOf = async (userId: string, folder: string) =>
    (await t.deps.database.db.select().from(mailboxSyncStates).where(eq(mailboxSyncStates.userId, userId))).find(
      (state) => state.folder === folder,
    );

  it('logs each message with a contact once over two rounds, and backs off from a mailbox Graph does not know', async () => {
    const fromAna = message({ from: 'ana@acme.example', to: [rita.email, omar.email], subject: 'Question' });
    const toAna = message({ from: rita.email, to: ['ana@acme.example'], subject: 'Answer' });
    const sentByMeridian = message({
      from: rita.email,
      to: ['ana@acme.example'],
      subject: 'Queued in Meridian',
      internetMessageHeaders: [{ name: 'X-Meridian-Message-Id', value: '<0190@meridian.example>' }],
    });
    const personal = message({ from: 'friend@personal.example', to: [rita.email], subject: 'Lunch?' });
    folders.set(`${rita.email}/inbox`, [fromAna, personal]);
    folders.set(`${rita.email}/sentitems`, [toAna, sentByMeridian]);
    // Omar was copied: the same message in his inbox.
    folders.set(`${omar.email}/inbox`, [fromAna]);
    folders.set(`${omar.email}/sentitems`, []);

    await mailboxSyncJob.handle(t.deps, {});
    expect((await logged()).map((row) => [row.subject, row.direction, row.status, row.ownerId]).sort()).toEqual([
      ['Answer', 'outbound', 'sent', rita.id],
      ['Question', 'inbound', 'received', rita.id],
    ]);
    expect((await stateOf(rita.id, 'inbox'))?.deltaLink).toContain('$deltatoken=2');
    // The admin has no mailbox in this tenant: recorded, and left alone for a while.
    const adminInbox = await stateOf(t.admin.id, 'inbox');
    expect(adminInbox).toMatchObject({ failures: 1, deltaLink: null });
    expect(adminInbox?.lastError).toContain('ErrorInvalidUser');
    expect(adminInbox?.leaseUntil?.getTime()).toBeGreaterThan(Date.now());

    // Second round: new mail, and Graph has forgotten Rita's Sent Items state (410): read again from the last round.
    const followUp = message({ from: 'ana@acme.example', to: [rita.email], subject: 'Follow-up' });
    folders.get(`${rita.email}/inbox`)?.push(followUp);
    failures.set(`${rita.email}/sentitems`, { status: 410, code: 'SyncStateNotFound' });
    requests.length = 0;
    await mailboxSyncJob.handle(t.deps, {});

    const rows = await logged();
    expect(rows.map((row) => row.subject).sort()).toEqual(['Answer', 'Follow-up', 'Question']);
    expect(new Set(rows.map((row) => row.messageId)).size).toBe(3);
    expect(requests.some((request) => request.path.includes(encodeURIComponent(t.admin.email)))).toBe(false);
    expect(
      requests.filter((request) => request.path.includes('/inbox/') && request.query.get('$deltatoken') !== null),
    ).toHaveLength(2);
    const ritaSentItems = requests.filter((request) =>
      request.path.includes(`${encodeURIComponent(rita.email)}/mailFolders/sentitems`),
    );
    // The delta link was refused, and the folder read again from the time of the last good round.
    expect(ritaSentItems.map((request) => [...request.query.keys()][0])).toEqual(['$deltatoken', '$select']);
    expect(await stateOf(rita.id, 'sentitems')).toMatchObject({ failures: 0, lastError: null, leaseUntil: null });
  });
});
