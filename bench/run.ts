// `npm run bench -- <name> [options]`: runs bench/<name>.ts, then regenerates the table in docs/benchmarks.md.
// `npm run bench -- report` only regenerates the table; `npm run bench` lists what there is.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from './lib/common.ts';

type BenchModule = { main?: (args: string[]) => Promise<void> };

const available = () =>
  fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

async function run(name: string, args: string[]): Promise<void> {
  const file = path.join(BENCH_DIR, `${name}.ts`);
  // A module either exports main() or does its work when imported (both are fine).
  const mod = (await import(pathToFileURL(file).href)) as BenchModule;
  if (typeof mod.main === 'function') await mod.main(args);
}

const [name, ...args] = process.argv.slice(2);
const names = available();
if (!name || !names.includes(name)) {
  process.stderr.write(
    `${name ? `No benchmark named "${name}". ` : ''}Usage: npm run bench -- <${names.join('|')}> [options]\n`,
  );
  process.exit(name ? 1 : 0);
}
await run(name, args);
if (name !== 'report') await run('report', []);
// Pools, timers or child processes left behind must not keep a finished run alive.
process.exit(0);
