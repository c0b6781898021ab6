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

  it('sends e-mail through one transport: an SMTP relay, Microsoft 365, or the outbox by default', () => {
    expect(loadConfig({ MERIDIAN_SMTP_URL: 'smtps://user:secret@relay.example.com' }).mail.transport).toEqual({
      kind: 'smtp',
      url: 'smtps://user:secret@relay.example.com',
    });
    const graph = {
      MERIDIAN_GRAPH_TENANT_ID: 'contoso.onmicrosoft.com',
      MERIDIAN_GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      MERIDIAN_GRAPH_CLIENT_SECRET: 'secret',
    };
    const microsoft365 = loadConfig(graph);
    expect(microsoft365.mail.transport).toMatchObject({
      kind: 'graph',
      connection: {
        tenantId: 'contoso.onmicrosoft.com',
        loginUrl: 'https://login.microsoftonline.com',
        apiUrl: 'https://graph.microsoft.com/v1.0',
      },
    });
    // Mail, mailbox sync and calendar push share one connection (and so one token).
    expect(microsoft365.microsoft365).toEqual({
      connection: microsoft365.mail.transport.kind === 'graph' ? microsoft365.mail.transport.connection : null,
      mailboxSync: false,
      calendarSync: false,
    });
    expect(loadConfig({ ...graph, MERIDIAN_GRAPH_MAILBOX_SYNC: 'true' }).microsoft365?.mailboxSync).toBe(true);
    expect(() => loadConfig({ MERIDIAN_GRAPH_CALENDAR_SYNC: 'true' })).toThrow(
      /MERIDIAN_GRAPH_CALENDAR_SYNC: needs Microsoft 365/,
    );
    expect(loadConfig({ MERIDIAN_DATA_DIR: '/srv/m' }).mail).toEqual({
      from: null,
      transport: { kind: 'outbox', directory: '/srv/m/outbox' },
      inboxDirectory: '/srv/m/inbox',
    });

    expect(() => loadConfig({ ...graph, MERIDIAN_SMTP_URL: 'smtp://relay' })).toThrow(/either an SMTP relay or/);
    expect(() => loadConfig({ MERIDIAN_GRAPH_TENANT_ID: 'contoso' })).toThrow(
      /MERIDIAN_GRAPH_CLIENT_ID, MERIDIAN_GRAPH_CLIENT_SECRET: Microsoft 365 needs all three/,
    );
    expect(() => loadConfig({ MERIDIAN_SMTP_URL: 'http://relay' })).toThrow(/MERIDIAN_SMTP_URL: must be an smtp/);
    expect(() => loadConfig({ MERIDIAN_MAIL_FROM: 'not an address' })).toThrow(/MERIDIAN_MAIL_FROM/);
    expect(loadConfig({ MERIDIAN_MAIL_FROM: 'Meridian <crm@example.com>' }).mail.from).toBe(
      'Meridian <crm@example.com>',
    );
  });
});
