import os from 'node:os';
import path from 'node:path';

/** Where the e2e server listens and who it lets in; playwright.config.ts starts it with these values. */
export const e2ePort = Number(process.env.E2E_PORT ?? 8123);
export const e2eOrigin = `http://127.0.0.1:${e2ePort}`;

/** The admin Meridian creates on the empty database (src/server/modules/users/bootstrap.ts). */
export const admin = { email: 'admin@example.com', password: 'e2e-admin-password-123', name: 'Administrator' };

/** The e2e server's offline outbox: tests read the e-mail it sends (an approval's link) from here. */
export const e2eOutboxDir = path.join(os.tmpdir(), `meridian-e2e-outbox-${e2ePort}`);
