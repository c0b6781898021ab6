import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let manager: TestUser;
let firstRep: TestUser;
let secondRep: TestUser;
let form: { id: string; key: string; version: number };
let lakes: string;

beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.createUser({ role: 'manager', name: 'Mia Marketing' });
  lakes = (
    await t.request({
      method: 'POST',
      url: '/api/v1/territories',
      as: t.admin,
      payload: { name: 'Great Lakes', region: 'Michigan' },
    })
  ).json().id;
  firstRep = await t.createUser({ managerId: manager.id, territoryIds: [lakes], name: 'Rae First' });
  secondRep = await t.createUser({ managerId: manager.id, territoryIds: [lakes], name: 'Ray Second' });
});
afterAll(async () => {
  await t.close();
});

const submit = (key: string, payload: Record<string, unknown> | string, ip = '203.0.113.7') =>
  t.request({
    method: 'POST',
    url: `/api/v1/forms/${key}/leads`,
    remoteAddress: ip,
    ...(typeof payload === 'string'
      ? { payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : { payload }),
  });

/** Leads as an admin sees them: every one the forms made. */
const leadsOf = async (query: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/leads?${query}`, as: t.admin })).json().data as {
    id: string;
    ownerId: string | null;
    firstName: string;
    lastName: string;
    source: string;
    territoryId: string | null;
    needDescription: string | null;
  }[];

describe('lead forms', () => {
  it('are kept by managers and admins, each with a public key', async () => {
    const byRep = await t.request({
      method: 'POST',
      url: '/api/v1/lead-forms',
      as: firstRep,
      payload: { name: 'Rep form' },
    });
    expect(byRep.statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/lead-forms', as: firstRep })).statusCode).toBe(403);
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/lead-forms',
      as: manager,
      payload: { name: 'Website contact form' },
    });
    expect(created.statusCode, created.body).toBe(201);
    form = created.json();
    expect(form).toMatchObject({
      source: 'website',
      assignment: 'territory',
      ownerId: manager.id,
      active: true,
      redirectUrl: null,
      submissionCount: 0,
    });
    expect(form.key).toMatch(/^lf_[A-Za-z0-9_-]{24}$/);
    const badUrl = await t.request({
      method: 'POST',
      url: '/api/v1/lead-forms',
      as: manager,
      payload: { name: 'Bad', redirectUrl: 'javascript:alert(1)' },
    });
    expect(badUrl.statusCode).toBe(400);
  });

  it("turns a website's JSON inquiry into a lead for the territory's reps in turn, and tells them", async () => {
    const inquiry = (email: string) => ({
      name: 'Jane van Dyke',
      email,
      company: 'Dyke Farms',
      region: 'Michigan',
      message: 'We need two compact tractors before spring.',
      product_interest: 'Compact tractors',
      _hp: '',
    });
    const first = await submit(form.key, inquiry('jane@dykefarms.example'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ received: true });
    const second = await submit(form.key, inquiry('joe@dykefarms.example'));
    expect(second.statusCode).toBe(201);

    const leads = await leadsOf('q=dykefarms&sort=createdAt');
    expect(leads).toHaveLength(2);
    expect(leads[0]).toMatchObject({
      firstName: 'Jane',
      lastName: 'van Dyke',
      source: 'website',
      territoryId: lakes,
      needDescription: 'We need two compact tractors before spring.\n\nProduct interest: Compact tractors',
    });
    // Round the territory's reps: each was given one.
    expect(new Set(leads.map((lead) => lead.ownerId))).toEqual(new Set([firstRep.id, secondRep.id]));
    const notices = await t.request({ method: 'GET', url: '/api/v1/notifications', as: firstRep });
    expect(notices.json().data[0]).toMatchObject({
      kind: 'lead_assigned',
      title: expect.stringMatching(/^New lead from Website contact form: J/),
      entity: 'leads',
    });
    const counted = (await t.request({ method: 'GET', url: `/api/v1/lead-forms/${form.id}`, as: manager })).json();
    expect(counted.submissionCount).toBe(2);
    expect(counted.lastSubmissionAt).not.toBeNull();
    // The count is the form's statistics, not a change of the form.
    expect(counted.version).toBe(form.version);
  });

  it("takes an HTML form's post, sends the browser on, and gives leads outside any territory to its owner", async () => {
    const posted = await submit(
      form.key,
      'firstName=Ola&lastName=Nordmann&email=ola%40fjord.example&country=NO&message=Hello',
    );
    expect(posted.statusCode).toBe(200);
    expect(posted.headers['content-type']).toContain('text/html');
    expect(posted.body).toContain('Thank you');
    expect(posted.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    const [ola] = await leadsOf('q=Nordmann');
    expect(ola).toMatchObject({ ownerId: manager.id, territoryId: null, needDescription: 'Hello' });

    await t.request({
      method: 'PATCH',
      url: `/api/v1/lead-forms/${form.id}`,
      as: manager,
      payload: { redirectUrl: 'https://www.example.com/thanks' },
    });
    const redirected = await submit(form.key, 'name=Kari+Nordmann&phone=%2B47+22+33+44+55');
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toBe('https://www.example.com/thanks');
  });

  it('refuses what is not an inquiry, and makes nothing of a filled honeypot', async () => {
    const before = (await leadsOf('limit=200')).length;
    const noWayToReach = await submit(form.key, { firstName: 'No', lastName: 'Contact' });
    expect(noWayToReach.statusCode).toBe(400);
    expect(noWayToReach.json().errors[0].path).toBe('email');
    const oneName = await submit(form.key, { name: 'Cher', email: 'cher@example.com' });
    expect(oneName.statusCode).toBe(400);
    expect(oneName.json().errors[0].path).toBe('name');
    const badEmail = await submit(form.key, { name: 'Bad Mail', email: 'not-an-address' });
    expect(badEmail.statusCode).toBe(400);
    const longName = await submit(form.key, { firstName: 'L'.repeat(200), lastName: 'Long', email: 'l@example.com' });
    expect(longName.json().errors[0].path).toBe('firstName');
    const nul = await submit(form.key, 'name=Nul+Byte&email=nul%40example.com&company=A%00B');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors[0].path).toBe('company');
    const nulKey = await submit(form.key, 'name=Nul+Key&email=nulkey%40example.com&x%00y=1');
    expect(nulKey.statusCode).toBe(400);
    const nested = await submit(form.key, { name: 'Ann Array', email: 'a@example.com', tags: ['x'] } as never);
    expect(nested.statusCode).toBe(400);
    expect((await submit('lf_doesnotexist000000000000', { name: 'A B', email: 'a@b.example' })).statusCode).toBe(404);
    const bot = await submit(form.key, { name: 'Spam Bot', email: 'bot@spam.example', _hp: 'http://spam' });
    expect(bot.statusCode).toBe(201);
    expect((await leadsOf('limit=200')).length).toBe(before);

    await t.request({ method: 'PATCH', url: `/api/v1/lead-forms/${form.id}`, as: manager, payload: { active: false } });
    const closed = await submit(form.key, { name: 'Late Comer', email: 'late@example.com' });
    expect(closed.statusCode).toBe(404);
    await t.request({ method: 'PATCH', url: `/api/v1/lead-forms/${form.id}`, as: manager, payload: { active: true } });
  });

  it('limits how often one visitor sends a form', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 21; index += 1) {
      statuses.push((await submit(form.key, { name: 'Flood Er', phone: `555 01${index}` }, '198.51.100.9')).statusCode);
    }
    expect(statuses.slice(0, 20).every((status) => status === 201)).toBe(true);
    const limited = await submit(form.key, { name: 'Flood Er', phone: '555 0199' }, '198.51.100.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Another visitor is not held back.
    expect((await submit(form.key, { name: 'Other Visitor', phone: '555 0200' }, '198.51.100.10')).statusCode).toBe(
      201,
    );
  });
});
