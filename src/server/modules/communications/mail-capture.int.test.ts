import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { auditLog, communications } from '../../db/schema/index.js';
import { type CapturedMail, captureMail } from './mail-capture.service.js';
import { captureInboxDirectory } from './mail-capture-directory.service.js';

let t: TestApp;
let inbox: string;
let rep: TestUser;
let otherRep: TestUser;
let accountId: string;
let contactId: string;
let leadId: string;

beforeAll(async () => {
  inbox = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-inbox-'));
  t = await buildTestApp({ MERIDIAN_MAIL_INBOX_DIR: inbox });
  rep = await t.createUser({ name: 'Rita Patel' });
  otherRep = await t.createUser();
  const create = async (url: string, payload: Record<string, unknown>) => {
    const response = await t.request({ method: 'POST', url, as: rep, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  accountId = await create('/api/v1/accounts', { name: 'Acme Mail' });
  // Stored as typed, in mixed case: matching ignores case.
  contactId = await create('/api/v1/contacts', {
    accountId,
    firstName: 'Ana',
    lastName: 'Lopez',
    email: 'Ana.Lopez@Acme.example',
  });
  leadId = await create('/api/v1/leads', {
    firstName: 'Leo',
    lastName: 'Novak',
    email: 'leo@prospect.example',
    source: 'website',
  });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(inbox, { recursive: true, force: true });
});

let sequence = 0;
function mail(overrides: Partial<CapturedMail> = {}): CapturedMail {
  sequence += 1;
  return {
    messageId: `<capture-${sequence}-${Date.now()}@acme.example>`,
    from: { address: 'ana.lopez@acme.example', name: 'Ana Lopez' },
    to: [{ address: rep.email }],
    cc: [],
    subject: 'Re: price list',
    text: 'Thanks Rita, the prices look good.',
    date: new Date('2025-03-04T10:15:00Z'),
    sentByMeridian: false,
    ...overrides,
  };
}

async function logged(messageId: string | null) {
  return t.deps.database.db
    .select()
    .from(communications)
    .where(eq(communications.messageId, messageId ?? ''));
}

async function readAs(viewer: TestUser, id: string) {
  return t.request({ method: 'GET', url: `/api/v1/communications/${id}`, as: viewer });
}

describe('capturing mail exchanged outside Meridian', () => {
  it('logs a contact’s message to a user as received, on the contact and its account, owned by the user', async () => {
    const message = mail();
    expect(await captureMail(t.deps, message)).toBe('logged');

    const [row] = await logged(message.messageId);
    const response = await readAs(rep, row?.id ?? '');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      channel: 'email',
      direction: 'inbound',
      status: 'received',
      subject: 'Re: price list',
      body: 'Thanks Rita, the prices look good.',
      from: 'Ana Lopez <ana.lopez@acme.example>',
      to: [rep.email.toLowerCase()],
      occurredAt: '2025-03-04T10:15:00.000Z',
      ownerId: rep.id,
      contactId,
      accountId,
      leadId: null,
      messageId: message.messageId,
      version: 1,
    });

    // Written as the system, like every other automatic write, with the record as created.
    const audit = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'communications'), eq(auditLog.entityId, row?.id ?? '')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorId: null, before: null });
    expect(audit[0]?.after).toMatchObject({ direction: 'inbound', contactId, messageId: message.messageId });
  });

  it('logs a user’s message to a contact as sent, owned by the sender, whatever the case of the addresses', async () => {
    const message = mail({
      from: { address: rep.email.toUpperCase(), name: 'Rita Patel' },
      to: [{ address: 'someone@elsewhere.example' }, { address: 'ANA.LOPEZ@acme.example', name: 'Ana' }],
      cc: [{ address: 'leo@prospect.example' }],
    });
    expect(await captureMail(t.deps, message)).toBe('logged');
    const [row] = await logged(message.messageId);
    expect(row).toMatchObject({
      direction: 'outbound',
      status: 'sent',
      ownerId: rep.id,
      // A contact among the recipients wins over a lead.
      contactId,
      accountId,
      leadId: null,
      fromAddress: `Rita Patel <${rep.email.toLowerCase()}>`,
      toAddresses: ['someone@elsewhere.example', 'Ana <ana.lopez@acme.example>'],
      ccAddresses: ['leo@prospect.example'],
    });
  });

  it('logs mail read from a user’s Sent Items as sent by that user', async () => {
    const message = mail({
      from: { address: 'rita-alias@contoso.example' },
      to: [{ address: 'ana.lopez@acme.example' }],
      mailbox: { userId: rep.id, folder: 'sentitems' },
    });
    expect(await captureMail(t.deps, message)).toBe('logged');
    expect((await logged(message.messageId))[0]).toMatchObject({
      direction: 'outbound',
      status: 'sent',
      ownerId: rep.id,
    });
  });

  it('logs mail with a lead on the lead when no contact is involved', async () => {
    const message = mail({ from: { address: 'Leo@Prospect.example', name: 'Leo Novak' }, subject: 'Demo?' });
    expect(await captureMail(t.deps, message)).toBe('logged');
    expect((await logged(message.messageId))[0]).toMatchObject({
      direction: 'inbound',
      status: 'received',
      leadId,
      contactId: null,
      accountId: null,
      ownerId: rep.id,
    });
  });

  it('leaves an incoming message without a user among its recipients owner-less, seen through its account', async () => {
    const message = mail({ to: [{ address: 'sales@contoso.example' }] });
    expect(await captureMail(t.deps, message)).toBe('logged');
    const [row] = await logged(message.messageId);
    expect(row).toMatchObject({ ownerId: null, contactId, accountId });
    expect((await readAs(rep, row?.id ?? '')).statusCode).toBe(200);
  });

  it('does not log mail that involves no contact or lead', async () => {
    const message = mail({ from: { address: 'friend@personal.example' }, subject: 'Dinner on Friday?' });
    expect(await captureMail(t.deps, message)).toBe('unmatched');
    expect(await logged(message.messageId)).toHaveLength(0);
  });

  it('logs a message seen twice once, also when both reads race', async () => {
    const message = mail();
    expect(await captureMail(t.deps, message)).toBe('logged');
    expect(await captureMail(t.deps, { ...message, mailbox: { userId: rep.id, folder: 'inbox' } })).toBe('duplicate');

    const racing = mail();
    const outcomes = await Promise.all([captureMail(t.deps, racing), captureMail(t.deps, racing)]);
    expect(outcomes.sort()).toEqual(['duplicate', 'logged']);
    expect(await logged(racing.messageId)).toHaveLength(1);
  });

  it('skips mail Meridian sent itself', async () => {
    const message = mail({
      from: { address: rep.email },
      to: [{ address: 'ana.lopez@acme.example' }],
      sentByMeridian: true,
    });
    expect(await captureMail(t.deps, message)).toBe('sent-by-meridian');
    expect(await logged(message.messageId)).toHaveLength(0);
  });

  it('keeps the body within what a communication holds, and turns HTML-only mail into text', async () => {
    const long = mail({ text: 'x'.repeat(150_000) });
    await captureMail(t.deps, long);
    expect((await logged(long.messageId))[0]?.body).toHaveLength(100_000);

    const html = mail({ text: null, html: '<p>Hello <b>Rita</b></p><p>See you Monday</p>' });
    await captureMail(t.deps, html);
    expect((await logged(html.messageId))[0]?.body).toBe('Hello Rita\n\nSee you Monday');
  });

  it('shows a logged message only to those who may see its contact', async () => {
    const message = mail({ subject: 'Confidential pricing' });
    await captureMail(t.deps, message);
    const [row] = await logged(message.messageId);

    expect((await readAs(otherRep, row?.id ?? '')).statusCode).toBe(404);
    const list = await t.request({ method: 'GET', url: `/api/v1/communications?contactId=${contactId}`, as: otherRep });
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual([]);
    expect((await readAs(rep, row?.id ?? '')).statusCode).toBe(200);
  });
});

describe('the inbox directory', () => {
  const eml = (headers: Record<string, string>, body: string, contentType = 'text/plain; charset=utf-8') =>
    `${Object.entries({ ...headers, 'MIME-Version': '1.0', 'Content-Type': contentType })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}\r\n`;
  const write = (name: string, content: string) => fs.writeFileSync(path.join(inbox, name), content);
  const exists = (...parts: string[]) => fs.existsSync(path.join(inbox, ...parts));

  it('captures .eml files and moves each aside by outcome, reading each once', async () => {
    const fromContact = eml(
      {
        From: '"Ana Lopez" <ana.lopez@acme.example>',
        To: `Rita Patel <${rep.email}>`,
        Subject: 'Order 4711',
        Date: 'Wed, 05 Mar 2025 09:00:00 +0100',
        'Message-ID': '<order-4711@acme.example>',
      },
      '<p>Please confirm <b>order 4711</b>.</p>',
      'text/html; charset=utf-8',
    );
    write('0001-order.eml', fromContact);
    write(
      '0002-personal.eml',
      eml(
        { From: 'friend@personal.example', To: rep.email, Subject: 'Lunch', 'Message-ID': '<lunch@personal.example>' },
        'Lunch tomorrow?',
      ),
    );
    write(
      '0003-sent-by-meridian.eml',
      eml(
        {
          From: rep.email,
          To: 'ana.lopez@acme.example',
          Subject: 'Sent from Meridian',
          'Message-ID': '<graph-chosen@contoso.example>',
          'X-Meridian-Message-Id': '<0190-abc@meridian.example>',
        },
        'Logged when Meridian sent it.',
      ),
    );
    write('0004-garbage.eml', 'this is not an e-mail at all');
    write('0005-being-written.eml.tmp', fromContact);

    expect(await captureInboxDirectory(t.deps)).toEqual({ logged: 1, skipped: 1, unmatched: 1, failed: 1 });

    const [order] = await logged('<order-4711@acme.example>');
    expect(order).toMatchObject({
      direction: 'inbound',
      ownerId: rep.id,
      contactId,
      subject: 'Order 4711',
      body: 'Please confirm order 4711.',
      occurredAt: new Date('2025-03-05T08:00:00Z'),
    });
    expect(await logged('<lunch@personal.example>')).toHaveLength(0);
    expect(await logged('<graph-chosen@contoso.example>')).toHaveLength(0);
    expect(exists('processed', '0001-order.eml')).toBe(true);
    expect(exists('processed', '0003-sent-by-meridian.eml')).toBe(true);
    expect(exists('processed', 'unmatched', '0002-personal.eml')).toBe(true);
    expect(exists('failed', '0004-garbage.eml')).toBe(true);
    expect(exists('0005-being-written.eml.tmp')).toBe(true);
    expect(fs.readdirSync(inbox).filter((name) => name.endsWith('.eml'))).toEqual([]);

    // The same message dropped again is in the log already; the earlier file keeps its name.
    write('0001-order.eml', fromContact);
    expect(await captureInboxDirectory(t.deps)).toEqual({ logged: 0, skipped: 1, unmatched: 0, failed: 0 });
    expect(exists('processed', '0001-order-1.eml')).toBe(true);
    expect(await logged('<order-4711@acme.example>')).toHaveLength(1);
  });

  it('has nothing to do without a directory', async () => {
    const deps = {
      ...t.deps,
      config: { ...t.deps.config, mail: { ...t.deps.config.mail, inboxDirectory: path.join(inbox, 'none') } },
    };
    expect(await captureInboxDirectory(deps)).toEqual({ logged: 0, skipped: 0, unmatched: 0, failed: 0 });
  });
});
