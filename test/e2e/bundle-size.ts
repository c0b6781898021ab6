/**
 * The JavaScript the first screen (the overview) needs, gzipped: the entry chunk, the overview's route
 * chunk and everything they import statically. Run after `vite build`: `npx tsx test/e2e/bundle-size.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; src?: string };

const dist = fileURLToPath(new URL('../../dist/web', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;

function closure(keys: string[], seen = new Set<string>()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const gz = (file: string) => gzipSync(fs.readFileSync(path.join(dist, file))).length;
const entry = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
const overview = Object.keys(manifest).filter((key) => key.endsWith('OverviewPage.tsx'));
const first = closure([...entry, ...overview]);
let total = 0;
for (const key of first) {
  const size = gz(manifest[key]?.file ?? '');
  total += size;
  process.stdout.write(`${(size / 1024).toFixed(1).padStart(8)} KB  ${manifest[key]?.file}\n`);
}
const all = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + gz(path.join('assets', file)), 0);
process.stdout.write(
  `first route (overview): ${(total / 1024).toFixed(1)} KB gzipped; all JavaScript: ${(all / 1024).toFixed(1)} KB\n`,
);
