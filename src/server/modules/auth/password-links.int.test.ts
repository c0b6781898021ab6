import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { startSmtpServer } from '../../../../test/helpers/smtp-server.js';
import { passwordLinks } from '../../db/schema/index.js';
import { noticeEmailJob } from '../../jobs/notice-email.job.js';
import { createJobWorker } from '../../jobs/queue.js';
import { sha256 } from './secrets.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ MERIDIAN_SMTP_URL: smtp.url, MERIDIAN_PUBLIC_URL: 'https://crm.example.com' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const NEW_PASSWORD = 'a brand new passphrase';
const post = (url: string, payload: Record<string, unknown>, as?: TestUser) =>
  t.request({ method: 'POST', url: `/api/v1${url}`, payload, as });
const logIn = (email: string, password: string) => post('/auth/login', { email, password });

/** Sends what is queued, and answers the token of the latest e-mail to `address` (and the e-mail). */
async function linkMailedTo(address: string) {
  await createJobWorker(t.deps, [noticeEmailJob]).runDueJobs();
  const mail = smtp.received.filter((received) => received.recipients.includes(address)).at(-1);
  const token = /https:\/\/crm\.example\.com\/reset-password#token=([\w-]+)/.exec(mail?.body ?? '')?.[1];
  expect(token, 'the e-mail carries the link').toBeDefined();
  return { token: token as string, mail: mail as NonNullable<typeof mail> };
}
const mailsTo = (address: string) => smtp.received.filter((received) => received.recipients.includes(address));

describe('forgot password', () => {
  it('e-mails a one-time link that sets a new password and ends every session', async () => {
    const rep = await t.createUser({ name: 'Rita Patel' });
    const session = await logIn(rep.email, rep.password);
    expect((await post('/auth/password-reset', { email: rep.email.toUpperCase() })).statusCode).toBe(202);
    const { token, mail } = await linkMailedTo(rep.email);
    expect(mail.headers.subject).toBe('Choose a new Meridian password');
    expect(mail.body).toContain('Hello Rita,');

    const link = await post('/auth/password-link', { token });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json()).toMatchObject({ purpose: 'reset', email: rep.email, name: 'Rita Patel' });

    // A short password is refused and changes nothing: the link still works, the old password too.
    const weak = await post('/auth/password', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.headers['content-type']).toContain('application/problem+json');
    expect((await logIn(rep.email, rep.password)).statusCode).toBe(200);

    expect((await post('/auth/password', { token, password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await logIn(rep.email, rep.password)).statusCode).toBe(401);
    expect((await logIn(rep.email, NEW_PASSWORD)).statusCode).toBe(200);
    const refreshed = await post('/auth/refresh', { refreshToken: session.json().refreshToken });
    expect(refreshed.statusCode, 'the sessions from before end').toBe(401);

    // Used once, the link is done.
    expect((await post('/auth/password', { token, password: 'yet another passphrase' })).statusCode).toBe(404);
    expect((await post('/auth/password-link', { token })).statusCode).toBe(404);
  });

  it('answers alike for an unknown address, and e-mails a person at most once a minute', async () => {
    const before = smtp.received.length;
    expect((await post('/auth/password-reset', { email: 'nobody-here@example.com' })).statusCode).toBe(202);
    await createJobWorker(t.deps, [noticeEmailJob]).runDueJobs();
    expect(smtp.received.length).toBe(before);

    const rep = await t.createUser({});
    await post('/auth/password-reset', { email: rep.email });
    await post('/auth/password-reset', { email: rep.email });
    await createJobWorker(t.deps, [noticeEmailJob]).runDueJobs();
    expect(mailsTo(rep.email)).toHaveLength(1);
    expect((await post('/auth/password-reset', { email: '' })).statusCode).toBe(400);
  });

  it('refuses an expired link, a replaced one, and the link of someone deactivated', async () => {
    const rep = await t.createUser({});
    await post('/auth/password-reset', { email: rep.email });
    const { token } = await linkMailedTo(rep.email);
    await t.deps.database.db
      .update(passwordLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordLinks.tokenHash, sha256(token)));
    expect((await post('/auth/password', { token, password: NEW_PASSWORD })).statusCode).toBe(404);

    const resent = await post(`/users/${rep.id}/invitation`, {}, t.admin);
    expect(resent.statusCode, resent.body).toBe(202);
    const { token: invitation } = await linkMailedTo(rep.email);
    await t.request({ method: 'PATCH', url: `/api/v1/users/${rep.id}`, as: t.admin, payload: { active: false } });
    expect((await post('/auth/password-link', { token: invitation })).statusCode).toBe(404);
    expect((await post(`/users/${rep.id}/invitation`, {}, t.admin)).statusCode).toBe(409);
    expect((await post('/auth/password-link', { token: 'x'.repeat(43) })).statusCode).toBe(404);
  });
});

describe('invitations', () => {
  it('e-mail a user created without a password the link to choose one, and again on request', async () => {
    const created = await post(
      '/users',
      { name: 'Omar Haddad', email: 'omar.haddad@example.com', role: 'rep' },
      t.admin,
    );
    expect(created.statusCode, created.body).toBe(201);
    const first = await linkMailedTo('omar.haddad@example.com');
    expect(first.mail.headers.subject).toBe('Your Meridian account');
    expect(first.mail.body).toContain('opened a Meridian account for you (omar.haddad@example.com)');
    expect((await post('/auth/password-link', { token: first.token })).json().purpose).toBe('invitation');

    // Sent again, the first link stops working; a rep may not send it.
    const rep = await t.createUser({});
    expect((await post(`/users/${created.json().id}/invitation`, {}, rep)).statusCode).toBe(403);
    expect((await post(`/users/${created.json().id}/invitation`, {}, t.admin)).statusCode).toBe(202);
    const second = await linkMailedTo('omar.haddad@example.com');
    expect(second.token).not.toBe(first.token);
    expect((await post('/auth/password-link', { token: first.token })).statusCode).toBe(404);

    expect((await post('/auth/password', { token: second.token, password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await logIn('omar.haddad@example.com', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('are not sent to a user created with a password', async () => {
    await post(
      '/users',
      { name: 'Has Password', email: 'has.password@example.com', role: 'rep', password: 'their own passphrase' },
      t.admin,
    );
    await createJobWorker(t.deps, [noticeEmailJob]).runDueJobs();
    expect(mailsTo('has.password@example.com')).toHaveLength(0);
  });
});
