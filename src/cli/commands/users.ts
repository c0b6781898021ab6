import { type Command, Option } from 'commander';
import type { z } from 'zod';
import type { Deps } from '../../server/deps.js';
import { generatePassword } from '../../server/modules/users/bootstrap.js';
import { findUserForAuthentication } from '../../server/modules/users/users.repository.js';
import { createUser, listUsers, updateUser } from '../../server/modules/users/users.service.js';
import { systemViewer } from '../../server/platform/viewer.js';
import {
  createUserSchema,
  listUsersQuerySchema,
  roles,
  type User,
  updateUserSchema,
} from '../../shared/contracts/users.js';
import { CliError, postgresErrorCode } from './cli-error.js';
import { withDeps } from './session.js';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('manage users');

  user
    .command('create')
    .description('create a user; without --password a random one is generated and shown once')
    .requiredOption('--email <email>', 'e-mail address, used to log in')
    .requiredOption('--name <name>', 'full name')
    .addOption(new Option('--role <role>', 'what the user may see and change').choices(roles).makeOptionMandatory())
    .option('--password <password>', 'at least 12 characters (note: visible in shell history)')
    .action(async (options: { email: string; name: string; role: string; password?: string }) => {
      const generated = options.password === undefined ? generatePassword() : undefined;
      const input = parsed(createUserSchema, {
        email: options.email,
        name: options.name,
        role: options.role,
        password: options.password ?? generated,
      });
      const created = await withDeps(async (deps) => {
        try {
          return (await createUser(deps, systemViewer(), input)).user;
        } catch (error) {
          if (postgresErrorCode(error) === '23505') throw new CliError('a user with this e-mail already exists');
          throw error;
        }
      });
      process.stdout.write(`Created ${created.role} ${created.name} <${created.email}> (id ${created.id}).\n`);
      if (generated) process.stdout.write(`Password (shown only now, keep it safe): ${generated}\n`);
    });

  user
    .command('set-password')
    .description('set a new password; without --password a random one is generated and shown once')
    .argument('<email>', 'the user whose password to set')
    .option('--password <password>', 'at least 12 characters (note: visible in shell history)')
    .action(async (email: string, options: { password?: string }) => {
      const generated = options.password === undefined ? generatePassword() : undefined;
      const { password } = parsed(updateUserSchema, { password: options.password ?? generated });
      const changed = await withDeps(async (deps) => {
        const found = await findUserForAuthentication(deps.database.db, { email });
        if (!found) throw new CliError(`there is no user with the e-mail ${email}`);
        return updateUser(deps, systemViewer(), found.id, { password }, undefined);
      });
      process.stdout.write(`Password of ${changed.email} changed; their sessions were signed out.\n`);
      if (generated) process.stdout.write(`New password (shown only now, keep it safe): ${generated}\n`);
    });

  user
    .command('list')
    .description('list all users (except deleted ones)')
    .action(async () => {
      const users = await withDeps(allUsers);
      printTable(
        ['email', 'name', 'role', 'active'],
        users.map((row) => [row.email, row.name, row.role, row.active ? 'yes' : 'no']),
      );
      process.stdout.write(`${users.length} user${users.length === 1 ? '' : 's'}\n`);
    });
}

/** Every page of the user list, following nextCursor to the end. */
async function allUsers(deps: Deps): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(
      deps,
      systemViewer(),
      listUsersQuerySchema.parse({ limit: 200, sort: 'email', ...(cursor ? { cursor } : {}) }),
    );
    users.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return users;
}

/** Input checked by the same schema the API uses, with its messages on one line. */
function parsed<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new CliError(`invalid input: ${problems.join('; ')}`);
}

function printTable(headings: string[], rows: string[][]): void {
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `${[line(headings), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')}\n`,
  );
}
