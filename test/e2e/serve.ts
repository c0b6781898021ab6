/**
 * Starts the built Meridian server (`dist/server/main.js`) on a fresh, empty data directory and removes
 * that directory when the server stops. Playwright runs it as its webServer after `npm run build`;
 * the port, admin and other settings come from the environment playwright.config.ts sets.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const serverEntry = path.join(packageRoot, 'dist', 'server', 'main.js');
if (!fs.existsSync(serverEntry) || !fs.existsSync(path.join(packageRoot, 'dist', 'web', 'index.html'))) {
  process.stderr.write('Meridian is not built: run `npm run build` first (npm run test:e2e does it for you).\n');
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-e2e-'));
// The outbox (playwright.config.ts) starts empty, so a test finds only this run's mail.
const outboxDir = process.env.MERIDIAN_MAIL_OUTBOX_DIR;
if (outboxDir) fs.rmSync(outboxDir, { recursive: true, force: true });
const server = spawn(process.execPath, [serverEntry], {
  cwd: packageRoot,
  env: { ...process.env, MERIDIAN_DATA_DIR: dataDir },
  stdio: 'inherit',
});

const forward = (signal: NodeJS.Signals) => () => {
  if (server.exitCode === null) server.kill(signal);
};
process.on('SIGTERM', forward('SIGTERM'));
process.on('SIGINT', forward('SIGINT'));

server.on('exit', (code, signal) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (outboxDir) fs.rmSync(outboxDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
