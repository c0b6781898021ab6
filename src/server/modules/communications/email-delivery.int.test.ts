import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { type ReceivedMail, startSmtpServer } from '../../../../test/helpers/smtp-server.js';
import { loadConfig } from '../../config.js';
import { communications, jobs } from '../../db/schema/index.js';
import { createOutboxTransport } from '../../integrations/mail/outbox.js';
import { createSmtpTransport } from '../../integrations/mail/smtp.js';
import { mailTransportFor } from '../../integrations/mail/transport.js';
import { emailDeliveryJob } from '../../jobs/email-delivery.job.js';
import { createJobWorker } from '../../jobs/queue.js';
import { claimDueEmails } from './email-delivery.repository.js';
import { deliverDueEmails } from './email-delivery.service.js';
import { MAX_DELIVERY_ATTEMPTS, UNDO_SEND_MS } from './message-delivery.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let rep: TestUser;
let otherRep: TestUser;
let accountId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ MERIDIAN_SMTP_URL: smtp.url, MERIDIAN_MAIL_FROM: 'Meridian <crm@meridian.example>' });
  rep = await t.createUser({ name: 'Rita Patel' });
  otherRep = await t.createUser();
  const account = await t.request({
    method: 'POST',
    url: '/api/v1/accounts',
    as: rep,
    payload: { name: 'Mailbox Inc' },
  });
  accountId = account.json().id;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function queueEmail(payload: Record<string, unknown> = {}, as: TestUser = rep) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/communications',
    as,
    payload: {
      channel: 'email',
      direction: 'outbound',
      status: 'queued',
      accountId,
      subject: 'Price list for 2027',
      body: 'Hello Ana,\n\nthe new price list is attached to our next visit.\n\nRita',
      to: ['Ana Lopez <ana@acme.example>'],
      ...payload,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function read(id: string, as: TestUser = rep) {
  const response = await t.request({ method: 'GET', url: `/api/v1/communications/${id}`, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const mailTo = (address: string): ReceivedMail | undefined =>
  smtp.received.find((mail) => mail.recipients.includes(address));

/** A moment after the chance to take a message back is over. */
const settled = () => new Date(Date.now() + UNDO_SEND_MS + 1000);

/** A local port nothing listens on: a mail server that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sending queued e-mail over SMTP', () => {
  it('sends a queued e-mail from its owner through the relay, and logs it as sent', async () => {
    const queued = await queueEmail({ cc: ['buyer@acme.example'] });
    expect(queued).toMatchObject({ status: 'queued', messageId: null, deliveryError: null });

    expect(await deliverDueEmails(t.deps, { now: settled })).toEqual({ sent: 1, failed: 0, retrying: 0 });

    const sent = await read(queued.id);
    expect(sent).toMatchObject({
      status: 'sent',
      from: `Rita Patel <${rep.email}>`,
      messageId: `<${queued.id}@meridian.example>`,
      deliveryError: null,
      version: queued.version + 1,
    });
    expect(Date.parse(sent.occurredAt)).toBeGreaterThanOrEqual(Date.parse(queued.occurredAt));

    const mail = mailTo('ana@acme.example');
    expect(mail?.envelopeFrom).toBe('crm@meridian.example');
    expect(mail?.recipients).toEqual(['ana@acme.example', 'buyer@acme.example']);
    expect(mail?.headers).toMatchObject({
      from: `Rita Patel <${rep.email}>`,
      sender: 'crm@meridian.example',
      to: 'Ana Lopez <ana@acme.example>',
      cc: 'buyer@acme.example',
      subject: 'Price list for 2027',
      'message-id': sent.messageId,
    });
    expect(mail?.body).toContain('the new price list is attached');

    // Sent once: the next run finds nothing to do.
    expect(await deliverDueEmails(t.deps, { now: settled })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(smtp.received.filter((received) => received.headers['message-id'] === sent.messageId)).toHaveLength(1);
  });

  it('keeps a message queued for later until its time, and sends it then', async () => {
    const later = new Date(Date.now() + 3_600_000);
    const queued = await queueEmail({ to: ['later@acme.example'], occurredAt: later.toISOString() });
    expect(await deliverDueEmails(t.deps, { now: settled })).toMatchObject({ sent: 0 });
    expect((await read(queued.id)).status).toBe('queued');

    const afterItsTime = () => new Date(later.getTime() + 1000);
    expect(await deliverDueEmails(t.deps, { now: afterItsTime })).toMatchObject({ sent: 1 });
    expect((await read(queued.id)).status).toBe('sent');
    expect(mailTo('later@acme.example')).toBeDefined();
  });

  it('waits a moment before sending, so a message can be taken back', async () => {
    const queued = await queueEmail({ to: ['undo@acme.example'] });
    expect(await deliverDueEmails(t.deps)).toMatchObject({ sent: 0 });
    const undone = await t.request({ method: 'DELETE', url: `/api/v1/communications/${queued.id}`, as: rep });
    expect(undone.statusCode).toBe(204);
    await deliverDueEmails(t.deps, { now: settled });
    expect(mailTo('undo@acme.example')).toBeUndefined();
  });

  it('sends through the job queued with the message, once the moment to take it back is over', async () => {
    const queued = await queueEmail({ to: ['job@acme.example'] });
    const [job] = await t.deps.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.singletonKey, `email-delivery:${queued.id}:${queued.version}`));
    expect(job?.status).toBe('queued');
    expect(job?.runAt.getTime()).toBe(Date.parse(queued.updatedAt) + UNDO_SEND_MS);
    // The moment passes.
    const past = new Date(Date.now() - UNDO_SEND_MS - 1000);
    await t.deps.database.db.update(communications).set({ updatedAt: past }).where(eq(communications.id, queued.id));
    await t.deps.database.db
      .update(jobs)
      .set({ runAt: past })
      .where(eq(jobs.id, job?.id as string));

    expect(await createJobWorker(t.deps, [emailDeliveryJob]).runDueJobs()).toBeGreaterThanOrEqual(1);
    expect((await read(queued.id)).status).toBe('sent');
    expect(mailTo('job@acme.example')?.headers.subject).toBe('Price list for 2027');
  });

  it('names the recipients the server refused while it took the message for the others', async () => {
    const queued = await queueEmail({ to: ['partial@acme.example', 'nobody@acme.example'] });
    await deliverDueEmails(t.deps, { now: settled });
    const sent = await read(queued.id);
    expect(sent.status).toBe('sent');
    expect(sent.deliveryError).toBe('refused by the mail server: nobody@acme.example');
    expect(mailTo('partial@acme.example')?.recipients).toEqual(['partial@acme.example']);
  });

  it('fails a message every recipient of which is refused, says why, and tells its owner', async () => {
    const queued = await queueEmail({ to: ['nobody@acme.example'], subject: 'Undeliverable' });
    expect(await deliverDueEmails(t.deps, { now: settled })).toMatchObject({ failed: 1 });
    const failed = await read(queued.id);
    expect(failed.status).toBe('failed');
    expect(failed.deliveryError).toMatch(/^SMTP: 550 .*mailbox unavailable/);

    const inbox = await t.request({ method: 'GET', url: '/api/v1/notifications', as: rep });
    expect(inbox.json().data).toContainEqual(
      expect.objectContaining({
        kind: 'email_failed',
        title: 'E-mail not sent: Undeliverable',
        body: failed.deliveryError,
        entity: 'accounts',
        entityId: accountId,
      }),
    );

    // Mended and queued again, it goes with a fresh set of attempts.
    const mended = await t.request({
      method: 'PATCH',
      url: `/api/v1/communications/${queued.id}`,
      as: rep,
      payload: { to: ['mended@acme.example'], status: 'queued' },
    });
    expect(mended.statusCode, mended.body).toBe(200);
    expect(mended.json()).toMatchObject({ status: 'queued', deliveryError: null });
    expect(await deliverDueEmails(t.deps, { now: settled })).toMatchObject({ sent: 1 });
    expect(mailTo('mended@acme.example')?.headers.subject).toBe('Undeliverable');
  });

  it('fails a message with no recipient at once, without asking the server', async () => {
    const before = smtp.received.length;
    const queued = await queueEmail({ to: [] });
    await deliverDueEmails(t.deps, { now: settled });
    expect(await read(queued.id)).toMatchObject({
      status: 'failed',
      deliveryError: expect.stringContaining('no recipients'),
    });
    expect(smtp.received).toHaveLength(before);
  });

  it('retries while the relay is down, with a growing pause, then gives up and says so', async () => {
    const down = createSmtpTransport({ url: `smtp://127.0.0.1:${await closedPort()}`, envelopeFrom: null });
    const queued = await queueEmail({ to: ['retry@acme.example'] });
    let clock = settled().getTime();
    const now = () => new Date(clock);

    expect(await deliverDueEmails(t.deps, { transport: down, now })).toMatchObject({ retrying: 1 });
    let message = await read(queued.id);
    expect(message.status).toBe('queued');
    expect(message.deliveryError).toMatch(/^attempt 1 of 5 failed, will retry: SMTP: /);
    // Not again before the pause is over.
    expect(await deliverDueEmails(t.deps, { transport: down, now })).toMatchObject({ retrying: 0 });

    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      clock += 60 * 60_000;
      await deliverDueEmails(t.deps, { transport: down, now });
    }
    message = await read(queued.id);
    expect(message.status).toBe('failed');
    expect(message.deliveryError).toMatch(/^SMTP: /);
    const [row] = await t.deps.database.db.select().from(communications).where(eq(communications.id, queued.id));
    expect(row?.deliveryAttempts).toBe(MAX_DELIVERY_ATTEMPTS);
  });

  it('refuses a change while the message is being sent, and sends it again after a worker died', async () => {
    const queued = await queueEmail({ to: ['crash@acme.example'] });
    const leaseUntil = new Date(Date.now() + 60_000);
    // A worker takes the message and dies before it can say how the sending went.
    const [claimed] = await claimDueEmails(t.deps.database.db, {
      now: new Date(),
      settledBefore: new Date(),
      leaseUntil,
      limit: 50,
      messageIdDomain: 'meridian.example',
    });
    expect(claimed?.id).toBe(queued.id);

    const change = await t.request({
      method: 'PATCH',
      url: `/api/v1/communications/${queued.id}`,
      as: rep,
      payload: { subject: 'Changed while sending' },
    });
    expect(change.statusCode).toBe(409);
    expect(change.json().detail).toMatch(/being sent/);
    expect(await deliverDueEmails(t.deps, { now: settled })).toMatchObject({ sent: 0 });

    // Once the lease has run out, the next worker sends it, with the Message-ID chosen the first time.
    const afterTheLease = () => new Date(leaseUntil.getTime() + 1000);
    expect(await deliverDueEmails(t.deps, { now: afterTheLease })).toMatchObject({ sent: 1 });
    const sent = await read(queued.id);
    expect(sent).toMatchObject({ status: 'sent', subject: 'Price list for 2027', messageId: claimed?.messageId });
    expect(mailTo('crash@acme.example')?.headers['message-id']).toBe(claimed?.messageId);
  });

  it('leaves logged messages alone: inbound, sent, calls and texts are never sent', async () => {
    const before = smtp.received.length;
    await queueEmail({ status: 'sent', to: ['logged@acme.example'] });
    await queueEmail({ direction: 'inbound', status: 'received', to: ['inbound@acme.example'] });
    await queueEmail({ channel: 'sms', to: ['+1 312 555 0101'] });
    expect(await deliverDueEmails(t.deps, { now: settled })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(before);
  });

  it('sends from the address the message names, and only its owner side may change it', async () => {
    const queued = await queueEmail({ from: 'sales@mailbox.example', to: ['own-from@acme.example'] });
    const foreign = await t.request({
      method: 'PATCH',
      url: `/api/v1/communications/${queued.id}`,
      as: otherRep,
      payload: { subject: 'Hijacked' },
    });
    expect([403, 404]).toContain(foreign.statusCode);
    await deliverDueEmails(t.deps, { now: settled });
    expect(mailTo('own-from@acme.example')?.headers.from).toBe('sales@mailbox.example');
    expect((await read(queued.id)).from).toBe('sales@mailbox.example');
  });
});

describe('files sent with an e-mail', () => {
  /** A file kept on the account, uploaded as the dashboard does. */
  async function keepFile(as: TestUser, name: string, bytes: Buffer) {
    const data = new FormData();
    data.append('accountId', accountId);
    data.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    const encoded = new Response(data);
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/attachments',
      as,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }
  const filesOf = async (communicationId: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/attachments?communicationId=${communicationId}`, as: rep })).json()
      .data as { id: string; fileName: string; sha256: string }[];

  it('copies the chosen files onto the e-mail and sends them with it', async () => {
    const brochure = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 250, 255])]);
    const fileId = await keepFile(rep, 'Brochure 2027.pdf', brochure);
    const queued = await queueEmail({ to: ['files@acme.example'], attachmentIds: [fileId] });
    const copies = await filesOf(queued.id);
    expect(copies).toEqual([expect.objectContaining({ fileName: 'Brochure 2027.pdf', communicationId: queued.id })]);
    expect(copies[0]?.id).not.toBe(fileId);

    await deliverDueEmails(t.deps, { now: settled });
    const mail = mailTo('files@acme.example');
    expect(mail?.raw).toContain('Content-Type: application/pdf; name="Brochure 2027.pdf"');
    const encoded = /\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(mail?.raw.split('Brochure 2027.pdf').at(-1) ?? '')?.[1];
    expect(Buffer.from((encoded ?? '').replace(/\r\n/g, ''), 'base64').equals(brochure)).toBe(true);
  });

  it('refuses files one may not see, and files on anything but an e-mail going out, writing nothing', async () => {
    const othersFile = await keepFileOfOther();
    const before = await t.deps.database.db.$count(communications);
    const hidden = await t.request({
      method: 'POST',
      url: '/api/v1/communications',
      as: rep,
      payload: {
        channel: 'email',
        direction: 'outbound',
        status: 'queued',
        accountId,
        to: ['a@acme.example'],
        attachmentIds: [othersFile],
      },
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([{ path: 'attachmentIds.0', message: 'no such file' }]);
    const fileId = await keepFile(rep, 'Call notes.pdf', Buffer.from('%PDF-1.4 notes'));
    const call = await t.request({
      method: 'POST',
      url: '/api/v1/communications',
      as: rep,
      payload: { channel: 'call', direction: 'outbound', accountId, attachmentIds: [fileId] },
    });
    expect(call.statusCode).toBe(400);
    expect(await t.deps.database.db.$count(communications)).toBe(before);
  });

  it('takes the files along when the e-mail is taken back, and brings them back with it', async () => {
    const fileId = await keepFile(rep, 'Offer.pdf', Buffer.from('%PDF-1.4 offer'));
    const queued = await queueEmail({ attachmentIds: [fileId] });
    expect(await filesOf(queued.id)).toHaveLength(1);
    const undo = await t.request({ method: 'DELETE', url: `/api/v1/communications/${queued.id}`, as: rep });
    expect(undo.statusCode).toBe(204);
    expect(await filesOf(queued.id)).toEqual([]);
    // The original stays on the account.
    const original = await t.request({ method: 'GET', url: `/api/v1/attachments/${fileId}`, as: rep });
    expect(original.statusCode).toBe(200);
    const restored = await t.request({ method: 'POST', url: `/api/v1/communications/${queued.id}/restore`, as: rep });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await filesOf(queued.id)).toHaveLength(1);
    // Taken back for good, so the suite's later deliveries find no message of this test.
    await t.request({ method: 'DELETE', url: `/api/v1/communications/${queued.id}`, as: rep });
  });

  /** A file on an account of another rep, in no territory of ours: one the rep cannot see. */
  async function keepFileOfOther() {
    const account = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: otherRep,
      payload: { name: 'Elsewhere Ltd' },
    });
    const data = new FormData();
    data.append('accountId', account.json().id);
    data.append('file', new Blob(['secret'], { type: 'text/plain' }), 'secret.txt');
    const encoded = new Response(data);
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/attachments',
      as: otherRep,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
    return response.json().id as string;
  }
});

describe('the offline outbox', () => {
  it('is the transport when no relay is configured', () => {
    const config = loadConfig({ MERIDIAN_DATA_DIR: '/srv/meridian' });
    expect(config.mail.transport).toEqual({ kind: 'outbox', directory: '/srv/meridian/outbox' });
    expect(mailTransportFor(config).name).toBe('outbox:/srv/meridian/outbox');
  });

  it('writes each message as a complete .eml file and logs it as sent', async () => {
    const directory = path.join(t.deps.config.dataDir, 'outbox-test');
    const transport = createOutboxTransport({ directory, envelopeFrom: 'crm@meridian.example' });
    const queued = await queueEmail({ to: ['outbox@acme.example'], subject: 'Offline hello' });
    expect(await deliverDueEmails(t.deps, { transport, now: settled })).toMatchObject({ sent: 1 });

    const files = fs.readdirSync(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = fs.readFileSync(path.join(directory, files[0] as string), 'utf8');
    expect(eml).toContain('Subject: Offline hello\r\n');
    expect(eml).toContain('To: outbox@acme.example\r\n');
    expect(eml).toContain(`Message-ID: <${queued.id}@meridian.example>\r\n`);
    expect(eml).toContain('the new price list is attached');
    expect((await read(queued.id)).status).toBe('sent');
  });
});
