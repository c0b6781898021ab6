import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { currencySchema } from '../shared/contracts/common.js';
import type { GraphConnection } from './integrations/graph/client.js';

/** Environment flags arrive as strings; accept the usual spellings and nothing else. */
const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/**
 * `EUR=1.08,GBP=1.27`: what one unit of each currency is worth in the default currency. The approval
 * threshold is in the default currency; a deal in another one is compared through its rate.
 */
const exchangeRatesSchema = z.string().transform((raw, context) => {
  const rates: Record<string, number> = {};
  for (const pair of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [code = '', rate = ''] = pair.split('=').map((part) => part.trim());
    const value = /^\d+(?:\.\d+)?$/.test(rate) ? Number(rate) : Number.NaN;
    if (!currencySchema.safeParse(code).success || !(value > 0)) {
      context.addIssue({ code: 'custom', message: `"${pair}" is not CODE=rate (e.g. EUR=1.08)` });
      return z.NEVER;
    }
    rates[code] = value;
  }
  return rates;
});

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8001),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  MERIDIAN_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  DATABASE_PREPARED_STATEMENTS: booleanFlag.optional(),
  MERIDIAN_DATA_DIR: z.string().min(1).default('./data'),
  MERIDIAN_ADMIN_EMAIL: z.email().default('admin@example.com'),
  MERIDIAN_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  MERIDIAN_DEMO_DATA: booleanFlag.optional(),
  MERIDIAN_DEFAULT_CURRENCY: currencySchema.default('USD'),
  MERIDIAN_VISIT_RADIUS_METERS: z.coerce.number().min(1).max(100_000).default(500),
  MERIDIAN_APPROVAL_THRESHOLD: z.coerce.number().min(0).default(100_000),
  MERIDIAN_EXCHANGE_RATES: exchangeRatesSchema.default({}),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** The largest file an attachment may be (25 MiB by default: a phone's photo, a signed contract, a price list). */
  MERIDIAN_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(26_214_400),
  /** The seller printed at the top of every quote, and its address on one line. */
  MERIDIAN_COMPANY_NAME: z.string().trim().min(1).max(200).default('Meridian'),
  MERIDIAN_COMPANY_ADDRESS: z.string().trim().min(1).max(300).optional(),
  /** How long a new quote stands, and the terms it is given unless the rep writes others. */
  MERIDIAN_QUOTE_VALID_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MERIDIAN_QUOTE_TERMS: z.string().trim().min(1).max(4000).optional(),
  CORS_ORIGINS: commaList.default([]),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFlag.default(false),
  MERIDIAN_LLM_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  MERIDIAN_LLM_API_KEY: z.string().min(1).optional(),
  MERIDIAN_LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  MERIDIAN_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  MERIDIAN_GOOGLE_MAPS_API_KEY: z.string().min(1).optional(),
  MERIDIAN_GOOGLE_ROUTES_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://routes.googleapis.com'),
  MERIDIAN_GOOGLE_GEOCODING_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://maps.googleapis.com'),
  MERIDIAN_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  MERIDIAN_MAIL_FROM: z
    .string()
    .regex(/^([^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, 'must be an address or "Name <address>"')
    .optional(),
  MERIDIAN_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MERIDIAN_MAIL_OUTBOX_DIR: z.string().min(1).optional(),
  MERIDIAN_MAIL_INBOX_DIR: z.string().min(1).optional(),
  MERIDIAN_GRAPH_TENANT_ID: z.string().min(1).optional(),
  MERIDIAN_GRAPH_CLIENT_ID: z.string().min(1).optional(),
  MERIDIAN_GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  MERIDIAN_GRAPH_LOGIN_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://login.microsoftonline.com'),
  MERIDIAN_GRAPH_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://graph.microsoft.com/v1.0'),
  MERIDIAN_SMS_FROM: z
    .string()
    .regex(
      /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/,
      'must be a number as +15551234567, a Messaging Service SID (MG…), or a sender name of up to 11 letters and digits',
    )
    .optional(),
  MERIDIAN_TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID (AC…)')
    .optional(),
  MERIDIAN_TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  MERIDIAN_TWILIO_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://api.twilio.com'),
  MERIDIAN_SMS_OUTBOX_DIR: z.string().min(1).optional(),
  MERIDIAN_GRAPH_MAILBOX_SYNC: booleanFlag.default(false),
  MERIDIAN_GRAPH_CALENDAR_SYNC: booleanFlag.default(false),
});

const GRAPH_VARIABLES = [
  'MERIDIAN_GRAPH_TENANT_ID',
  'MERIDIAN_GRAPH_CLIENT_ID',
  'MERIDIAN_GRAPH_CLIENT_SECRET',
] as const;

/** Where queued text messages go: Twilio, or (offline) an outbox directory of one JSON file per message. */
export type SmsTransportConfig =
  | { kind: 'twilio'; accountSid: string; authToken: string; baseUrl: string; timeoutMs: number }
  | { kind: 'outbox'; directory: string };

/** Where queued e-mail goes: an SMTP relay, Microsoft 365, or (offline) an outbox directory of .eml files. */
export type MailTransportConfig =
  | { kind: 'smtp'; url: string }
  | { kind: 'graph'; connection: GraphConnection }
  | { kind: 'outbox'; directory: string };

/**
 * Microsoft 365 as an app registration: mail goes out through it, and, each when switched on (each needs
 * its own permission granted), mailboxes are read into the communication log and activities are written
 * into Outlook calendars.
 */
export type Microsoft365Config = { connection: GraphConnection; mailboxSync: boolean; calendarSync: boolean };

export type Config = {
  port: number;
  host: string;
  /** HTTP worker processes sharing the port (PostgreSQL only: the embedded database has one owner). */
  workers: number;
  database:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; poolSize: number; prepareStatements: boolean };
  dataDir: string;
  /** Where people reach the dashboard: the base of links in e-mail. */
  publicUrl: string;
  admin: { email: string; password: string | undefined };
  demoData: boolean;
  defaultCurrency: string;
  /** Deals at or above this amount need a manager's approval before closed_won. */
  approvalThreshold: number;
  /** What one unit of another currency is worth in the default one, for the approval threshold. */
  exchangeRates: Record<string, number>;
  /** A visit checked in further than this from its account is flagged. */
  visitRadiusMeters: number;
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  bodyLimitBytes: number;
  attachmentMaxBytes: number;
  /** Who offers, on quotes. */
  company: { name: string; address: string | null };
  quotes: { validDays: number; terms: string | null };
  corsOrigins: string[];
  rateLimit: { ipPerMinute: number; userPerMinute: number };
  loginThrottle: { maxFailures: number; lockMinutes: number };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  /** An OpenAI-compatible endpoint that plans questions; null: the rule engine answers alone. */
  llm: { baseUrl: string | undefined; apiKey: string | undefined; model: string; timeoutMs: number } | null;
  /**
   * Google Maps: the Routes API for drive times between visits (`baseUrl`) and the Geocoding API for
   * accounts' positions (`geocodingUrl`); null: straight-line estimates and no geocoding, offline.
   */
  maps: { apiKey: string; baseUrl: string; geocodingUrl: string; timeoutMs: number } | null;
  /** `from`: the system's own address, the envelope sender of every message and the sender of its notices. */
  /**
   * `inboxDirectory`: .eml files put here (by a mail server's delivery, or by hand) are logged as
   * communications with the contacts and leads they involve: the offline way in for incoming mail.
   */
  mail: { from: string | null; transport: MailTransportConfig; inboxDirectory: string };
  /** `from`: the number, Messaging Service or sender name text messages go out from (Twilio needs one). */
  sms: { from: string | null; transport: SmsTransportConfig };
  /** Null: no Microsoft 365 credentials. */
  microsoft365: Microsoft365Config | null;
};

export class ConfigError extends Error {}

/**
 * Reads `./.env` when present: its values fill in what the environment does not set, so an exported
 * variable always wins over the file.
 */
export function loadDotEnv(file = path.resolve('.env'), environment: NodeJS.ProcessEnv = process.env): void {
  if (!fs.existsSync(file)) return;
  for (const [name, value] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8')))) {
    if (environment[name] === undefined) environment[name] = value;
  }
}

/** Parses the environment once; every other module receives the resulting Config. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(environment));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.MERIDIAN_DATA_DIR);
  const microsoft365 = microsoft365Config(env);
  if (env.MERIDIAN_WORKERS > 1 && !env.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  MERIDIAN_WORKERS: several workers need DATABASE_URL (the embedded database belongs to one process)',
    );
  }
  return {
    port: env.PORT,
    host: env.HOST,
    workers: env.MERIDIAN_WORKERS,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          poolSize: env.DATABASE_POOL_SIZE,
          prepareStatements: env.DATABASE_PREPARED_STATEMENTS ?? true,
        }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    publicUrl: (env.MERIDIAN_PUBLIC_URL ?? `http://${localHostName(env.HOST)}:${env.PORT}`).replace(/\/+$/, ''),
    admin: { email: env.MERIDIAN_ADMIN_EMAIL, password: env.MERIDIAN_ADMIN_PASSWORD },
    // Demo data helps a newcomer on the embedded database; a real server starts empty unless asked.
    demoData: env.MERIDIAN_DEMO_DATA ?? !env.DATABASE_URL,
    defaultCurrency: env.MERIDIAN_DEFAULT_CURRENCY,
    approvalThreshold: env.MERIDIAN_APPROVAL_THRESHOLD,
    exchangeRates: env.MERIDIAN_EXCHANGE_RATES,
    visitRadiusMeters: env.MERIDIAN_VISIT_RADIUS_METERS,
    jwtSecret: env.JWT_SECRET,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    company: { name: env.MERIDIAN_COMPANY_NAME, address: env.MERIDIAN_COMPANY_ADDRESS ?? null },
    quotes: { validDays: env.MERIDIAN_QUOTE_VALID_DAYS, terms: env.MERIDIAN_QUOTE_TERMS ?? null },
    attachmentMaxBytes: env.MERIDIAN_ATTACHMENT_MAX_BYTES,
    corsOrigins: env.CORS_ORIGINS,
    rateLimit: { ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE, userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE },
    loginThrottle: { maxFailures: env.LOGIN_MAX_FAILURES, lockMinutes: env.LOGIN_LOCK_MINUTES },
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    // Either a URL (a local Ollama or vLLM needs no key) or a key (OpenAI's own endpoint) turns the model on.
    llm:
      env.MERIDIAN_LLM_BASE_URL || env.MERIDIAN_LLM_API_KEY
        ? {
            baseUrl: env.MERIDIAN_LLM_BASE_URL,
            apiKey: env.MERIDIAN_LLM_API_KEY,
            model: env.MERIDIAN_LLM_MODEL,
            timeoutMs: env.MERIDIAN_LLM_TIMEOUT_MS,
          }
        : null,
    maps: env.MERIDIAN_GOOGLE_MAPS_API_KEY
      ? {
          apiKey: env.MERIDIAN_GOOGLE_MAPS_API_KEY,
          baseUrl: env.MERIDIAN_GOOGLE_ROUTES_URL.replace(/\/+$/, ''),
          geocodingUrl: env.MERIDIAN_GOOGLE_GEOCODING_URL.replace(/\/+$/, ''),
          timeoutMs: 10_000,
        }
      : null,
    mail: {
      from: env.MERIDIAN_MAIL_FROM ?? null,
      transport: mailTransport(env, dataDir, microsoft365),
      inboxDirectory: path.resolve(env.MERIDIAN_MAIL_INBOX_DIR ?? path.join(dataDir, 'inbox')),
    },
    sms: { from: env.MERIDIAN_SMS_FROM ?? null, transport: smsTransport(env, dataDir) },
    microsoft365,
  };
}

/** A server bound to every interface is still reached on this machine as localhost. */
function localHostName(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Half of Graph's credentials, or a sync switched on without them, is a mistake to hear about at start. */
function microsoft365Config(env: z.infer<typeof environmentSchema>): Microsoft365Config | null {
  const graphSet = GRAPH_VARIABLES.filter((name) => env[name] !== undefined);
  if (graphSet.length > 0 && graphSet.length < GRAPH_VARIABLES.length) {
    const missing = GRAPH_VARIABLES.filter((name) => env[name] === undefined);
    throw new ConfigError(
      `Invalid configuration:\n  ${missing.join(', ')}: Microsoft 365 needs all three GRAPH variables`,
    );
  }
  if (!env.MERIDIAN_GRAPH_TENANT_ID || !env.MERIDIAN_GRAPH_CLIENT_ID || !env.MERIDIAN_GRAPH_CLIENT_SECRET) {
    const switchedOn = (['MERIDIAN_GRAPH_MAILBOX_SYNC', 'MERIDIAN_GRAPH_CALENDAR_SYNC'] as const).filter(
      (name) => env[name],
    );
    if (switchedOn.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n  ${switchedOn.join(', ')}: needs Microsoft 365 (the three GRAPH variables)`,
      );
    }
    return null;
  }
  return {
    connection: {
      tenantId: env.MERIDIAN_GRAPH_TENANT_ID,
      clientId: env.MERIDIAN_GRAPH_CLIENT_ID,
      clientSecret: env.MERIDIAN_GRAPH_CLIENT_SECRET,
      loginUrl: env.MERIDIAN_GRAPH_LOGIN_URL.replace(/\/+$/, ''),
      apiUrl: env.MERIDIAN_GRAPH_API_URL.replace(/\/+$/, ''),
      timeoutMs: 20_000,
    },
    mailboxSync: env.MERIDIAN_GRAPH_MAILBOX_SYNC,
    calendarSync: env.MERIDIAN_GRAPH_CALENDAR_SYNC,
  };
}

/** One transport: an SMTP relay and Microsoft 365 both named is a mistake to hear about at start. */
function mailTransport(
  env: z.infer<typeof environmentSchema>,
  dataDir: string,
  microsoft365: Microsoft365Config | null,
): MailTransportConfig {
  if (microsoft365 && env.MERIDIAN_SMTP_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  MERIDIAN_SMTP_URL: set either an SMTP relay or Microsoft 365 (GRAPH) credentials, not both',
    );
  }
  if (env.MERIDIAN_SMTP_URL) return { kind: 'smtp', url: env.MERIDIAN_SMTP_URL };
  if (microsoft365) return { kind: 'graph', connection: microsoft365.connection };
  return { kind: 'outbox', directory: path.resolve(env.MERIDIAN_MAIL_OUTBOX_DIR ?? path.join(dataDir, 'outbox')) };
}

/** Twilio needs its two credentials and a sender; half of that is a mistake to hear about at start. */
function smsTransport(env: z.infer<typeof environmentSchema>, dataDir: string): SmsTransportConfig {
  const { MERIDIAN_TWILIO_ACCOUNT_SID: accountSid, MERIDIAN_TWILIO_AUTH_TOKEN: authToken } = env;
  if (accountSid || authToken) {
    const missing = [
      ...(accountSid ? [] : ['MERIDIAN_TWILIO_ACCOUNT_SID']),
      ...(authToken ? [] : ['MERIDIAN_TWILIO_AUTH_TOKEN']),
      ...(env.MERIDIAN_SMS_FROM ? [] : ['MERIDIAN_SMS_FROM']),
    ];
    if (missing.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n  ${missing.join(', ')}: Twilio needs an Account SID, its auth token and a sender`,
      );
    }
    return {
      kind: 'twilio',
      accountSid: accountSid as string,
      authToken: authToken as string,
      baseUrl: env.MERIDIAN_TWILIO_URL.replace(/\/+$/, ''),
      timeoutMs: 15_000,
    };
  }
  return { kind: 'outbox', directory: path.resolve(env.MERIDIAN_SMS_OUTBOX_DIR ?? path.join(dataDir, 'sms-outbox')) };
}

/** `FOO=` in a .env file means "not set", not "set to the empty string". */
function withoutEmptyValues(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
