import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localGraphConnection } from '../../../../test/helpers/graph-connection.js';
import { createGraphTransport } from './graph.js';
import { MailDeliveryError, type OutgoingMail } from './port.js';

type Recorded = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };

/**
 * A stand-in for Microsoft's sign-in and Graph endpoints that holds every request to the shapes Microsoft
 * documents: the client-credentials token request (a form with client_id, client_secret, scope ending in
 * "/.default" and grant_type) and `POST /users/{sender}/sendMail` with a bearer token and a JSON message.
 */
let server: http.Server;
let baseUrl: string;
const requests: Recorded[] = [];
let sendMailReply: { status: number; body?: unknown } = { status: 202 };
let tokensIssued = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      const reply = (status: number, json?: unknown) => {
        response.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
        response.end(json === undefined ? undefined : JSON.stringify(json));
      };
      if (request.method === 'POST' && request.url === '/contoso.onmicrosoft.com/oauth2/v2.0/token') {
        const form = new URLSearchParams(body);
        const valid =
          request.headers['content-type'] === 'application/x-www-form-urlencoded' &&
          form.get('grant_type') === 'client_credentials' &&
          form.get('client_id') === 'app-id' &&
          form.get('scope') === `${baseUrl}/.default`;
        if (!valid) return reply(400, { error: 'invalid_request', error_description: 'AADSTS900144: bad request' });
        if (form.get('client_secret') !== 'app-secret') {
          return reply(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret.' });
        }
        tokensIssued += 1;
        return reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: `token-${tokensIssued}` });
      }
      const sendMail = /^\/v1\.0\/users\/([^/]+)\/sendMail$/.exec(request.url ?? '');
      if (request.method === 'POST' && sendMail) {
        if (!/^Bearer token-\d+$/.test(request.headers.authorization ?? '')) {
          return reply(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
        }
        if (request.headers['content-type'] !== 'application/json') return reply(415);
        const { message, saveToSentItems } = JSON.parse(body);
        const recipientsValid = [...message.toRecipients, ...message.ccRecipients].every(
          (recipient: { emailAddress?: { address?: string } }) => typeof recipient.emailAddress?.address === 'string',
        );
        // fileAttachment as Graph documents it: the type annotation, a name, and the bytes in base64.
        const attachmentsValid = (message.attachments ?? []).every(
          (file: Record<string, unknown>) =>
            file['@odata.type'] === '#microsoft.graph.fileAttachment' &&
            typeof file.name === 'string' &&
            typeof file.contentBytes === 'string' &&
            /^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBytes),
        );
        if (
          !message.subject ||
          message.body?.contentType !== 'Text' ||
          !recipientsValid ||
          !attachmentsValid ||
          saveToSentItems !== true
        ) {
          return reply(400, { error: { code: 'ErrorInvalidRecipients', message: 'invalid message' } });
        }
        return reply(sendMailReply.status, sendMailReply.body);
      }
      reply(404, { error: { code: 'NotFound', message: 'no such route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  sendMailReply = { status: 202 };
});

const transport = (clientSecret = 'app-secret') =>
  createGraphTransport({
    ...localGraphConnection(baseUrl),
    clientSecret,
  });

const mail: OutgoingMail = {
  messageId: '<0190-abc@meridian.example>',
  from: 'Rita Patel <rita@contoso.com>',
  to: ['Ana Lopez <ana@acme.example>'],
  cc: ['buyer@acme.example'],
  subject: 'Price list for 2027',
  text: 'Hello Ana,\n\nthe price list.',
};

async function failureOf(promise: Promise<unknown>): Promise<MailDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

describe('Microsoft 365 through Graph', () => {
  it('signs in with client credentials and sends from the sender’s mailbox, keeping a copy in Sent Items', async () => {
    const graph = transport();
    expect(await graph.send(mail)).toEqual({ rejected: [] });

    const [token, send] = requests;
    expect(token?.path).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/token');
    expect(send?.path).toBe('/v1.0/users/rita%40contoso.com/sendMail');
    expect(JSON.parse(send?.body ?? '{}')).toEqual({
      message: {
        subject: 'Price list for 2027',
        body: { contentType: 'Text', content: 'Hello Ana,\n\nthe price list.' },
        toRecipients: [{ emailAddress: { name: 'Ana Lopez', address: 'ana@acme.example' } }],
        ccRecipients: [{ emailAddress: { address: 'buyer@acme.example' } }],
        internetMessageHeaders: [{ name: 'X-Meridian-Message-Id', value: '<0190-abc@meridian.example>' }],
      },
      saveToSentItems: true,
    });

    // The token is kept until it is about to expire: a second message needs no second sign-in.
    await graph.send(mail);
    expect(requests.map((request) => request.path.split('/').at(-1))).toEqual(['token', 'sendMail', 'sendMail']);
  });

  it('sends files as fileAttachments, their bytes in base64', async () => {
    const pdf = Buffer.from('%PDF-1.7\n\u00e9\u0000binary');
    await transport().send({
      ...mail,
      attachments: [{ fileName: 'Quote Q-00042.pdf', contentType: 'application/pdf', content: pdf }],
    });
    const sent = JSON.parse(requests.at(-1)?.body ?? '{}');
    expect(sent.message.attachments).toEqual([
      {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'Quote Q-00042.pdf',
        contentType: 'application/pdf',
        contentBytes: pdf.toString('base64'),
      },
    ]);
    expect(Buffer.from(sent.message.attachments[0].contentBytes, 'base64').equals(pdf)).toBe(true);
  });

  it('fails for good when the sender has no mailbox, and retries when Graph throttles', async () => {
    const graph = transport();
    sendMailReply = {
      status: 404,
      body: { error: { code: 'ErrorInvalidUser', message: "The requested user 'rita@contoso.com' is invalid." } },
    };
    const missing = await failureOf(graph.send(mail));
    expect(missing.permanent).toBe(true);
    expect(missing.message).toBe(
      "Microsoft Graph refused the message (404): ErrorInvalidUser: The requested user 'rita@contoso.com' is invalid.",
    );

    sendMailReply = { status: 429, body: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } } };
    const throttled = await failureOf(graph.send(mail));
    expect(throttled.permanent).toBe(false);
  });

  it('leaves messages to be retried when the app’s secret is wrong, for an administrator to mend', async () => {
    const failure = await failureOf(transport('wrong-secret').send(mail));
    expect(failure.permanent).toBe(false);
    expect(failure.message).toBe('Microsoft Graph sign-in failed (401): AADSTS7000215: Invalid client secret.');
    expect(requests.some((request) => request.path.endsWith('/sendMail'))).toBe(false);
  });

  it('asks a new token after Graph refused the old one', async () => {
    const graph = transport();
    sendMailReply = { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'expired' } } };
    expect((await failureOf(graph.send(mail))).permanent).toBe(false);
    sendMailReply = { status: 202 };
    await graph.send(mail);
    expect(requests.filter((request) => request.path.endsWith('/token'))).toHaveLength(2);
  });
});
