import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { queryRows } from '../../db/client.js';
import { createRng } from '../../seed/random.js';
import { haversineMeters } from '../activities/haversine.js';
import { type DemoData, loadDemoData } from './demo.service.js';
import { DEMO_FILES_PER_KIND } from './demo-files.js';
import { buildDemoRecords, DEMO_COUNTS } from './demo-records.js';

let t: TestApp;
let demo: DemoData;
let loadMilliseconds: number;
const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  queryRows<T>(t.deps.database.db, query);
const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(query))[0]?.n);

beforeAll(async () => {
  t = await buildTestApp();
  const startedAt = performance.now();
  demo = await loadDemoData(t.deps, { password: 'demo password for tests' });
  loadMilliseconds = performance.now() - startedAt;
}, 60_000);
afterAll(() => t.close());

describe('demo data', () => {
  it('loads quickly, in the stated amounts', async () => {
    // Logged rather than asserted: a shared CI machine varies; the first start should stay within seconds.
    console.info(`demo data loaded in ${Math.round(loadMilliseconds)} ms on ${t.deps.database.kind}`);
    expect(loadMilliseconds).toBeLessThan(15_000);
    // The test admin plus the demo team.
    expect(await count(sql`select count(*)::int as n from users`)).toBe(1 + DEMO_COUNTS.users);
    for (const table of [
      'territories',
      'accounts',
      'contacts',
      'leads',
      'opportunities',
      'activities',
      'tasks',
      'communications',
      'notes',
    ] as const) {
      // Sent quotes went out by e-mail: those messages come on top of the logged ones.
      const quoteEmails =
        table === 'communications'
          ? await count(sql`select count(*)::int as n from communications where subject like 'Quote Q-%'`)
          : 0;
      expect(await count(sql`select count(*)::int as n from ${sql.identifier(table)}`), table).toBe(
        DEMO_COUNTS[table] + quoteEmails,
      );
    }
    expect(demo.users.map((user) => user.role).sort()).toEqual(['manager', 'manager', 'rep', 'rep', 'rep']);
  });

  it('covers every lead source, stage and status, converted through the real conversion', async () => {
    const pairs = await count(sql`select count(distinct (source, stage))::int as n from leads`);
    expect(pairs).toBe(5 * 4);
    const statuses = await rows<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from leads group by status order by status`,
    );
    expect(statuses).toEqual([
      { status: 'converted', n: 8 },
      { status: 'disqualified', n: 6 },
      { status: 'open', n: 46 },
    ]);
    // Conversion joined existing accounts and contacts; five opened a deal.
    expect(
      await count(
        sql`select count(*)::int as n from leads where status = 'converted' and converted_account_id is not null and converted_contact_id is not null`,
      ),
    ).toBe(8);
    expect(await count(sql`select count(*)::int as n from opportunities where lead_id is not null`)).toBe(5);
    expect(
      await count(
        sql`select count(*)::int as n from leads where status = 'disqualified' and disqualified_reason is not null`,
      ),
    ).toBe(6);
  });

  it('dates each conversion some time after the lead came in, over the past months, and what it created with it', async () => {
    const converted = await rows<{ created_at: Date; converted_at: Date }>(
      sql`select created_at, converted_at from leads where status = 'converted'`,
    );
    const loadedAt = Date.now();
    for (const lead of converted) {
      expect(new Date(lead.converted_at).getTime()).toBeGreaterThan(new Date(lead.created_at).getTime());
      expect(new Date(lead.converted_at).getTime()).toBeLessThan(loadedAt - 30 * 60_000);
    }
    const days = new Set(converted.map((lead) => new Date(lead.converted_at).toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThan(4);
    const oldest = Math.min(...converted.map((lead) => new Date(lead.converted_at).getTime()));
    expect(loadedAt - oldest).toBeGreaterThan(30 * 86_400_000);
    // The deal a conversion opened, and its first stage, date from the conversion; so does a new contact.
    expect(
      await count(sql`select count(*)::int as n from opportunities o join leads l on l.id = o.lead_id
        join opportunity_stage_history h on h.opportunity_id = o.id
        where o.created_at = l.converted_at and h.changed_at = l.converted_at`),
    ).toBe(5);
    expect(
      await count(sql`select count(*)::int as n from leads l join contacts c on c.id = l.converted_contact_id
        where l.status = 'converted' and c.created_at > l.converted_at`),
    ).toBe(0);
  });

  it('has deals in every stage closing around today, with history', async () => {
    const stages = await rows<{ stage: string }>(sql`select distinct stage from opportunities order by stage`);
    expect(stages.map((row) => row.stage)).toEqual([
      'closed_lost',
      'closed_won',
      'negotiation',
      'proposal',
      'prospecting',
      'qualification',
    ]);
    expect(
      await count(sql`select count(*)::int as n from opportunities where stage like 'closed%' and closed_at is null`),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from opportunities where stage = 'closed_lost' and loss_reason is null`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from opportunities where close_date not between current_date - 160 and current_date + 160`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from opportunities o where not exists (select 1 from opportunity_stage_history h where h.opportunity_id = o.id)`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from opportunity_stage_history`)).toBeGreaterThan(100);
    // Open deals reached their stage some time ago, not at the minute the demo was loaded.
    expect(
      await count(sql`select count(*)::int as n from opportunity_stage_history h
        join opportunities o on o.id = h.opportunity_id
        where o.stage in ('prospecting', 'qualification', 'proposal', 'negotiation') and h.changed_at > now() - interval '1 hour'
          and o.lead_id is null`),
    ).toBe(0);
  });

  it('builds the distributor → dealer → customer hierarchy in real places', async () => {
    const [root] = await rows<{ id: string }>(
      sql`select id from accounts where name = 'Heartland Equipment Distribution'`,
    );
    const response = await t.request({ method: 'GET', url: `/api/v1/accounts/${root?.id}/hierarchy`, as: t.admin });
    expect(response.statusCode).toBe(200);
    const nodes = response.json().nodes as { name: string }[];
    expect(nodes.map((node) => node.name)).toEqual(
      expect.arrayContaining([
        'Heartland Equipment Distribution - Kansas City',
        'Flint Hills Tractor',
        'Raccoon River Sod Farms',
      ]),
    );
    expect(
      await count(
        sql`select count(*)::int as n from accounts where latitude is null or street is null or postal_code is null`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from contacts where is_primary`)).toBe(40);
    expect(await count(sql`select count(*)::int as n from contacts where reports_to_id is not null`)).toBe(80);
  });

  it('sells from a catalogue: some open deals carry products, and their amount is their lines’ sum', async () => {
    expect(await count(sql`select count(*)::int as n from products where active`)).toBe(12);
    expect(
      await count(sql`select count(distinct opportunity_id)::int as n from opportunity_line_items`),
    ).toBeGreaterThanOrEqual(5);
    expect(
      await count(sql`select count(*)::int as n from opportunities o
        where exists (select 1 from opportunity_line_items l where l.opportunity_id = o.id)
          and (o.stage in ('closed_won', 'closed_lost')
            or o.amount <> (select sum(total) from opportunity_line_items l where l.opportunity_id = o.id))`),
    ).toBe(0);
  });

  it('keeps real files: price lists, signed agreements and photos from visits', async () => {
    const files = await rows<{ file_name: string; content_type: string; activity_id: string | null; head: string }>(
      sql`select a.file_name, a.content_type, a.activity_id, encode(substring(c.content from 1 for 8), 'hex') as head
        from attachments a join attachment_contents c on c.attachment_id = a.id
        where a.size = length(c.content) and a.sha256 = encode(sha256(c.content), 'hex')
        order by a.content_type`,
    );
    const byType = (type: string) => files.filter((file) => file.content_type === type);
    expect(files).toHaveLength(3 * DEMO_FILES_PER_KIND);
    expect(byType('application/pdf').every((file) => file.head.startsWith('255044462d'))).toBe(true); // %PDF-
    expect(byType('image/png').every((file) => file.head === '89504e470d0a1a0a' && file.activity_id)).toBe(true);
    expect(byType('text/csv').every((file) => /^Price list \d{4}\.csv$/.test(file.file_name))).toBe(true);
    // A price list lists the catalogue, as a spreadsheet opens it.
    const [priceList] = await rows<{ text: string }>(
      sql`select convert_from(c.content, 'UTF8') as text from attachments a
        join attachment_contents c on c.attachment_id = a.id where a.content_type = 'text/csv' limit 1`,
    );
    expect(priceList?.text.split('\r\n')).toHaveLength(1 + 12 + 1);
  });

  it('gives each rep monthly targets set by their manager, so attainment has something to say', async () => {
    const targets = await rows<{ email: string; months: number; set_by: string }>(
      sql`select u.email, count(*)::int as months, min(s.email) as set_by from sales_targets t
        join users u on u.id = t.user_id join users s on s.id = t.set_by_id group by u.email order by u.email`,
    );
    expect(targets).toEqual([
      { email: 'rita.patel@example.com', months: 12, set_by: 'maria.lopez@example.com' },
      { email: 'rob.miller@example.com', months: 12, set_by: 'maria.lopez@example.com' },
      { email: 'sam.garcia@example.com', months: 12, set_by: 'david.chen@example.com' },
    ]);
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'maria.lopez@example.com', password: demo.password },
    });
    const report = await t.request({
      method: 'GET',
      url: '/api/v1/reports/attainment',
      as: login.json().accessToken as string,
    });
    expect(report.statusCode).toBe(200);
    expect(report.json().totals.target).toBeGreaterThan(0);
    expect(report.json().data.map((row: { name: string }) => row.name)).toEqual(
      expect.arrayContaining(['Rob Miller', 'Rita Patel']),
    );
  });

  it('quotes the open deals with products: drafts, sent, lapsed, rejected and accepted', async () => {
    const byStatus = await rows<{ status: string; stage: string; n: number }>(
      sql`select q.status, o.stage, count(*)::int as n from quotes q join opportunities o on o.id = q.opportunity_id
        group by q.status, o.stage order by o.stage, q.status`,
    );
    expect(new Set(byStatus.map((row) => `${row.stage}:${row.status}`))).toEqual(
      new Set(['negotiation:accepted', 'negotiation:rejected', 'proposal:sent', 'qualification:draft']),
    );
    expect(
      await count(sql`select count(*)::int as n from quotes where status = 'sent' and valid_until < current_date`),
    ).toBeGreaterThan(0);
    // An accepted quote is what the deal holds: its net is the deal's amount.
    expect(
      await count(sql`select count(*)::int as n from quotes q join opportunities o on o.id = q.opportunity_id
        where q.status = 'accepted' and q.net <> o.amount`),
    ).toBe(0);
    // The next quote continues the demo's numbering.
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rita.patel@example.com', password: demo.password },
    });
    const token = login.json().accessToken as string;
    const deals = await t.request({ method: 'GET', url: '/api/v1/opportunities?stage=proposal&ownerId=me', as: token });
    const deal = deals.json().data[0];
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/quotes',
      as: token,
      payload: { opportunityId: deal.id },
    });
    expect(created.statusCode, created.body).toBe(201);
    const highest = await count(
      sql`select max(substring(number from 3)::int) as n from quotes where id <> ${created.json().id}`,
    );
    expect(created.json().number).toBe(`Q-${String(highest + 1).padStart(5, '0')}`);
  });

  it('offers e-mail templates that fill from a contact, repeating tasks, and dealers due for a visit', async () => {
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rita.patel@example.com', password: demo.password },
    });
    const token = login.json().accessToken as string;
    const templates = (await t.request({ method: 'GET', url: '/api/v1/email-templates', as: token })).json().data;
    // The manager's shared ones, not another rep's own.
    expect(templates.map((template: { name: string }) => template.name)).toEqual([
      'After a visit',
      'Price list for the season',
    ]);
    const contact = (await t.request({ method: 'GET', url: '/api/v1/contacts?limit=1', as: token })).json().data[0];
    const rendered = await t.request({
      method: 'POST',
      url: `/api/v1/email-templates/${templates[1].id}/render`,
      as: token,
      payload: { contactId: contact.id },
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    expect(rendered.json().body).toContain(`Dear ${contact.firstName},`);
    expect(rendered.json().missing).toEqual([]);
    expect(
      await count(sql`select count(*)::int as n from tasks where repeat_every is not null and status = 'open'`),
    ).toBeGreaterThanOrEqual(3);
    // Dealers have a call cycle, and some are due for a visit: the coverage report has something to say.
    const coverage = await t.request({ method: 'GET', url: '/api/v1/reports/coverage', as: token });
    expect(coverage.json().totals.dueForVisit).toBeGreaterThan(0);
  });

  it("prices distributors' and dealers' deals from their channel price lists", async () => {
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rita.patel@example.com', password: demo.password },
    });
    const token = login.json().accessToken as string;
    const lists = (await t.request({ method: 'GET', url: '/api/v1/price-lists', as: token })).json().data;
    expect(lists.map((list: { name: string; discountPercent: number }) => [list.name, list.discountPercent])).toEqual([
      ['Dealer net', 18],
      ['Distributor net', 30],
    ]);
    const dealerNet = lists[0];
    const dealers = (
      await t.request({ method: 'GET', url: '/api/v1/accounts?type=dealer&includeTotal=true', as: token })
    ).json();
    const onDealerNet = (
      await t.request({
        method: 'GET',
        url: `/api/v1/accounts?priceListId=${dealerNet.id}&includeTotal=true`,
        as: token,
      })
    ).json();
    expect(onDealerNet.total).toBe(dealers.total);
    // Every line of a dealer's deal is at the dealer price: the list price less 18 %, or the fixed one.
    const lines = await rows<{ unit_price: number; list_price: number; sku: string }>(
      sql`select l.unit_price, p.unit_price as list_price, p.sku from opportunity_line_items l
        join products p on p.id = l.product_id join opportunities o on o.id = l.opportunity_id
        join accounts a on a.id = o.account_id where a.type = 'dealer'`,
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const expected = line.sku === 'SP-KIT' ? 290 : Math.round(Number(line.list_price) * 82) / 100;
      expect(Number(line.unit_price)).toBe(expected);
    }
  });

  it("offers the team's shared views and the website's contact form", async () => {
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rita.patel@example.com', password: demo.password },
    });
    const token = login.json().accessToken as string;
    const views = (await t.request({ method: 'GET', url: '/api/v1/views', as: token })).json().data;
    // The manager's shared ones, not another rep's own; each opens its list.
    expect(views.map((view: { name: string }) => view.name)).toEqual(['Dealers due for a visit', 'Late-stage deals']);
    for (const view of views) {
      const list = await t.request({ method: 'GET', url: `/api/v1/${view.resource}?${view.query}`, as: token });
      expect(list.statusCode, view.name).toBe(200);
    }
    const forms = await t.request({ method: 'GET', url: '/api/v1/lead-forms', as: t.admin });
    const [form] = forms.json().data;
    expect(form).toMatchObject({ name: 'Website contact form', assignment: 'territory', active: true });
    const inquiry = await t.request({
      method: 'POST',
      url: `/api/v1/forms/${form.key}/leads`,
      payload: { name: 'Demo Visitor', email: 'visitor@example.com', region: 'IL' },
    });
    expect(inquiry.statusCode, inquiry.body).toBe(201);
  });

  it('puts completed visits near their accounts, with check-ins, and plans work ahead', async () => {
    const visits = await rows<{
      lat: number;
      lng: number;
      check_lat: number;
      check_lng: number;
      distance: number;
      far: boolean;
    }>(sql`
      select a.latitude as lat, a.longitude as lng, v.check_in_latitude as check_lat, v.check_in_longitude as check_lng,
             v.check_in_distance_meters as distance, v.far_from_account as far
        from activities v join accounts a on a.id = v.account_id
       where v.type = 'visit' and v.status = 'completed'`);
    expect(visits.length).toBeGreaterThan(40);
    for (const visit of visits) {
      const meters = haversineMeters(
        { lat: visit.lat, lng: visit.lng },
        { lat: visit.check_lat, lng: visit.check_lng },
      );
      expect(Math.abs(meters - visit.distance)).toBeLessThan(1);
      expect(meters).toBeLessThan(7_000);
      if (!visit.far) expect(meters).toBeLessThan(500);
    }
    expect(visits.filter((visit) => !visit.far).length).toBeGreaterThan(visits.length * 0.8);
    expect(
      await count(sql`select count(*)::int as n from activities where status = 'planned' and scheduled_at > now()`),
    ).toBeGreaterThan(30);
    expect(
      await count(
        sql`select count(*)::int as n from activities where status = 'completed' and completed_at > now() - interval '61 days'`,
      ),
    ).toBeGreaterThan(150);
    expect(await count(sql`select count(distinct type)::int as n from activities`)).toBe(6);
    // A few were never logged: overdue, as in any rep's week.
    expect(
      await count(sql`select count(*)::int as n from activities where status = 'planned' and scheduled_at < now()`),
    ).toBeGreaterThan(5);
  });

  it("puts approval requests in the managers' queues, one already approved", async () => {
    const byStatus = async (status: string) =>
      count(sql`select count(*)::int as n from approvals where status = ${status}`);
    expect(await byStatus('pending')).toBe(2);
    expect(await byStatus('approved')).toBe(1);
    expect(
      await count(sql`select count(*)::int as n from opportunities where approval_status in ('pending', 'approved')`),
    ).toBe(3);
  });

  it('gives the reps overdue tasks and tasks due today', async () => {
    const overdue = await count(
      sql`select count(*)::int as n from tasks where status in ('open', 'in_progress') and due_at < now()`,
    );
    expect(overdue).toBeGreaterThanOrEqual(16);
    // Due at working hours of their days, not all at the minute the demo was loaded.
    const dueMinutes = await count(
      sql`select count(distinct to_char(due_at at time zone 'UTC', 'HH24:MI'))::int as n from tasks where due_at is not null`,
    );
    expect(dueMinutes).toBeGreaterThan(5);
    const reps = await count(
      sql`select count(distinct t.assignee_id)::int as n from tasks t join users u on u.id = t.assignee_id where u.role = 'rep'`,
    );
    expect(reps).toBe(3);
  });

  it('lets the demo team log in; a rep sees their own territory only', async () => {
    for (const user of demo.users) {
      const login = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: demo.password },
      });
      expect(login.statusCode, user.email).toBe(200);
    }
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rob.miller@example.com', password: demo.password },
    });
    const visible = await t.request({
      method: 'GET',
      url: '/api/v1/accounts?includeTotal=true&limit=200',
      as: login.json().accessToken as string,
    });
    expect(visible.statusCode).toBe(200);
    // The Great Lakes: 12 accounts of its two distributor networks and the supplier there.
    expect(visible.json().total).toBe(13);
  });

  it('refuses to load into a database that holds data', async () => {
    await expect(loadDemoData(t.deps)).rejects.toThrow(/new database/);
  });

  it('is the same data for the same seed and day', () => {
    const input = { now: new Date('2026-03-02T10:00:00Z'), passwordHash: 'x', visitRadiusMeters: 500 };
    const first = buildDemoRecords({ ...input, rng: createRng(7) });
    const second = buildDemoRecords({ ...input, rng: createRng(7) });
    expect(second).toEqual(first);
    expect(first.activities).toHaveLength(DEMO_COUNTS.activities);
    expect(first.tasks).toHaveLength(DEMO_COUNTS.tasks);
    expect(first.contacts).toHaveLength(DEMO_COUNTS.contacts);
  });
});
