import pg from 'pg';

/** A URL for another database on the server of TEST_DATABASE_URL. */
export function databaseUrl(baseUrl: string, databaseName: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PGlite data directory each test file copies. */
    pgliteTemplateDir: string;
    /** The migrated PostgreSQL database each test file clones, when TEST_DATABASE_URL is set. */
    postgresTemplateName: string | null;
  }
}

/** Runs one statement (create or drop database) on the server of TEST_DATABASE_URL. */
export async function runOnServer(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
