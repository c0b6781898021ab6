import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({
    MERIDIAN_APPROVAL_THRESHOLD: '250000',
    MERIDIAN_DEFAULT_CURRENCY: 'EUR',
    MERIDIAN_EXCHANGE_RATES: 'USD=0.92',
  });
});
afterAll(async () => {
  await t.close();
});

describe('settings', () => {
  it('tells every signed-in user the configured rules, and nobody else', async () => {
    const rep = await t.createUser({});
    const response = await t.request({ method: 'GET', url: '/api/v1/settings', as: rep });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      defaultCurrency: 'EUR',
      approvalThreshold: 250_000,
      exchangeRates: { USD: 0.92 },
      visitRadiusMeters: 500,
      microsoft365: { mailboxSync: false, calendarSync: false },
    });
    expect((await t.request({ method: 'GET', url: '/api/v1/settings' })).statusCode).toBe(401);
  });

  it('says which Microsoft 365 syncs are on', async () => {
    const synced = await buildTestApp({
      MERIDIAN_GRAPH_TENANT_ID: 'contoso.onmicrosoft.com',
      MERIDIAN_GRAPH_CLIENT_ID: 'app-id',
      MERIDIAN_GRAPH_CLIENT_SECRET: 'app-secret',
      MERIDIAN_GRAPH_CALENDAR_SYNC: 'true',
    });
    try {
      const response = await synced.request({ method: 'GET', url: '/api/v1/settings', as: synced.admin });
      expect(response.json().microsoft365).toEqual({ mailboxSync: false, calendarSync: true });
    } finally {
      await synced.close();
    }
  });
});
