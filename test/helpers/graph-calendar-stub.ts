import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphConnection } from '../../src/server/integrations/graph/client.js';
import { localGraphConnection } from './graph-connection.js';

/*
 * For tests: a stand-in for Microsoft's sign-in and for Graph's calendar that holds every request to the
 * shapes Microsoft documents (the client-credentials token form; a bearer token; JSON events with subject,
 * a text body, start and end as dateTime without offset in UTC, showAs, isReminderOn, and a transactionId
 * on create) and keeps the events of each mailbox as Outlook would, including Graph's answer to a
 * repeated transactionId: the event created the first time.
 */

export type StubEvent = Record<string, unknown> & { id: string };
export type StubRequest = { method: string; path: string; body: Record<string, unknown> | null };
type Reply = { status: number; json?: unknown; headers?: Record<string, string> };

export type OutlookStub = {
  connection: GraphConnection;
  requests: StubRequest[];
  /** Events by mailbox, then by id. */
  events: Map<string, Map<string, StubEvent>>;
  eventsOf(mailbox: string): StubEvent[];
  /** The next request with this method (POST, PATCH, DELETE) gets this answer instead. */
  answerNext(method: string, reply: Reply): void;
  close(): Promise<void>;
};

export async function startOutlookStub(): Promise<OutlookStub> {
  const requests: StubRequest[] = [];
  const events = new Map<string, Map<string, StubEvent>>();
  const scripted: { method: string; reply: Reply }[] = [];
  let created = 0;
  let baseUrl = '';

  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const reply = ({ status, json, headers = {} }: Reply) => {
        response.writeHead(status, {
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        });
        response.end(json === undefined ? undefined : JSON.stringify(json));
      };
      const graphError = (status: number, code: string) => reply({ status, json: { error: { code, message: code } } });
      const method = request.method ?? '';
      const path = request.url ?? '';
      if (method === 'POST' && path === '/contoso.onmicrosoft.com/oauth2/v2.0/token') {
        const form = new URLSearchParams(raw);
        const valid =
          form.get('grant_type') === 'client_credentials' &&
          form.get('client_id') === 'app-id' &&
          form.get('client_secret') === 'app-secret' &&
          form.get('scope') === `${baseUrl}/.default`;
        if (!valid) return reply({ status: 400, json: { error: 'invalid_request', error_description: 'bad form' } });
        return reply({ status: 200, json: { token_type: 'Bearer', expires_in: 3599, access_token: 'token-1' } });
      }
      const route = /^\/v1\.0\/users\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      requests.push({ method, path, body });
      if (!route) return graphError(404, 'NotFound');
      if (request.headers.authorization !== 'Bearer token-1') return graphError(401, 'InvalidAuthenticationToken');
      const mailbox = decodeURIComponent(route[1] as string);
      const eventId = route[2] === undefined ? undefined : decodeURIComponent(route[2]);
      const script = scripted.findIndex((entry) => entry.method === method);
      if (script >= 0) return reply((scripted.splice(script, 1)[0] as { reply: Reply }).reply);
      const calendar = events.get(mailbox) ?? new Map<string, StubEvent>();
      events.set(mailbox, calendar);
      if (method === 'DELETE' && eventId) {
        if (!calendar.delete(eventId)) return graphError(404, 'ErrorItemNotFound');
        return reply({ status: 204 });
      }
      if (body === null || request.headers['content-type'] !== 'application/json' || !isEvent(body)) {
        return graphError(400, 'ErrorInvalidRequest');
      }
      if (method === 'POST' && !eventId) {
        if (typeof body.transactionId !== 'string') return graphError(400, 'ErrorInvalidRequest');
        const earlier = [...calendar.values()].find((event) => event.transactionId === body.transactionId);
        if (earlier) return reply({ status: 201, json: earlier });
        created += 1;
        const event = { ...body, id: `AAMkAD${created}=/+` };
        calendar.set(event.id, event);
        return reply({ status: 201, json: event });
      }
      if (method === 'PATCH' && eventId) {
        const event = calendar.get(eventId);
        if (!event) return graphError(404, 'ErrorItemNotFound');
        if ('transactionId' in body) return graphError(400, 'ErrorInvalidRequest');
        Object.assign(event, body);
        return reply({ status: 200, json: event });
      }
      graphError(405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    connection: localGraphConnection(baseUrl),
    requests,
    events,
    eventsOf: (mailbox) => [...(events.get(mailbox)?.values() ?? [])],
    answerNext: (method, reply) => scripted.push({ method, reply }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The event fields Meridian always sends, in the types Graph documents. */
function isEvent(body: Record<string, unknown>): boolean {
  const dateTime = (value: unknown) => {
    const { dateTime, timeZone } = (value ?? {}) as { dateTime?: unknown; timeZone?: unknown };
    return (
      typeof dateTime === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(dateTime) && timeZone === 'UTC'
    );
  };
  const content = body.body as { contentType?: unknown; content?: unknown } | undefined;
  return (
    typeof body.subject === 'string' &&
    ['text', 'html'].includes(String(content?.contentType).toLowerCase()) &&
    typeof content?.content === 'string' &&
    dateTime(body.start) &&
    dateTime(body.end) &&
    typeof (body.location as { displayName?: unknown } | undefined)?.displayName === 'string' &&
    ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'].includes(body.showAs as string) &&
    typeof body.isReminderOn === 'boolean'
  );
}
