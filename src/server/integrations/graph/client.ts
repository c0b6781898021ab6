/*
 * Microsoft Graph as an app registration (application permissions, no signed-in user): sending mail,
 * reading mailboxes into the communication log and writing activities into Outlook calendars all call
 * Graph through this one client, which signs in with client credentials and keeps the token.
 */

export type GraphConnection = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com, or a national cloud's sign-in host. */
  loginUrl: string;
  /** https://graph.microsoft.com/v1.0, or a national cloud's Graph. */
  apiUrl: string;
  timeoutMs: number;
};

/** Graph could not be asked at all: the sign-in failed or the service did not answer. Worth trying later. */
export class GraphUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphUnavailableError';
  }
}

export type GraphRequest = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  headers?: Record<string, string>;
};

export interface GraphClient {
  /**
   * Calls Graph with the app's token: `target` is a path under the API URL (`/users/{id}/sendMail`) or a
   * whole link Graph handed back (`@odata.nextLink`, `@odata.deltaLink`). Any HTTP answer is returned
   * for the caller to judge; a `401` also drops the kept token, so the next call signs in again.
   */
  request(target: string, init?: GraphRequest): Promise<Response>;
}

/** A token is renewed this long before it expires, so no request leaves with one about to lapse. */
const TOKEN_RENEWAL_MARGIN_MS = 5 * 60_000;

const clients = new WeakMap<GraphConnection, GraphClient>();

/** One client per configured connection, so mail, mailbox sync and calendar push share one token. */
export function graphClientFor(connection: GraphConnection): GraphClient {
  let client = clients.get(connection);
  if (!client) {
    client = createGraphClient(connection);
    clients.set(connection, client);
  }
  return client;
}

/**
 * The token request is the documented form POST of OAuth 2.0 client credentials, made here directly:
 * MSAL refuses an authority that is not https, which would leave the adapters untestable against a
 * local server.
 */
export function createGraphClient(connection: GraphConnection): GraphClient {
  let token: { value: string; expiresAt: number } | undefined;
  const scope = `${new URL(connection.apiUrl).origin}/.default`;

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt - TOKEN_RENEWAL_MARGIN_MS > Date.now()) return token.value;
    const response = await call(`${connection.loginUrl}/${encodeURIComponent(connection.tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: connection.clientId,
        client_secret: connection.clientSecret,
        scope,
        grant_type: 'client_credentials',
      }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error_description?: string;
    };
    if (!response.ok || !body.access_token) {
      // A wrong secret or tenant is for an administrator to fix; whatever waits on Graph is retried.
      throw new GraphUnavailableError(
        `Microsoft Graph sign-in failed (${response.status}): ${firstLine(body.error_description) ?? 'no token'}`,
      );
    }
    token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return token.value;
  }

  async function call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(connection.timeoutMs) });
    } catch (error) {
      throw new GraphUnavailableError(`Microsoft Graph unreachable: ${(error as Error).message}`);
    }
  }

  return {
    async request(target, init = {}) {
      const url = /^https?:\/\//.test(target) ? target : `${connection.apiUrl}${target}`;
      const headers: Record<string, string> = { authorization: `Bearer ${await accessToken()}`, ...init.headers };
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      const response = await call(url, {
        method: init.method ?? 'GET',
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      if (response.status === 401) token = undefined;
      return response;
    },
  };
}

/** Graph's error answer as one line: "ErrorInvalidUser: The requested user … is invalid." */
export async function graphErrorReason(response: Response): Promise<string | undefined> {
  const error = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  return [error.error?.code, firstLine(error.error?.message)].filter(Boolean).join(': ') || undefined;
}

/** How long Graph asked to wait (`Retry-After`, seconds), when it said. */
export function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split(/\r?\n/)[0]?.trim() || undefined;
}
