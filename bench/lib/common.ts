// Shared helpers of the benchmarks: a throw-away database, machine facts, RSS sampling, percentiles, result files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { createLogger, type Logger } from '../../src/platform/logger.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BENCH_DIR = path.resolve(here, '..');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const ROOT_DIR = path.resolve(BENCH_DIR, '..');

/**
 * The Node flags `npm start` runs the server with (read from package.json's "start"), so a benchmarked server or
 * sender process runs as in production.
 */
export const SERVER_NODE_FLAGS: string[] = (
  JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')).scripts.start as string
)
  .split(/\s+/)
  .filter((a) => a.startsWith('--'));

export const benchLogger = (): Logger => createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn');

export const log = (msg: string): void => {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

/** Runs `fn` on exit signals once, so a Ctrl-C still stops the PostgreSQL this run started and removes its folder. */
const cleanups: (() => Promise<void>)[] = [];
let signalsHooked = false;
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}
export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await fn?.().catch((err: unknown) => log(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
  }
}

export type BenchDatabase = {
  /** URL of the database made for this run (migrations not yet applied). */
  url: string;
  /** `embedded` (a fresh cluster in a temp folder) or `external` (a new database on BENCH_DATABASE_URL's server). */
  kind: 'embedded' | 'external';
  drop: () => Promise<void>;
};

/**
 * A database nobody else uses: with BENCH_DATABASE_URL, a new database on that server (dropped afterwards); otherwise
 * a fresh embedded PostgreSQL cluster in a temp folder (stopped and removed afterwards).
 */
export async function benchDatabase(label: string): Promise<BenchDatabase> {
  const name = `freehold_bench_${label}_${process.pid}`;
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    const drop = async () => {
      const a = new pg.Client({ connectionString: external });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
    onCleanup(drop);
    return { url: url.toString(), kind: 'external', drop };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `freehold-bench-${label}-`));
  fs.chmodSync(tmp, 0o755);
  const handle = await ensureEmbeddedPostgres(tmp, benchLogger(), name);
  const drop = async () => {
    await handle.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  onCleanup(drop);
  return { url: handle.url, kind: 'embedded', drop };
}

export type Machine = {
  cpus: number;
  cpuModel: string;
  memGB: number;
  node: string;
  pg: string;
  os: string;
  loadavg: number[];
  note: string;
};

export async function machineInfo(databaseUrl: string, kind: BenchDatabase['kind']): Promise<Machine> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const v = await c.query<{ v: string }>('select version() as v');
  await c.end();
  const pgVersion = (v.rows[0]?.v ?? '').split(',')[0] ?? '';
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    pg: `${pgVersion} (${kind})`,
    os: `${os.type()} ${os.release()}`,
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    note:
      process.env.BENCH_MACHINE_NOTE ??
      'shared machine: other engineers were running builds and tests at the same time; compare ratios, not absolute times',
  };
}

/** Samples this process's RSS every 100 ms; `stop()` returns the peak in MB. */
export function rssSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  t.unref();
  return {
    stop: () => {
      clearInterval(t);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round(peak / 2 ** 20);
    },
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return {
    n: s.length,
    p50: round2(percentile(s, 50)),
    p95: round2(percentile(s, 95)),
    p99: round2(percentile(s, 99)),
    max: round2(s[s.length - 1] ?? Number.NaN),
    mean: round2(mean),
  };
}

export type ResultRow = Record<string, string | number | boolean | null>;

/** The shape of bench/results/*.json that bench/report.ts renders. */
export type BenchResult = {
  name: string;
  title?: string;
  date: string;
  machine: Machine;
  params: Record<string, string | number | boolean>;
  results: ResultRow[];
  floor?: Record<string, string | number | boolean | null>;
  ratio?: number | Record<string, number>;
  aim?: string;
  verdict?: string;
  peakRssMB?: number;
  durationS?: number;
  notes?: string[];
};

export function writeResult(file: string, result: BenchResult): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, file);
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT_DIR, out)}`);
  return out;
}
