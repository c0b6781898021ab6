import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: one file per core; each file has its own database, so files never share state.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'src/shared/**/*.test.ts', 'src/cli/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
          globalSetup: ['test/global-setup.ts'],
          // A worker keeps its loaded modules from one file to the next. Importing the server afresh for
          // each of ~100 files cost more than the tests themselves (PGlite suite: 292 s isolated, 164 s
          // not). Safe because a file shares nothing but modules: each builds its own app on its own
          // database, and the server's caches are keyed by that app's deps (WeakMaps), never global.
          isolate: false,
        },
      },
      {
        extends: true,
        // The dashboard's unit tests mock modules (vi.mock): each file keeps its own module graph.
        test: { name: 'web', include: ['src/web/**/*.test.ts'] },
      },
    ],
  },
});
