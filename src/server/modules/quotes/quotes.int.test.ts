import { inflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { startSmtpServer } from '../../../../test/helpers/smtp-server.js';
import { quotes } from '../../db/schema/index.js';
import { deliverDueEmails } from '../communications/email-delivery.service.js';
import { UNDO_SEND_MS } from '../communications/message-delivery.js';
import { raiseQuoteExpiryNotices } from './quote-expiry.service.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let manager: TestUser;
let rep: TestUser;
let colleague: TestUser;
let outsider: TestUser;
let territoryId: string;
let products: { valve: string; pump: string; retired: string };

const api = (as: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers = {}) =>
  t.request({
    method,
    url: `/api/v1${url}`,
    as,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers,
  });

async function ok(response: Awaited<ReturnType<typeof api>>, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

/** The PDF's streams, inflated: where its pages' text operators are. */
function pageText(pdf: Buffer): string {
  const latin1 = pdf.toString('latin1');
  const streams = [...latin1.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((match) => {
    const raw = Buffer.from(match[1] ?? '', 'latin1');
    try {
      return inflateSync(raw).toString('latin1');
    } catch {
      return raw.toString('latin1');
    }
  });
  return streams.join('\n');
}

/** A text as pdf-lib writes it with a standard font: a hex string. */
const pdfText = (text: string) => `<${Buffer.from(text, 'latin1').toString('hex').toUpperCase()}>`;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({
    MERIDIAN_SMTP_URL: smtp.url,
    MERIDIAN_MAIL_FROM: 'Meridian <crm@meridian.example>',
    MERIDIAN_COMPANY_NAME: 'Northwind Pumps',
    MERIDIAN_QUOTE_VALID_DAYS: '45',
    MERIDIAN_QUOTE_TERMS: 'Net 30. Delivery ex works.',
  });
  territoryId = (await ok(await api(t.admin, 'POST', '/territories', { name: 'Quotes West' }), 201)).id;
  manager = await t.createUser({ role: 'manager', name: 'Mia Manager' });
  rep = await t.createUser({ managerId: manager.id, territoryIds: [territoryId], name: 'Rita Rep' });
  colleague = await t.createUser({ territoryIds: [territoryId], name: 'Carl Colleague' });
  outsider = await t.createUser({ name: 'Olga Outsider' });
  const product = async (sku: string, name: string, unitPrice: number) =>
    (
      await ok(
        await api(manager, 'POST', '/products', { sku, name, unitPrice, description: `${name}, stainless` }),
        201,
      )
    ).id;
  products = {
    valve: await product('QV-100', 'Ball valve', 120),
    pump: await product('QP-200', 'Booster pump', 1_450.5),
    retired: await product('QR-300', 'Old gauge', 30),
  };
  await ok(await api(manager, 'PATCH', `/products/${products.retired}`, { active: false }));
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** An account in the rep's territory, a contact, and an open deal with two products. */
async function dealWithProducts(options: { contactEmail?: string | null } = {}) {
  const account = await ok(
    await api(rep, 'POST', '/accounts', {
      name: `Quote Dealer ${Math.random().toString(36).slice(2, 8)}`,
      territoryId,
      address: { street: '1 Harbour Rd', city: 'Porto', postalCode: '4000-001', country: 'PT' },
    }),
    201,
  );
  const contact = await ok(
    await api(rep, 'POST', '/contacts', {
      accountId: account.id,
      firstName: 'Ana',
      lastName: 'Lopes',
      email: options.contactEmail === undefined ? `ana.${account.id.slice(-6)}@dealer.example` : options.contactEmail,
      allowDuplicate: true,
    }),
    201,
  );
  const deal = await ok(
    await api(rep, 'POST', '/opportunities', {
      name: 'Pumps for the new plant',
      accountId: account.id,
      contactId: contact.id,
      amount: 1,
      closeDate: '2031-06-30',
    }),
    201,
  );
  await ok(
    await api(rep, 'POST', `/opportunities/${deal.id}/line-items`, { productId: products.valve, quantity: 10 }),
    201,
  );
  await ok(
    await api(rep, 'POST', `/opportunities/${deal.id}/line-items`, {
      productId: products.pump,
      quantity: 2,
      discountPercent: 10,
    }),
    201,
  );
  return { account, contact, deal };
}

const settled = () => new Date(Date.now() + UNDO_SEND_MS + 1000);

describe('quotes', () => {
  it("makes a draft from the deal's products, numbered, addressed and priced", async () => {
    const { account, contact, deal } = await dealWithProducts();
    const response = await api(rep, 'POST', '/quotes', { opportunityId: deal.id, taxPercent: 20 });
    const quote = await ok(response, 201);
    expect(response.headers.location).toBe(`/api/v1/quotes/${quote.id}`);
    expect(quote.number).toMatch(/^Q-\d{5}$/);
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    expect(quote).toMatchObject({
      title: 'Pumps for the new plant',
      opportunityId: deal.id,
      accountId: account.id,
      contactId: contact.id,
      ownerId: rep.id,
      status: 'draft',
      currency: 'USD',
      validUntil: inDays(45),
      terms: 'Net 30. Delivery ex works.',
      taxPercent: 20,
      // 10 × 120 = 1,200; 2 × 1,450.50 = 2,901 less 10 % = 2,610.90
      subtotal: 4_101,
      discount: 290.1,
      net: 3_810.9,
      tax: 762.18,
      total: 4_573.08,
      sentAt: null,
      version: 1,
    });
    expect(quote.lines).toEqual([
      expect.objectContaining({
        productId: products.valve,
        sku: 'QV-100',
        name: 'Ball valve',
        quantity: 10,
        total: 1_200,
      }),
      expect.objectContaining({
        productId: products.pump,
        description: 'Booster pump, stainless',
        unitPrice: 1_450.5,
        discountPercent: 10,
        total: 2_610.9,
      }),
    ]);
    const next = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    expect(Number(next.number.slice(2))).toBe(Number(quote.number.slice(2)) + 1);
  });

  it('changes a draft under If-Match, and refuses bad lines and contacts without changing it', async () => {
    const { deal } = await dealWithProducts();
    const quote = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    const other = await dealWithProducts();

    const bad: [Record<string, unknown>, string][] = [
      [{ lines: [{ productId: products.retired }] }, 'lines.0.productId'],
      [{ lines: [{ productId: '0190a5c2-0000-7000-8000-000000000000' }] }, 'lines.0.productId'],
      [{ lines: [{ productId: products.valve, quantity: 0 }] }, 'lines.0.quantity'],
      [{ lines: [{ productId: products.valve, discountPercent: 120 }] }, 'lines.0.discountPercent'],
      [{ contactId: other.contact.id }, 'contactId'],
      [{ taxPercent: -1 }, 'taxPercent'],
      [{ validUntil: '2020-01-31' }, 'validUntil'],
      [{ number: 'Q-1' }, ''],
    ];
    for (const [payload, path] of bad) {
      const response = await api(rep, 'PATCH', `/quotes/${quote.id}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (path) expect(JSON.stringify(response.json().errors)).toContain(path);
    }
    expect(await ok(await api(rep, 'GET', `/quotes/${quote.id}`))).toEqual(quote);

    const stale = await api(rep, 'PATCH', `/quotes/${quote.id}`, { taxPercent: 5 }, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);

    const changed = await ok(
      await api(
        rep,
        'PATCH',
        `/quotes/${quote.id}`,
        {
          title: 'Valves only',
          contactId: null,
          lines: [{ productId: products.valve, quantity: 3, unitPrice: 100, discountPercent: 5, description: null }],
        },
        { 'if-match': '"1"' },
      ),
    );
    expect(changed).toMatchObject({ title: 'Valves only', contactId: null, net: 285, total: 285, version: 2 });
    expect(changed.lines).toEqual([expect.objectContaining({ sku: 'QV-100', description: null, total: 285 })]);
  });

  it('renders the quote as a PDF, over several pages when it is long', async () => {
    const { deal } = await dealWithProducts();
    const lines = Array.from({ length: 70 }, (_, index) => ({
      productId: index % 2 ? products.pump : products.valve,
      quantity: index + 1,
    }));
    const quote = await ok(
      await api(rep, 'POST', '/quotes', { opportunityId: deal.id, title: 'Plant fit-out: ünïcødé → ok', lines }),
      201,
    );
    const response = await api(rep, 'GET', `/quotes/${quote.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`attachment; filename="Quote ${quote.number}.pdf"`);
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    expect(pdf.getTitle()).toBe(`Quote ${quote.number}: Plant fit-out: ünïcødé → ok`);
    const text = pageText(bytes);
    for (const printed of [
      'Northwind Pumps',
      `No. ${quote.number}`,
      'Rita Rep',
      'Attn. Ana Lopes',
      '1 Harbour Rd',
      'QP-200',
    ]) {
      expect(text, printed).toContain(pdfText(printed));
    }
    // The arrow has no glyph in Helvetica: it prints as "?" instead of failing the document.
    expect(text).toContain(pdfText('Plant fit-out: ünïcødé ? ok'));

    const inline = await api(rep, 'GET', `/quotes/${quote.id}/pdf?disposition=inline`);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect((await api(outsider, 'GET', `/quotes/${quote.id}/pdf`)).statusCode).toBe(404);
  });

  it('sends a quote by e-mail with its PDF, once per key, and freezes it', async () => {
    const { contact, deal } = await dealWithProducts();
    const quote = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    const key = { 'idempotency-key': `send-${quote.id}` };
    const first = await ok(await api(rep, 'POST', `/quotes/${quote.id}/send`, { cc: ['buyer@dealer.example'] }, key));
    expect(first.quote).toMatchObject({ status: 'sent', version: 2 });
    expect(first.quote.sentAt).not.toBeNull();
    expect(first.communication).toMatchObject({
      channel: 'email',
      direction: 'outbound',
      status: 'queued',
      to: [contact.email],
      cc: ['buyer@dealer.example'],
      subject: `Quote ${quote.number}: Pumps for the new plant`,
      opportunityId: deal.id,
      ownerId: rep.id,
    });
    expect(first.communication.body).toContain('Dear Ana,');
    const retry = await ok(await api(rep, 'POST', `/quotes/${quote.id}/send`, { cc: ['buyer@dealer.example'] }, key));
    expect(retry.communication.id).toBe(first.communication.id);

    const files = await ok(await api(rep, 'GET', `/attachments?opportunityId=${deal.id}`));
    expect(files.data).toEqual([
      expect.objectContaining({
        fileName: `Quote ${quote.number}.pdf`,
        contentType: 'application/pdf',
        communicationId: first.communication.id,
      }),
    ]);

    // Kept with the deal as a copy that went out with the e-mail: listed with it, not among the deal's own files.
    const own = await ok(await api(rep, 'GET', `/attachments?opportunityId=${deal.id}&sentWithEmail=false`));
    expect(own.data).toEqual([]);
    const timeline = await ok(await api(rep, 'GET', `/opportunities/${deal.id}/timeline`));
    const kinds = timeline.data.map((entry: { kind: string }) => entry.kind);
    expect(kinds).not.toContain('file');
    expect(timeline.data.find((entry: { kind: string }) => entry.kind === 'quote')).toMatchObject({
      id: quote.id,
      title: `Quote ${quote.number}: Pumps for the new plant`,
      summary: '$3,810.90',
      subtype: 'USD',
      status: 'sent',
      actorId: rep.id,
      opportunityId: deal.id,
    });
    const onContact = await ok(await api(rep, 'GET', `/contacts/${contact.id}/timeline?kind=quote`));
    expect(onContact.data.map((entry: { id: string }) => entry.id)).toEqual([quote.id]);
    expect((await ok(await api(outsider, 'GET', `/quotes?opportunityId=${deal.id}`))).data).toEqual([]);

    const frozen = await api(rep, 'PATCH', `/quotes/${quote.id}`, { taxPercent: 5 });
    expect(frozen.statusCode).toBe(409);

    await deliverDueEmails(t.deps, { now: settled });
    const mail = smtp.received.find((received) => received.recipients.includes(contact.email));
    expect(mail?.raw).toContain('Content-Type: application/pdf');
    expect(mail?.raw).toContain(`Quote ${quote.number}.pdf`);
    expect(smtp.received.filter((received) => received.recipients.includes(contact.email))).toHaveLength(1);
    expect(await ok(await api(rep, 'GET', `/communications/${first.communication.id}`))).toMatchObject({
      status: 'sent',
    });
  });

  it('refuses to send without a recipient, or once expired, and changes nothing', async () => {
    const { deal } = await dealWithProducts({ contactEmail: null });
    const quote = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    const noAddress = await api(rep, 'POST', `/quotes/${quote.id}/send`, {});
    expect(noAddress.statusCode).toBe(400);
    expect(JSON.stringify(noAddress.json().errors)).toContain('to');
    expect(await ok(await api(rep, 'GET', `/quotes/${quote.id}`))).toMatchObject({ status: 'draft', version: 1 });
    expect((await ok(await api(rep, 'GET', `/attachments?opportunityId=${deal.id}`))).data).toEqual([]);

    const sent = await ok(await api(rep, 'POST', `/quotes/${quote.id}/send`, { to: ['Ana <ana@elsewhere.example>'] }));
    expect(sent.communication.to).toEqual(['Ana <ana@elsewhere.example>']);
    await t.deps.database.db.update(quotes).set({ validUntil: '2020-01-31' }).where(eq(quotes.id, quote.id));
    expect(await ok(await api(rep, 'GET', `/quotes/${quote.id}`))).toMatchObject({ status: 'expired' });
    const expired = await ok(await api(rep, 'GET', `/quotes?opportunityId=${deal.id}&status=expired`));
    expect(expired.data.map((row: { id: string }) => row.id)).toEqual([quote.id]);
    expect((await ok(await api(rep, 'GET', `/quotes?opportunityId=${deal.id}&status=sent`))).data).toEqual([]);
    expect((await api(rep, 'POST', `/quotes/${quote.id}/send`, {})).statusCode).toBe(409);
  });

  it("puts an accepted quote's lines on the deal, one accepted quote per deal", async () => {
    const { deal } = await dealWithProducts();
    const quote = await ok(
      await api(rep, 'POST', '/quotes', {
        opportunityId: deal.id,
        lines: [{ productId: products.pump, quantity: 4, unitPrice: 1_400 }],
      }),
      201,
    );
    const rival = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    const accepted = await ok(await api(rep, 'POST', `/quotes/${quote.id}/accept`));
    expect(accepted).toMatchObject({ status: 'accepted' });
    expect(accepted.acceptedAt).not.toBeNull();
    const items = await ok(await api(rep, 'GET', `/opportunities/${deal.id}/line-items`));
    expect(items).toMatchObject({
      amount: 5_600,
      data: [expect.objectContaining({ productId: products.pump, quantity: 4 })],
    });
    expect(items.data).toHaveLength(1);
    expect((await ok(await api(rep, 'GET', `/opportunities/${deal.id}`))).amount).toBe(5_600);

    const second = await api(rep, 'POST', `/quotes/${rival.id}/accept`);
    expect(second.statusCode).toBe(409);
    expect(second.json().existingId).toBe(quote.id);
    expect((await api(rep, 'POST', `/quotes/${quote.id}/reject`, {})).statusCode).toBe(409);
    expect(await ok(await api(rep, 'POST', `/quotes/${quote.id}/accept`))).toMatchObject({ version: accepted.version });

    const rejected = await ok(
      await api(rep, 'POST', `/quotes/${rival.id}/reject`, { reason: 'Went with the first offer' }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Went with the first offer' });
    const audit = await ok(await api(t.admin, 'GET', `/audit?entity=quotes&entityId=${quote.id}`));
    expect(audit.data.map((entry: { action: string }) => entry.action).sort()).toEqual(['accept', 'create']);
  });

  it('shows quotes to whoever sees the deal, and lets only its people change them', async () => {
    const { deal } = await dealWithProducts();
    const quote = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    for (const viewer of [manager, colleague, t.admin]) {
      expect((await api(viewer, 'GET', `/quotes/${quote.id}`)).statusCode).toBe(200);
      const listed = await ok(await api(viewer, 'GET', `/quotes?opportunityId=${deal.id}&includeTotal=true`));
      expect(listed.total).toBe(1);
    }
    expect((await api(outsider, 'GET', `/quotes/${quote.id}`)).statusCode).toBe(404);
    expect((await ok(await api(outsider, 'GET', `/quotes?opportunityId=${deal.id}&includeTotal=true`))).total).toBe(0);
    expect((await api(outsider, 'POST', '/quotes', { opportunityId: deal.id })).statusCode).toBe(400);

    expect((await api(colleague, 'PATCH', `/quotes/${quote.id}`, { taxPercent: 7 })).statusCode).toBe(403);
    expect((await api(colleague, 'POST', `/quotes/${quote.id}/accept`)).statusCode).toBe(403);
    expect((await api(colleague, 'POST', '/quotes', { opportunityId: deal.id })).statusCode).toBe(403);
    expect(await ok(await api(manager, 'PATCH', `/quotes/${quote.id}`, { taxPercent: 7 }))).toMatchObject({
      taxPercent: 7,
    });

    expect((await api(rep, 'DELETE', `/quotes/${quote.id}`)).statusCode).toBe(204);
    expect((await api(rep, 'GET', `/quotes/${quote.id}`)).statusCode).toBe(404);
    expect(await ok(await api(rep, 'POST', `/quotes/${quote.id}/restore`))).toMatchObject({ id: quote.id });
  });

  it('tells the preparer once when a sent quote is about to lapse unanswered', async () => {
    const { deal } = await dealWithProducts();
    const soon = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    const later = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    const draft = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id }), 201);
    for (const quote of [soon, later]) await ok(await api(rep, 'POST', `/quotes/${quote.id}/send`, {}));
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const db = t.deps.database.db;
    await db
      .update(quotes)
      .set({ validUntil: inDays(2) })
      .where(eq(quotes.id, soon.id));
    await db
      .update(quotes)
      .set({ validUntil: inDays(20) })
      .where(eq(quotes.id, later.id));
    await db
      .update(quotes)
      .set({ validUntil: inDays(1) })
      .where(eq(quotes.id, draft.id));

    expect(await raiseQuoteExpiryNotices(t.deps)).toBe(1);
    expect(await raiseQuoteExpiryNotices(t.deps)).toBe(0);
    const inbox = await ok(await api(rep, 'GET', '/notifications'));
    const notice = inbox.data.find((entry: { entityId: string }) => entry.entityId === soon.id);
    expect(notice).toMatchObject({
      kind: 'quote_expiring',
      entity: 'quotes',
      title: expect.stringContaining(`Quote ${soon.number} for Quote Dealer`),
    });
    expect(notice.title).toContain(`lapses on ${inDays(2)}`);
    expect(notice.body).toBe('Pumps for the new plant: $3,810.90, not answered yet. Follow up, or send a new quote.');
    expect(inbox.data.some((entry: { entityId: string }) => [later.id, draft.id].includes(entry.entityId))).toBe(false);
    // Telling is not a change of the quote: its version stays.
    expect((await ok(await api(rep, 'GET', `/quotes/${soon.id}`))).version).toBe(2);
  });

  it('follows its account and contact into a merge', async () => {
    const source = await dealWithProducts();
    const survivor = await dealWithProducts();
    const quote = await ok(await api(rep, 'POST', '/quotes', { opportunityId: source.deal.id }), 201);
    await ok(await api(manager, 'POST', `/accounts/${survivor.account.id}/merge`, { sourceId: source.account.id }));
    expect(await ok(await api(rep, 'GET', `/quotes/${quote.id}`))).toMatchObject({ accountId: survivor.account.id });
    await ok(await api(rep, 'POST', `/contacts/${survivor.contact.id}/merge`, { sourceId: source.contact.id }));
    const merged = await ok(await api(rep, 'GET', `/quotes/${quote.id}`));
    expect(merged).toMatchObject({ accountId: survivor.account.id, contactId: survivor.contact.id });
    const listed = await ok(await api(rep, 'GET', `/quotes?accountId=${survivor.account.id}`));
    expect(listed.data.map((row: { id: string }) => row.id)).toContain(quote.id);
  });

  it('makes a new version of a quote that went out, once per key', async () => {
    const { deal, contact } = await dealWithProducts();
    const first = await ok(await api(rep, 'POST', '/quotes', { opportunityId: deal.id, taxPercent: 8 }), 201);
    await ok(await api(rep, 'POST', `/quotes/${first.id}/send`, {}));
    await ok(await api(rep, 'POST', `/quotes/${first.id}/reject`, { reason: 'Too dear' }));
    const key = { 'idempotency-key': `revise-${first.id}` };
    const response = await api(rep, 'POST', `/quotes/${first.id}/revise`, undefined, key);
    const revised = await ok(response, 201);
    expect(response.headers.location).toBe(`/api/v1/quotes/${revised.id}`);
    expect(revised).toMatchObject({
      status: 'draft',
      title: first.title,
      contactId: contact.id,
      taxPercent: 8,
      terms: first.terms,
      net: first.net,
      total: first.total,
      lines: first.lines,
      version: 1,
    });
    expect(revised.number).not.toBe(first.number);
    const retry = await ok(await api(rep, 'POST', `/quotes/${first.id}/revise`, undefined, key), 201);
    expect(retry.id).toBe(revised.id);
    expect((await api(outsider, 'POST', `/quotes/${first.id}/revise`)).statusCode).toBe(404);
    expect((await api(colleague, 'POST', `/quotes/${first.id}/revise`)).statusCode).toBe(403);
    // The first stays as the customer had it.
    expect(await ok(await api(rep, 'GET', `/quotes/${first.id}`))).toMatchObject({ status: 'rejected' });
  });

  it('makes no quote for a closed deal', async () => {
    const { deal } = await dealWithProducts();
    await ok(await api(rep, 'PATCH', `/opportunities/${deal.id}`, { stage: 'closed_lost', lossReason: 'Price' }));
    expect((await api(rep, 'POST', '/quotes', { opportunityId: deal.id })).statusCode).toBe(409);
  });
});
