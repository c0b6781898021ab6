import { parseMailbox } from './addresses.js';
import { MailDeliveryError, type MailReceipt, type MailTransport, type OutgoingMail } from './port.js';

export type GraphMailOptions = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com, or a national cloud's sign-in host. */
  loginUrl: string;
  /** https://graph.microsoft.com/v1.0, or a national cloud's Graph. */
  apiUrl: string;
  timeoutMs: number;
};

/** A token is renewed this long before it expires, so no request leaves with one about to lapse. */
const TOKEN_RENEWAL_MARGIN_MS = 5 * 60_000;

/**
 * Microsoft 365 through Microsoft Graph, as an app registration with the `Mail.Send` application
 * permission: a client-credentials token from the tenant's token endpoint, then `POST
 * /users/{sender}/sendMail`, so the message leaves from the sender's own mailbox and is kept in its Sent
 * Items. The token request is the documented form POST of OAuth 2.0 client credentials, made here
 * directly: MSAL refuses an authority that is not https, which would leave the adapter untestable
 * against a local server.
 */
export function createGraphTransport(options: GraphMailOptions): MailTransport {
  let token: { value: string; expiresAt: number } | undefined;
  const scope = `${new URL(options.apiUrl).origin}/.default`;

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt - TOKEN_RENEWAL_MARGIN_MS > Date.now()) return token.value;
    const response = await call(`${options.loginUrl}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: options.clientId,
        client_secret: options.clientSecret,
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
      // A wrong secret or tenant is for an administrator to fix: the messages wait and are retried.
      throw new MailDeliveryError(
        `Microsoft Graph sign-in failed (${response.status}): ${firstLine(body.error_description) ?? 'no token'}`,
        false,
      );
    }
    token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return token.value;
  }

  async function call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      throw new MailDeliveryError(`Microsoft Graph unreachable: ${(error as Error).message}`, false);
    }
  }

  return {
    name: 'microsoft-graph',
    async send(mail: OutgoingMail): Promise<MailReceipt> {
      const sender = parseMailbox(mail.from);
      const response = await call(`${options.apiUrl}/users/${encodeURIComponent(sender.address)}/sendMail`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: graphMessage(mail), saveToSentItems: true }),
      });
      if (response.status === 202) return { rejected: [] };
      if (response.status === 401) token = undefined;
      const error = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      const reason = [error.error?.code, firstLine(error.error?.message)].filter(Boolean).join(': ');
      throw new MailDeliveryError(
        `Microsoft Graph refused the message (${response.status})${reason ? `: ${reason}` : ''}`,
        isPermanent(response.status),
      );
    },
  };
}

/** The message resource of sendMail: plain text, recipients as emailAddress objects. */
function graphMessage(mail: OutgoingMail) {
  const recipients = (addresses: string[]) =>
    addresses.map((value) => {
      const { name, address } = parseMailbox(value);
      return { emailAddress: name ? { name, address } : { address } };
    });
  return {
    subject: mail.subject,
    body: { contentType: 'Text', content: mail.text },
    toRecipients: recipients(mail.to),
    ccRecipients: recipients(mail.cc),
    // Graph sets its own Message-ID; this header ties the sent item back to the logged message.
    internetMessageHeaders: [{ name: 'X-Meridian-Message-Id', value: mail.messageId }],
  };
}

/**
 * 400 (a malformed recipient) and 404 (the sender has no mailbox) fail the same way again. Throttling
 * (429), outages (5xx) and an expired token (401) pass later; so may 403, once an administrator grants
 * Mail.Send or widens the application access policy.
 */
function isPermanent(status: number): boolean {
  return status === 400 || status === 404 || status === 413;
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split(/\r?\n/)[0]?.trim() || undefined;
}
