import type { TokenPair } from '../../shared/contracts/auth.js';
import type { FieldError, Problem } from '../../shared/errors.js';
import { clearSession, getSession, saveSession } from './session.js';

export const apiBase = '/api/v1';

/** A failed API call, carrying the problem+json answer so screens can show `detail` and field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: Problem['code'] | undefined;
  readonly detail: string;
  readonly errors: FieldError[];
  /** The problem's own members beyond RFC 9457's (existingId, approvalRequest…). */
  readonly extensions: Record<string, unknown>;

  constructor(status: number, problem: Partial<Problem> | undefined) {
    const detail = problem?.detail ?? problem?.title ?? `the server answered ${status}`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code;
    this.detail = detail;
    this.errors = problem?.errors ?? [];
    const { type: _type, title: _title, status: _status, detail: _detail, errors: _errors, ...rest } = problem ?? {};
    this.extensions = rest as Record<string, unknown>;
  }
}

/** The browser could not reach the server at all (offline, server down). */
export class NetworkError extends Error {
  constructor() {
    super('Meridian cannot be reached. Check your connection and try again.');
    this.name = 'NetworkError';
  }
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/**
 * Calls `/api/v1{path}` as the signed-in user and answers the parsed JSON body (`undefined` for 204).
 * An expired access token is refreshed once and the call retried; when the session cannot be
 * refreshed it ends, and the app shows the sign-in page.
 */
export async function apiRequest<Result>(path: string, options: RequestOptions = {}): Promise<Result> {
  return readAnswer<Result>(await sendAsUser(path, options));
}

/**
 * Downloads a file the API makes (a list exported as CSV) as the signed-in user, and hands it to the
 * browser under the name the server gave it. A refusal throws the same ApiError as any call.
 */
export async function downloadFromApi(path: string, fallbackName: string): Promise<void> {
  const { blob, fileName } = await fetchBlobFromApi(path, { accept: 'text/csv, application/problem+json' });
  saveBlob(blob, fileName ?? fallbackName);
}

/**
 * The bytes of `GET /api/v1{path}` as the signed-in user (a file is no use as a plain link: the API wants
 * the bearer token), with the name its Content-Disposition gives, the exact UTF-8 one (RFC 8187) when
 * there is one. A refusal throws the same ApiError as any call.
 */
export async function fetchBlobFromApi(
  path: string,
  options: { accept?: string; signal?: AbortSignal } = {},
): Promise<{ blob: Blob; fileName: string | undefined }> {
  const response = await sendAsUser(path, {
    headers: { accept: options.accept ?? '*/*' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) await readAnswer<never>(response);
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition') ?? '') };
}

function fileNameOf(disposition: string): string | undefined {
  const exact = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (exact) {
    try {
      return decodeURIComponent(exact);
    } catch {
      // A malformed escape: the plain name below is still there.
    }
  }
  return /filename="([^"]+)"/.exec(disposition)?.[1];
}

/** Hands bytes already in the page to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type UploadOptions = {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number) => void;
};

/**
 * Sends a multipart form (a file) to `POST /api/v1{path}` as the signed-in user and answers the parsed
 * JSON, telling `onProgress` how many bytes have gone up: fetch cannot report an upload's progress, so
 * this call uses XMLHttpRequest. The session is refreshed and the form sent again as in `apiRequest`; a
 * refusal throws the same ApiError, an unreachable server a NetworkError.
 */
export async function uploadToApi<Result>(path: string, form: FormData, options: UploadOptions = {}): Promise<Result> {
  return readAnswer<Result>(await asUser((accessToken) => sendForm(path, form, options, accessToken)));
}

function sendForm(path: string, form: FormData, options: UploadOptions, accessToken: string | undefined) {
  return new Promise<Response>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${apiBase}${path}`);
    request.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) request.setRequestHeader(name, value);
    if (accessToken) request.setRequestHeader('authorization', `Bearer ${accessToken}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    // Answered as fetch answers, so readAnswer and the session's refresh treat both alike.
    request.onload = () =>
      resolve(
        new Response(request.status === 204 ? null : request.responseText, {
          status: request.status,
          headers: { 'content-type': request.getResponseHeader('content-type') ?? '' },
        }),
      );
    request.onerror = () => reject(new NetworkError());
    const aborted = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    request.onabort = aborted;
    if (options.signal?.aborted) return aborted();
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}

function sendAsUser(path: string, options: RequestOptions): Promise<Response> {
  return asUser((accessToken) => send(path, options, accessToken));
}

/** A call with the session's access token, made again once with a fresh one when that has expired. */
async function asUser(attempt: (accessToken: string | undefined) => Promise<Response>): Promise<Response> {
  const accessToken = getSession()?.accessToken;
  const response = await attempt(accessToken);
  if (response.status !== 401 || accessToken === undefined) return response;

  if (!(await refreshSession(accessToken))) return response;
  const retried = await attempt(getSession()?.accessToken);
  // A fresh token that is still refused means the account was disabled or the session revoked.
  if (retried.status === 401) clearSession();
  return retried;
}

export const api = {
  get: <Result>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<Result>(path, { ...options, method: 'GET' }),
  post: <Result>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<Result>(path, { ...options, method: 'POST', body }),
  patch: <Result>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<Result>(path, { ...options, method: 'PATCH', body }),
  delete: <Result = undefined>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<Result>(path, { ...options, method: 'DELETE' }),
};

/** Calls a route that takes no session (an approval e-mail's link): nobody's token goes with it. */
export async function publicRequest<Result>(path: string, options: RequestOptions = {}): Promise<Result> {
  return readAnswer<Result>(await send(path, options, undefined));
}

/** Exchanges an e-mail and password for a session; a wrong password rejects with the server's `detail`. */
export async function signIn(email: string, password: string): Promise<TokenPair> {
  const response = await send('/auth/login', { method: 'POST', body: { email, password } }, undefined);
  const pair = await readAnswer<TokenPair>(response);
  saveSession(pair);
  return pair;
}

/** Ends the session on the server (best effort) and forgets it here in any case. */
export async function signOut(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  try {
    if (refreshToken) await send('/auth/logout', { method: 'POST', body: { refreshToken } }, undefined);
  } catch {
    // Offline or server down: the refresh token expires on its own; signing out here must still work.
  } finally {
    clearSession();
  }
}

let refreshing: Promise<boolean> | undefined;

/**
 * Replaces a rejected access token with a new pair. Refresh tokens are single-use and reusing one ends
 * the session, so calls that fail together share one refresh, and tabs take turns through a Web Lock;
 * a tab that finds the token already replaced by another just uses the new one.
 */
function refreshSession(rejectedAccessToken: string): Promise<boolean> {
  refreshing ??= withRefreshLock(async () => {
    const session = getSession();
    if (!session) return false;
    if (session.accessToken !== rejectedAccessToken) return true;
    const response = await send(
      '/auth/refresh',
      { method: 'POST', body: { refreshToken: session.refreshToken } },
      undefined,
    );
    if (response.ok) {
      saveSession((await response.json()) as TokenPair);
      return true;
    }
    // 401: the refresh token expired or was revoked, so the session is over. Anything else (429, 503)
    // is passing trouble: keep the session and let the caller show the error.
    if (response.status === 401) clearSession();
    return false;
  }).finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

function withRefreshLock<Result>(task: () => Promise<Result>): Promise<Result> {
  // Web Locks exist only in secure contexts (https, localhost); elsewhere one tab's guard is all we have.
  if (!('locks' in navigator)) return task();
  return navigator.locks.request('meridian.session-refresh', task);
}

async function send(path: string, options: RequestOptions, accessToken: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;
  try {
    return await fetch(`${apiBase}${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
}

async function readAnswer<Result>(response: Response): Promise<Result> {
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  const body: unknown = isJson && response.status !== 204 ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok) throw new ApiError(response.status, body as Partial<Problem> | undefined);
  return body as Result;
}
