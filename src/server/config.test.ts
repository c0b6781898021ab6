import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('reads exchange rates as CODE=rate pairs, and refuses anything else by name', () => {
    expect(loadConfig({}).exchangeRates).toEqual({});
    expect(loadConfig({ MERIDIAN_EXCHANGE_RATES: 'EUR=1.08, GBP=1.27' }).exchangeRates).toEqual({
      EUR: 1.08,
      GBP: 1.27,
    });
    for (const bad of ['EUR', 'EUR=abc', 'EUR=-1', 'EUR=0', 'XYZ=2', 'eur=1.1']) {
      expect(() => loadConfig({ MERIDIAN_EXCHANGE_RATES: bad }), bad).toThrow(/MERIDIAN_EXCHANGE_RATES/);
    }
  });

  it('serves from one process unless told otherwise', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/meridian', MERIDIAN_WORKERS: '4' }).workers).toBe(4);
  });

  it('refuses several workers on the embedded database, and a worker count that is not a positive integer', () => {
    expect(() => loadConfig({ MERIDIAN_WORKERS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ MERIDIAN_WORKERS: '2' })).toThrow(/MERIDIAN_WORKERS: several workers need DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/meridian', MERIDIAN_WORKERS: '0' })).toThrow(
      /MERIDIAN_WORKERS/,
    );
  });
});
