// Duplicate detection over a large workspace: the background scan (`scanDuplicates`, the job) and the list that reads
// its result (`listDuplicates`: first page, a later page, one reason). `npm run bench -- duplicates [--explain]`.
// Env: BENCH_CONTACTS (default 1,000,000), BENCH_COMPANIES (default 40,000), BENCH_ITERATIONS (default 20 list calls),
// BENCH_DATABASE_URL (a server to use instead of an embedded one).
import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { type TDuplicateListQuery, ZDuplicateListQuery } from '../src/modules/crm/duplicates/contracts.ts';
import { listDuplicates } from '../src/modules/crm/duplicates/list-duplicates.ts';
import { scanDuplicates } from '../src/modules/crm/duplicates/scan-duplicates.ts';
import type { Db } from '../src/platform/db/client.ts';
import { schema } from '../src/platform/db/schema.ts';
import {
  type BenchResult,
  log,
  machineInfo,
  RESULTS_DIR,
  type ResultRow,
  rssSampler,
  runCleanups,
  summarize,
  writeResult,
} from './lib/common.ts';
import { prepare } from './lib/setup.ts';

const int = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d);

async function explain(db: Db, workspaceId: string, query: TDuplicateListQuery): Promise<string> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const spy = drizzle(db.$client, {
    schema,
    logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
  }) as unknown as Db;
  await listDuplicates({ db: spy, workspaceId, query });
  const out: string[] = [];
  for (const s of captured) {
    const r = await db.$client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${s.sql}`, s.params);
    out.push(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  return out.join('\n\n');
}

export async function main(args: string[] = []): Promise<void> {
  const started = Date.now();
  const rss = rssSampler();
  const params = {
    contacts: int(process.env.BENCH_CONTACTS, 1_000_000),
    companies: int(process.env.BENCH_COMPANIES, 40_000),
    iterations: int(process.env.BENCH_ITERATIONS, 20),
    pageSize: 50,
  };
  try {
    const p = await prepare('duplicates', {
      contacts: params.contacts,
      companies: params.companies,
      notesPerContact: 0,
    });
    const machine = await machineInfo(p.database.url, p.database.kind);
    const t0 = performance.now();
    const pairs = await scanDuplicates({ db: p.db, workspaceId: p.workspaceId });
    const scanMs = Math.round(performance.now() - t0);
    log(`scan: ${pairs.toLocaleString('en')} pairs in ${scanMs} ms`);
    const q = (over: Partial<TDuplicateListQuery>) => ZDuplicateListQuery.parse({ limit: params.pageSize, ...over });
    const cases: { type: string; query: () => Promise<TDuplicateListQuery> }[] = [
      { type: 'first page, all reasons', query: async () => q({}) },
      {
        type: 'fifth page, all reasons',
        query: async () => {
          let cursor: string | undefined;
          for (let i = 0; i < 4; i++) {
            const r = await listDuplicates({
              db: p.db,
              workspaceId: p.workspaceId,
              query: q(cursor ? { cursor } : {}),
            });
            cursor = r.nextCursor ?? undefined;
          }
          return q(cursor ? { cursor } : {});
        },
      },
      { type: 'email only', query: async () => q({ reason: 'email' }) },
      { type: 'phone only', query: async () => q({ reason: 'phone' }) },
      { type: 'name only', query: async () => q({ reason: 'name' }) },
    ];
    const results: ResultRow[] = [
      { type: 'scan (background job)', n: 1, p50_ms: scanMs, max_ms: scanMs, pairs_on_page: pairs },
    ];
    const explains: string[] = [];
    for (const c of cases) {
      const query = await c.query();
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < params.iterations; i++) {
        const t0 = performance.now();
        const r = await listDuplicates({ db: p.db, workspaceId: p.workspaceId, query });
        times.push(performance.now() - t0);
        rows = r.data.length;
      }
      const s = summarize(times);
      log(`${c.type}: p50 ${s.p50} ms, max ${s.max} ms (${rows} pairs on the page)`);
      results.push({ type: c.type, n: s.n, p50_ms: s.p50, max_ms: s.max, pairs_on_page: rows });
      if (args.includes('--explain')) explains.push(`### ${c.type}\n\n${await explain(p.db, p.workspaceId, query)}\n`);
    }
    if (explains.length) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(RESULTS_DIR, 'duplicates-explain.txt'), explains.join('\n'));
    }
    const result: BenchResult = {
      name: 'duplicates',
      title: `Duplicate detection, ${params.contacts.toLocaleString('en')} contacts`,
      date: new Date().toISOString(),
      machine,
      params: { ...params, contactsMade: p.fixtures.contacts, pairsFound: pairs, measured: 'in-process calls' },
      results,
      peakRssMB: rss.stop(),
      durationS: Math.round((Date.now() - started) / 1000),
      notes: [
        'the scan groups unnested emails/phones (linear) and compares names only inside company or non-free-mail domain blocks (sum of squared block sizes); the list reads the stored pairs by key',
        'the fixtures skew company sizes (power law), so a few companies hold hundreds of contacts: a harsher case than most real CRMs',
      ],
    };
    writeResult(process.env.BENCH_DATABASE_URL ? 'duplicates-external.json' : 'duplicates.json', result);
    await p.db.$client.end();
  } finally {
    await runCleanups();
  }
}
