#!/usr/bin/env node
import { Command } from 'commander';
import { loadDotEnv } from '../server/config.js';
import { registerAskCommand } from './commands/ask.js';
import { registerBackupCommands } from './commands/backup.js';
import { describeError } from './commands/cli-error.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerRollupCommands } from './commands/rollups.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommands } from './commands/users.js';

/** `meridian …` (`npm run cli -- …`): maintenance that reuses the server's services. */
export function buildProgram(): Command {
  const program = new Command('meridian')
    .description('Meridian CRM: server and maintenance commands')
    .showHelpAfterError('(add --help for usage)');
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerUserCommands(program);
  registerBackupCommands(program);
  registerAskCommand(program);
  registerSeedCommand(program);
  registerRollupCommands(program);
  return program;
}

async function main(): Promise<void> {
  try {
    loadDotEnv();
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    process.stderr.write(`meridian: ${describeError(error)}\n`);
    // Read here rather than in config.ts: the error being reported may be a broken configuration.
    if (process.env.DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}

await main();
