import type { LoadRequest } from './load.js';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One request outside the load (a GET unless the request says POST, with its JSON body): checks a
 * scenario's requests, follows cursors. Anything but 2xx throws.
 */
export async function getJson(request: LoadRequest): Promise<unknown> {
  const method = request.method ?? 'GET';
  const response = await fetch(request.url, {
    method,
    headers: {
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${method} ${request.url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return JSON.parse(text);
}

/** Signs in with e-mail and password; answers the access token. */
export async function logIn(meridianUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${meridianUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (response.status !== 200)
    throw new Error(`login as ${email} answered ${response.status}: ${await response.text()}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return accessToken;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
