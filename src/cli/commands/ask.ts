import type { Command } from 'commander';
import { viewerForUser } from '../../server/modules/auth/auth.service.js';
import { answerQuestion } from '../../server/modules/query/query.service.js';
import { findUserForAuthentication } from '../../server/modules/users/users.repository.js';
import type { QueryAnswer } from '../../shared/contracts/query.js';
import { CliError } from './cli-error.js';
import { withDeps } from './session.js';

/**
 * `meridian ask "question" [--as email]`: the same service as POST /api/v1/query, so the answer, the
 * visibility and the audit row are the API's. Without --as it asks as the configured admin.
 */
export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('ask a question in plain language, answered over the records the user may see')
    .argument('<question>', 'e.g. "which deals close this month?"')
    .option('--as <email>', 'ask as this user (default: MERIDIAN_ADMIN_EMAIL)')
    .option('--time-zone <zone>', 'IANA time zone for "today" and "this week" (default: this machine’s)')
    .option('--json', 'print the whole answer as JSON')
    .action(async (question: string, options: { as?: string; timeZone?: string; json?: boolean }) => {
      const answer = await withDeps(async (deps) => {
        const email = options.as ?? deps.config.admin.email;
        const user = await findUserForAuthentication(deps.database.db, { email });
        if (!user) throw new CliError(`there is no user with the e-mail ${email}`);
        if (!user.active) throw new CliError(`${email} is not active`);
        const viewer = await viewerForUser(deps, user.id);
        const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
        return answerQuestion(deps, viewer, { question, timeZone });
      });
      process.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : printable(answer));
    });
}

function printable(answer: QueryAnswer): string {
  const lines = [answer.answer, ''];
  for (const row of answer.data.rows.slice(0, 50)) {
    const label = row.name ?? row.title ?? row.subject ?? '';
    lines.push(`  ${String(row.id)}  ${String(label)}`);
  }
  for (const group of answer.data.groups ?? []) {
    lines.push(
      `  ${group.label}: ${group.count}${group.value !== null && group.value !== group.count ? ` (${group.value})` : ''}`,
    );
  }
  lines.push('', `(engine: ${answer.engine})`);
  return `${lines.join('\n')}\n`;
}
