import type { Config } from '../../config.js';
import { createSmsOutbox } from './outbox.js';
import type { SmsTransport } from './port.js';
import { createTwilioTransport } from './twilio.js';

/** The configured transport for text messages. */
export function smsTransportFor(config: Config): SmsTransport {
  const { transport } = config.sms;
  return transport.kind === 'twilio' ? createTwilioTransport(transport) : createSmsOutbox(transport.directory);
}
