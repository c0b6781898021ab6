import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/server/config.js';
import { queryRows } from '../../src/server/db/client.js';
import { createDeps } from '../../src/server/deps.js';
import { viewerForUser } from '../../src/server/modules/auth/auth.service.js';
import { answerQuestion } from '../../src/server/modules/query/query.service.js';

/*
 * Whole answers (plan, name resolution, SQL, sentence, audit row) on a PostgreSQL database at scale
 * (target: p95 < 50 ms with 200,000 opportunities). Standalone, not part of `npm run bench`; point it at
 * a database made by `npm run bench` (or a copy of one, as it writes audit rows):
 *   QUERY_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<bench copy> npx tsx bench/scenarios/query-answers.ts [rounds]
 */

const url = process.env.QUERY_BENCH_DATABASE_URL;
if (!url) throw new Error('set QUERY_BENCH_DATABASE_URL to a bench database (a copy: audit rows are written)');
const rounds = Number(process.argv[2] ?? 10);

const questions = [
  'Which deals close this month?',
  'How many opportunities close next quarter?',
  'open deals over 50k closing in the next 30 days',
  'total value of open deals by stage',
  'average deal size',
  'top 10 deals',
  'deals won last quarter',
  'show me the pipeline by owner',
  'hot leads',
  'count leads by source',
  'leads from trade shows this month',
  'my open deals',
  'how many accounts do I have',
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-query-bench-'));
const config = loadConfig({ DATABASE_URL: url, MERIDIAN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const deps = await createDeps(config);
try {
  const pick = async (role: string) =>
    (
      await queryRows<{ id: string }>(
        deps.database.db,
        // A rep with deals of their own, so their answers are not trivially empty.
        role === 'rep' ? sqlRepWithDeals() : sqlFirstOfRole(role),
      )
    )[0]?.id;
  const viewers = {
    admin: await viewerForUser(deps, (await pick('admin')) ?? ''),
    rep: await viewerForUser(deps, (await pick('rep')) ?? ''),
  };
  for (const [name, viewer] of Object.entries(viewers)) {
    for (const question of questions) await answerQuestion(deps, viewer, { question }); // warm-up
    const samples: number[] = [];
    const slowest = new Map<string, number>();
    for (let round = 0; round < rounds; round += 1) {
      for (const question of questions) {
        const started = performance.now();
        await answerQuestion(deps, viewer, { question });
        const elapsed = performance.now() - started;
        samples.push(elapsed);
        slowest.set(question, Math.max(slowest.get(question) ?? 0, elapsed));
      }
    }
    samples.sort((a, b) => a - b);
    const at = (share: number) => samples[Math.min(samples.length - 1, Math.floor(share * samples.length))] ?? 0;
    const worst = [...slowest.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    process.stdout.write(
      `${name}: ${samples.length} answers, p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms ` +
        `(target p95 < 50 ms: ${at(0.95) < 50 ? 'met' : 'MISSED'}); slowest: ${worst.map(([q, ms]) => `"${q}" ${ms.toFixed(0)} ms`).join(', ')}\n`,
    );
  }
} finally {
  await deps.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function sqlFirstOfRole(role: string) {
  return sql`select id from users where role = ${role} and active and deleted_at is null order by created_at limit 1`;
}

function sqlRepWithDeals() {
  return sql`select owner_id as id from opportunities o join users u on u.id = o.owner_id
             where u.role = 'rep' and u.active and o.deleted_at is null
             group by owner_id order by count(*) desc limit 1`;
}
