import type { GraphConnection } from '../../src/server/integrations/graph/client.js';

/** The Microsoft 365 app registration the Graph stubs expect: sign-in and Graph both on the stub's address. */
export function localGraphConnection(baseUrl: string): GraphConnection {
  return {
    tenantId: 'contoso.onmicrosoft.com',
    clientId: 'app-id',
    clientSecret: 'app-secret',
    loginUrl: baseUrl,
    apiUrl: `${baseUrl}/v1.0`,
    timeoutMs: 5000,
  };
}
