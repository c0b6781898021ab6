import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { corpus, corpusNow, corpusPeople, corpusTimeZone } from '../../src/server/modules/query/corpus/corpus.js';
import { planQuestion } from '../../src/server/modules/query/rule-engine/rule-planner.js';

/*
 * Rule-engine planning latency (target: p99 < 5 ms), over every corpus question, in process: planning
 * touches no database, so this is the whole cost. Standalone, not part of `npm run bench`:
 *   npx tsx bench/scenarios/query-planning.ts [rounds] [directorySize]
 * The directory is grown to `directorySize` users (default 500) because names are matched against it.
 */

const rounds = Number(process.argv[2] ?? 50);
const directorySize = Number(process.argv[3] ?? 500);
const people = [...corpusPeople];
for (let index = people.length; index < directorySize; index += 1) {
  people.push({
    id: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
    name: `User${index} Person${index}`,
  });
}
const context = { now: corpusNow, timeZone: corpusTimeZone, people };

// Warm-up: the first parse of each pattern compiles regular expressions and chrono's parsers.
for (const entry of corpus) planQuestion(entry.question, context);

// Wall time includes waiting for a core; CPU time (this thread's user + system) is what planning costs.
// On a shared 2-core machine the two differ a lot, so both are reported.
const wall: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  for (const entry of corpus) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    planQuestion(entry.question, context);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
}

function summary(name: string, samples: number[]): string {
  samples.sort((a, b) => a - b);
  const at = (share: number) => samples[Math.min(samples.length - 1, Math.floor(share * samples.length))] ?? 0;
  const format = (ms: number) => `${ms.toFixed(3)} ms`;
  const verdict = at(0.99) < 5 ? 'met' : 'MISSED';
  return `  ${name}: p50 ${format(at(0.5))}, p95 ${format(at(0.95))}, p99 ${format(at(0.99))}, max ${format(samples.at(-1) ?? 0)} (target p99 < 5 ms: ${verdict})`;
}

process.stdout.write(
  [
    `rule planning over ${corpus.length} questions × ${rounds} rounds (${wall.length} plans, ${people.length} users, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`,
    summary('wall', wall),
    summary('cpu ', cpu),
    '',
  ].join('\n'),
);
