import { type OutgoingSms, SmsDeliveryError, type SmsReceipt, type SmsTransport } from './port.js';

type TwilioOptions = { accountSid: string; authToken: string; baseUrl: string; timeoutMs: number };

/**
 * Twilio's Programmable Messaging: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded
 * `To`, `Body` and `From` (a number or alphanumeric sender) or `MessagingServiceSid` (MG…), with the
 * Account SID and auth token as Basic credentials. 201 answers the message (`sid`, `status`). Twilio's
 * 4xx errors (an invalid or unreachable number, a refused sender, bad credentials) fail for good; 429
 * and 5xx, a timeout or no connection are tried again.
 */
export function createTwilioTransport(options: TwilioOptions): SmsTransport {
  const url = `${options.baseUrl}/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
  const credentials = Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64');
  return {
    name: 'twilio',
    async send(message: OutgoingSms): Promise<SmsReceipt> {
      if (!message.from) throw new SmsDeliveryError('no sender: set MERIDIAN_SMS_FROM', true);
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      form.set(message.from.startsWith('MG') ? 'MessagingServiceSid' : 'From', message.from);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Basic ${credentials}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError' ? 'Twilio did not answer in time' : 'Twilio could not be reached';
        throw new SmsDeliveryError(reason, false);
      }
      const answer = (await response.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
      if (response.ok && answer.sid) return { providerId: answer.sid };
      const reason = `Twilio answered ${response.status}${answer.code ? ` (error ${answer.code})` : ''}: ${answer.message ?? 'no reason given'}`;
      throw new SmsDeliveryError(reason, response.status >= 400 && response.status < 500 && response.status !== 429);
    },
  };
}
