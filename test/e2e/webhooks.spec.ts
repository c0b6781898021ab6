import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/server/modules/webhooks/webhook-signature.js';
import { unique } from './api.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * Webhooks, as an admin sets one up in the browser: a real HTTP endpoint in this process receives what the
 * server's worker POSTs, and each event's signature is checked with the secret the page showed once.
 */

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

let receiver: http.Server;
const received: Received[] = [];
let endpoint = '';

test.beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      // `/gone` is an endpoint retired for good: Meridian turns its webhook off.
      response.writeHead(request.url === '/gone' ? 410 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** Whether the receiver got an event of this type at this path, about this record, signed with `secret`. */
function gotSigned(path: string, type: string, secret: string, recordId?: string): boolean {
  return received.some((request) => {
    if (request.path !== path || request.headers['meridian-event-type'] !== type) return false;
    const event = JSON.parse(request.body);
    if (event.type !== type || (recordId !== undefined && event.data.object.id !== recordId)) return false;
    return verifyWebhookSignature(secret, request.body, String(request.headers['meridian-signature']));
  });
}

test('an admin subscribes an endpoint to new accounts, which receives them signed, and sends it a test event', async ({
  page,
  api,
}) => {
  const tag = unique();
  const path = `/hooks/${tag}`;
  await signIn(page);
  await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();

  // Nothing is sent before the form is right: both missing fields are named.
  await page.getByRole('button', { name: 'New webhook' }).click();
  const form = page.getByRole('dialog', { name: 'New webhook' });
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(form.getByText('Enter the address that receives the events')).toBeVisible();
  await expect(form.getByText('Choose at least one event, or Everything')).toBeVisible();
  await form.getByRole('textbox', { name: 'Endpoint URL' }).fill(`${endpoint}${path}`);
  await form.getByRole('textbox', { name: 'Description' }).fill(`ERP bridge ${tag}`);
  await form.getByRole('combobox', { name: 'Events' }).click();
  await form.getByRole('combobox', { name: 'Events' }).fill('account.created');
  await page.getByRole('option', { name: 'account.created', exact: true }).click();
  await form.getByRole('button', { name: 'Create webhook' }).click();

  // The secret, once, with how to check a signature.
  const created = page.getByRole('dialog', { name: 'Webhook created' });
  await expect(created).toContainText('will not be shown again');
  await expect(created).toContainText('Meridian-Signature');
  const secret = await created.getByRole('textbox', { name: 'Signing secret' }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expectAccessible(page);
  await created.getByRole('button', { name: 'Done' }).click();

  await page.getByPlaceholder('Search webhooks…').fill(tag);
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByRole('row', { name: new RegExp(tag) });
  await expect(row).toContainText('account.created');
  await expect(row).toContainText('Active');
  await page.mouse.move(0, 0);
  await expectAccessible(page);

  // A change made anywhere (here through the API) reaches the endpoint, signed with that secret.
  const account = await api.post('/accounts', { name: `Webhook Farm ${tag}` });
  await expect.poll(() => gotSigned(path, 'account.created', secret, account.id), { timeout: 20_000 }).toBe(true);

  // A test event, followed in the deliveries until the endpoint has taken it.
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send test event' }).click();
  const deliveries = page.getByRole('dialog', { name: 'Deliveries' });
  const ping = deliveries.getByRole('listitem', { name: 'ping, delivered' });
  await expect(ping).toBeVisible({ timeout: 20_000 });
  await expect(deliveries.getByRole('listitem', { name: 'account.created, delivered' })).toBeVisible();
  expect(gotSigned(path, 'ping', secret)).toBe(true);
  await ping.getByRole('button', { name: 'Show payload' }).click();
  await expect(ping.locator('pre')).toContainText('"type": "ping"');
  await deliveries.getByText('Failed', { exact: true }).click();
  await expect(deliveries.getByText('No failed deliveries')).toBeVisible();
  await expectAccessible(page);
});

test('anyone but an admin is told webhooks are for admins, and has no link to them', async ({ page, api }) => {
  const tag = unique();
  const rep = { name: `Wendy ${tag}`, email: `wendy-${tag}@example.com`, password: 'the password of wendy' };
  await api.post('/users', { ...rep, role: 'rep' });
  await signIn(page, rep.email, rep.password, '/webhooks');
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  await expect(page.getByText('Only admins manage webhooks')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Webhooks', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New webhook' })).toHaveCount(0);
});

test.describe('at phone width (375 px)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('an endpoint that answered 410 Gone shows as turned off by Meridian; its secret is rotated, it is turned on, edited and deleted', async ({
    page,
    api,
  }) => {
    const tag = unique();
    const webhook = await api.post('/webhooks', {
      url: `${endpoint}/gone`,
      description: `Retired CRM sync ${tag}`,
      events: ['lead.*'],
    });
    await api.post(`/webhooks/${webhook.id}/ping`);
    await expect.poll(async () => (await api.get(`/webhooks/${webhook.id}`)).active, { timeout: 20_000 }).toBe(false);

    await signIn(page, undefined, undefined, `/webhooks?q=${tag}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await expect(page.getByText('Off: turned off by Meridian')).toBeVisible();
    await expect(
      page.getByText(/The endpoint answered 410 Gone on .*Turn it on once the endpoint is back\./),
    ).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    // A new secret, asked first and shown once.
    const actions = page.getByRole('button', { name: 'Actions' });
    await actions.click();
    await expect(page.getByRole('menuitem', { name: 'Send test event' })).toHaveCount(0);
    await page.getByRole('menuitem', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the signing secret?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const rotated = page.getByRole('dialog', { name: 'New signing secret' });
    await expect(rotated.getByRole('textbox', { name: 'Signing secret' })).toHaveValue(/^whsec_/);
    await expectNoHorizontalScroll(page);
    await rotated.getByRole('button', { name: 'Done' }).click();

    // On again, which clears why Meridian turned it off; then every event (*), saved with If-Match.
    await actions.click();
    await page.getByRole('menuitem', { name: 'Turn on' }).click();
    await expect(page.getByText('Active', { exact: true })).toBeVisible();
    expect(await api.get(`/webhooks/${webhook.id}`)).toMatchObject({ active: true, disabledReason: null });
    await actions.click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit webhook' });
    await edit.getByRole('checkbox', { name: 'Everything (*)' }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toHaveCount(0);
    await expect(page.getByText('Everything (*)')).toBeVisible();
    expect((await api.get(`/webhooks/${webhook.id}`)).events).toEqual(['*']);

    await actions.click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete the webhook?' })
      .getByRole('button', { name: 'Delete webhook' })
      .click();
    await expect(page.getByText(`Deleted webhook ${endpoint}/gone.`)).toBeVisible();
    await expect(page.getByText('No webhooks match “', { exact: false })).toBeVisible();
  });
});
