import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
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
