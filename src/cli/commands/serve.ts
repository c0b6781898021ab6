import type { Command } from 'commander';
import { startServer } from '../../server/main.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the Meridian server (API, dashboard and jobs), as `npm start` does')
    .action(async () => {
      await startServer();
    });
}
