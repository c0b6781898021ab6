/**
 * A small API client for seeding what a test needs on the empty e2e database (or, through
 * `seed-dev.ts`, a development server). Plain fetch, so it runs in Playwright's test process and in tsx.
 */
// biome-ignore lint/suspicious/noExplicitAny: seeded records are read loosely in tests
type Json = any;

export type Api = {
  get: <T = Json>(path: string) => Promise<T>;
  post: <T = Json>(path: string, body?: unknown) => Promise<T>;
  patch: <T = Json>(path: string, body: unknown) => Promise<T>;
};

export async function apiAs(origin: string, email: string, password: string): Promise<Api> {
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    patch: (path, body) => call('PATCH', path, body),
  };
}

const day = 24 * 60 * 60 * 1000;
export const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);
export const isoTime = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString();

/** A unique suffix so tests sharing one server never collide on names or e-mails. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

/** A manager (Mona) and a rep (Rob) who reports to them, both signing in with `password`. */
export async function seedManagerAndRep(api: Api, tag: string, password: string) {
  const manager = await api.post('/users', {
    name: `Mona ${tag}`,
    email: `mona-${tag}@example.com`,
    password,
    role: 'manager',
  });
  const rep = await api.post('/users', {
    name: `Rob ${tag}`,
    email: `rob-${tag}@example.com`,
    password,
    role: 'rep',
    managerId: manager.id,
  });
  return { manager, rep };
}

/**
 * A rep (signing in with `password`) with one account and its contact, Jo, who has an e-mail address: what
 * a test of writing to a customer needs. `repApi` acts as the rep.
 */
export async function seedRepWithContact(
  api: Api,
  origin: string,
  options: { tag: string; name: string; password: string },
) {
  const { tag, name, password } = options;
  const rep = await api.post('/users', {
    email: `${name.toLowerCase()}-${tag}@example.com`,
    name: `${name} Rep ${tag}`,
    role: 'rep',
    password,
  });
  const repApi = await apiAs(origin, rep.email, password);
  const account = await repApi.post('/accounts', { name: `Dune Traders ${tag}`, type: 'customer' });
  const contact = await repApi.post('/contacts', {
    accountId: account.id,
    firstName: 'Jo',
    lastName: `Buyer ${tag}`,
    email: `jo-${tag}@dune.example.com`,
  });
  return { rep, repApi, account, contact };
}

/** A small sales desk: accounts with a parent, contacts, leads, deals in every open stage, activities and tasks. */
export async function seedSalesDesk(api: Api, tag = unique()) {
  const cities = [
    { city: 'Lyon', country: 'France', lat: 45.764, lng: 4.8357 },
    { city: 'Milan', country: 'Italy', lat: 45.4642, lng: 9.19 },
    { city: 'Munich', country: 'Germany', lat: 48.1351, lng: 11.582 },
    { city: 'Madrid', country: 'Spain', lat: 40.4168, lng: -3.7038 },
  ];
  const parent = await api.post('/accounts', {
    name: `Northwind Group ${tag}`,
    type: 'distributor',
    industry: 'Wholesale',
    website: `https://northwind-${tag}.example.com`,
    annualRevenue: 48_000_000,
    employees: 900,
    address: { city: 'Paris', country: 'France' },
    location: { lat: 48.8566, lng: 2.3522 },
  });
  const accounts = [parent];
  for (const [index, place] of cities.entries()) {
    accounts.push(
      await api.post('/accounts', {
        name: `${['Alpine', 'Borealis', 'Cobalt', 'Delta'][index]} ${['Dealers', 'Supply', 'Retail', 'Partners'][index]} ${tag}`,
        type: (['dealer', 'customer', 'customer', 'partner'] as const)[index],
        parentId: index < 2 ? parent.id : null,
        industry: 'Industrial equipment',
        annualRevenue: 2_000_000 * (index + 1),
        address: { city: place.city, country: place.country },
        location: { lat: place.lat, lng: place.lng },
      }),
    );
  }
  const contacts = [];
  for (const [index, account] of accounts.entries()) {
    contacts.push(
      await api.post('/contacts', {
        accountId: account.id,
        firstName: ['Ana', 'Ben', 'Chloé', 'Dario', 'Eva'][index],
        lastName: `Marsh ${tag}`,
        title: index === 0 ? 'Head of purchasing' : 'Buyer',
        role: index === 0 ? 'decision_maker' : 'contact',
        email: `contact${index}-${tag}@example.com`,
        isPrimary: true,
      }),
    );
  }
  const stages = ['prospecting', 'qualification', 'proposal', 'negotiation', 'proposal', 'qualification'];
  const deals = [];
  for (const [index, stage] of stages.entries()) {
    const account = accounts[index % accounts.length];
    deals.push(
      await api.post('/opportunities', {
        name: `${['Forklift fleet', 'Spare parts', 'Service contract', 'Racking', 'Conveyors', 'Pallet jacks'][index]} ${tag}`,
        accountId: account.id,
        stage,
        amount: [12_000, 45_500, 80_000, 150_000, 23_000, 9_800][index],
        currency: 'USD',
        closeDate: isoDate(10 + index * 20),
      }),
    );
  }
  const sources = ['website', 'trade_show', 'referral', 'cold_call'];
  const leads = [];
  for (const [index, source] of sources.entries()) {
    leads.push(
      await api.post('/leads', {
        firstName: ['Fay', 'Gus', 'Hana', 'Ivo'][index],
        lastName: `Lead ${tag}`,
        company: `${['Juniper', 'Kestrel', 'Lumen', 'Mistral'][index]} Logistics ${tag}`,
        email: `lead${index}-${tag}@example.org`,
        source,
        bant: { budget: index % 2 === 0, need: true },
        budgetAmount: 20_000 * (index + 1),
        decisionDate: isoDate(45),
      }),
    );
  }
  const activities = [];
  for (const [index, type] of ['visit', 'call', 'meeting', 'email'].entries()) {
    const account = accounts[index + 1];
    activities.push(
      await api.post('/activities', {
        type,
        subject: `${['Site visit', 'Follow-up call', 'Quarterly review', 'Price list'][index]} ${tag}`,
        accountId: account.id,
        scheduledAt: isoTime(index - 1),
        durationMinutes: 30,
        location: type === 'visit' ? { lat: account.location.lat, lng: account.location.lng } : null,
      }),
    );
  }
  const tasks = [];
  for (const [index, dueIn] of [-2, 0.2, 3].entries()) {
    tasks.push(
      await api.post('/tasks', {
        title: `${['Send the revised quote', 'Call back about delivery', 'Prepare the demo'][index]} ${tag}`,
        type: 'follow_up',
        priority: (['high', 'medium', 'low'] as const)[index],
        dueAt: isoTime(dueIn),
        accountId: accounts[index].id,
      }),
    );
  }
  return { tag, accounts, contacts, deals, leads, activities, tasks };
}
