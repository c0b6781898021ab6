import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Above this many statements a connection prepares no more: a bound on the server's memory should some
 * code path build ever new statement texts (an IN list of every possible length, say).
 */
const MAX_STATEMENTS_PER_CONNECTION = 2_000;

type QueryText = { text: string; name?: string; values?: unknown[] };

/**
 * A node-postgres client that prepares each parameterised statement once per connection, under a name
 * derived from its text, instead of sending it unnamed every time. A CRM runs the same few hundred
 * statements over and over; unnamed, PostgreSQL parses and plans each one again, and on list reads that
 * planning (about a millisecond for a statement with visibility's predicates) costs more than executing
 * it. Named, the parse happens once, and after five executions PostgreSQL keeps a generic plan when it
 * is no worse than the custom ones. Statements without parameters (BEGIN, COMMIT, SET…) and COPY
 * streams are sent as they are.
 */
export class PreparingClient extends pg.Client {
  private prepared = 0;

  override query(...args: unknown[]): never {
    const [config, values] = args;
    if (isNamable(config, values) && this.prepared < MAX_STATEMENTS_PER_CONNECTION) {
      const name = statementName(config.text);
      // node-postgres remembers what this connection parsed; a name it has not seen costs one more slot.
      if (!this.hasParsed(name)) this.prepared += 1;
      args[0] = { ...config, name };
    }
    return (super.query as (...queryArgs: unknown[]) => never)(...args);
  }

  private hasParsed(name: string): boolean {
    const connection = (this as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection;
    return Boolean(connection?.parsedStatements?.[name]);
  }
}

function isNamable(config: unknown, values: unknown): config is QueryText {
  if (typeof config !== 'object' || config === null) return false;
  const query = config as Partial<QueryText> & { submit?: unknown };
  if (typeof query.text !== 'string' || query.name || typeof query.submit === 'function') return false;
  const parameters = Array.isArray(values) ? values : query.values;
  return Array.isArray(parameters) && parameters.length > 0;
}

const names = new Map<string, string>();

/** A stable name per statement text (memoised: hashing a long statement on every query would show). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `m_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}
