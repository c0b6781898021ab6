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
    });
    expect((await t.request({ method: 'GET', url: '/api/v1/settings' })).statusCode).toBe(401);
  });
});
