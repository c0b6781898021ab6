import type { Config } from '../../config.js';
import { parseMailbox } from './addresses.js';
import { createGraphTransport } from './graph.js';
import { createOutboxTransport } from './outbox.js';
import type { MailTransport } from './port.js';
import { createSmtpTransport } from './smtp.js';

const transports = new WeakMap<Config, MailTransport>();

/** The configured transport, built once per configuration (an SMTP transport keeps its connection settings). */
export function mailTransportFor(config: Config): MailTransport {
  let transport = transports.get(config);
  if (!transport) {
    transport = createMailTransport(config);
    transports.set(config, transport);
  }
  return transport;
}

function createMailTransport(config: Config): MailTransport {
  const { transport, from } = config.mail;
  const envelopeFrom = from ? parseMailbox(from).address : null;
  switch (transport.kind) {
    case 'smtp':
      return createSmtpTransport({ url: transport.url, envelopeFrom });
    case 'graph':
      return createGraphTransport(transport.connection);
    case 'outbox':
      return createOutboxTransport({ directory: transport.directory, envelopeFrom });
  }
}
