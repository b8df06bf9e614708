// Segment counts over a large workspace: 1,000,000 contacts and ~10,000,000 email events (20 campaigns, opens and
// clicks skewed toward an engaged minority), timed through the real `countSegment` (the code behind
// GET /segments/{id}/count and the editor's live count). `npm run bench -- segments [--explain] [--fresh]`.
//
// The data is generated once, in SQL, into an embedded PostgreSQL kept in BENCH_SEGMENTS_DIR (default
// <tmp>/freehold-bench-segments) and reused by later runs (migrations are re-applied, so new indexes are built);
// `--fresh` regenerates it. BENCH_DATABASE_URL runs on that server instead (a database kept there under the same
// rule). Env: BENCH_CONTACTS (default 1,000,000), BENCH_SEGMENT_RUNS (timed runs per segment, default 5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { compileRules, liveContacts } from '../src/modules/audience/segments/compile-rules.ts';
import { countSegment } from '../src/modules/audience/segments/evaluate.ts';
import type { RuleGroup } from '../src/modules/audience/segments/rules.ts';
import { validateRules } from '../src/modules/audience/segments/validate-rules.ts';
import { createApiKey, setupOwner } from '../src/modules/identity/index.ts';
import type { FieldError } from '../src/platform/errors.ts';
import '../src/modules/registry.ts';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../src/platform/db/client.ts';
import { ensureEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import {
  benchLogger,
  log,
  machineInfo,
  onCleanup,
  RESULTS_DIR,
  type ResultRow,
  round2,
  rssSampler,
  runCleanups,
  summarize,
  writeResult,
} from './lib/common.ts';
import { generateFixtures } from './lib/fixtures.ts';

const AIM_MS = 1000;
/** Bump when the generated data changes shape: a kept database of another version is regenerated. */
const DATA_VERSION = 1;
const CAMPAIGNS = 20;
const INDUSTRIES = ['lighting', 'furniture', 'textiles', 'coffee', 'electronics', 'packaging', 'cosmetics', 'toys'];

const int = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d);

type Meta = { version: number; contacts: number; workspace_id: string; campaigns: string[]; events: number };

async function database(fresh: boolean): Promise<{ url: string; kind: 'embedded' | 'external' }> {
  const name = 'freehold_bench_segments';
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    if (fresh) await admin.query(`drop database if exists ${name} with (force)`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    return { url: url.toString(), kind: 'external' };
  }
  const dir = process.env.BENCH_SEGMENTS_DIR ?? path.join(os.tmpdir(), 'freehold-bench-segments');
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const handle = await ensureEmbeddedPostgres(dir, benchLogger(), name);
  // Stop the cluster at the end but keep its folder: the next run reuses the data.
  if (handle.owned) onCleanup(() => handle.stop());
  return { url: handle.url, kind: 'embedded' };
}

async function readMeta(db: Db): Promise<Meta | null> {
  const t = await db.execute(sql`select to_regclass('bench_segments_meta') as t`);
  if (!(t.rows[0] as { t: string | null }).t) return null;
  const r = await db.execute<Meta>(
    sql`select version, contacts, workspace_id, campaigns, events from bench_segments_meta`,
  );
  return r.rows[0] ?? null;
}

async function generate(db: Db, url: string, contacts: number): Promise<Meta> {
  await db.execute(sql`drop table if exists bench_segments_meta`);
  // Start from an empty schema: a half-made earlier attempt must not leave rows behind.
  await db.execute(sql`drop schema public cascade`);
  await db.execute(sql`create schema public`);
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await migrate(db, url);
  const { user, workspace } = await setupOwner({
    db,
    email: 'owner@bench.example',
    password: 'correct horse battery staple',
    workspace: 'Bench Segments Co',
  });
  await createApiKey({ db, workspaceId: workspace.id, name: 'bench', createdBy: user.id });
  const client = await db.$client.connect();
  try {
    const stats = await generateFixtures(
      client,
      { workspaceId: workspace.id, contacts, companies: Math.round(contacts / 25), notesPerContact: 0 },
      (m) => log(m),
    );
    log(`contacts ready (${stats.contacts.toLocaleString('en')})`);
    await client.query(`set synchronous_commit = off`);
    await client.query(`set maintenance_work_mem = '1GB'`);
    await client.query(`set work_mem = '256MB'`);

    // A select custom field "industry" on 85 % of the contacts, skewed (lighting most common).
    await client.query(
      `insert into custom_fields (workspace_id, id, entity, key, label, type, options)
       values ($1, gen_random_uuid(), 'contact', 'industry', 'Industry', 'select', $2)`,
      [workspace.id, INDUSTRIES],
    );
    const dropped = await dropSecondaryIndexes(client, 'contacts');
    let t0 = performance.now();
    await client.query(
      `update contacts set custom = jsonb_build_object('industry',
         ($2::text[])[1 + floor(cardinality($2::text[]) * power(((hashtext(id::text || ':ind') & 1048575)::float8 / 1048576), 1.6))::int])
       where workspace_id = $1 and (hashtext(id::text || ':has') & 1023) < 870`,
      [workspace.id, INDUSTRIES],
    );
    log(`custom field set in ${round2((performance.now() - t0) / 1000)} s`);
    // The update left every touched row's old version behind: compact the table as a long-lived one would be.
    await client.query(`vacuum (full) contacts`);
    for (const def of dropped) await client.query(def);
    log(`contacts indexes rebuilt`);

    // Email events: campaign k goes to ~41 % of the contacts with an address; each contact has an engagement
    // e = u³ (most people rarely open, a few open everything); opens with p = 0.05 + 0.7e (a few open twice),
    // clicks with p = 0.3e among openers. Campaigns every 19 days, the newest 3 days ago.
    const campaigns = Array.from(
      { length: CAMPAIGNS },
      (_, k) => `0190${String(k).padStart(4, '0')}-0000-7000-8000-00000000c0de`,
    );
    const evIndexes = await dropSecondaryIndexes(client, 'email_events');
    t0 = performance.now();
    let events = 0;
    for (let k = 0; k < CAMPAIGNS; k++) {
      const daysAgo = 3 + (CAMPAIGNS - 1 - k) * 19;
      const key = `r.id::text || ':' || t.type || ':${k}:' || t.n`;
      const r = await client.query(
        `insert into email_events (workspace_id, id, contact_id, source_type, source_id, type, at)
         select $1::uuid,
           (lpad(to_hex((extract(epoch from t.at) * 1000)::bigint), 12, '0') || '7' || substr(md5(${key}), 1, 3)
             || substr('89ab', 1 + (hashtext(${key}) & 3), 1) || substr(md5(${key}), 4, 15))::uuid,
           r.id, 'campaign', $2::uuid, t.type, t.at
         from (
           select c.id,
             power(((hashtext(c.id::text || ':eng') & 1048575)::float8 / 1048576), 3) as e,
             ((hashtext(c.id::text || ':o${k}') & 1048575)::float8 / 1048576) as u_open,
             ((hashtext(c.id::text || ':c${k}') & 1048575)::float8 / 1048576) as u_click,
             ((hashtext(c.id::text || ':d${k}') & 1048575)::float8 / 1048576) as u_delay
           from contacts c
           where c.workspace_id = $1::uuid and cardinality(c.emails) > 0
             and (hashtext(c.id::text || ':r${k}') & 1023) < 420
         ) r
         cross join lateral (
           select 'sent' as type, 1 as n, now() - make_interval(days => $3::int) as at
           union all
           select 'open', 1, now() - make_interval(days => $3::int) + make_interval(mins => (5 + 4000 * r.u_delay * r.u_delay)::int)
             where r.u_open < 0.05 + 0.7 * r.e
           union all
           select 'open', 2, now() - make_interval(days => $3::int) + make_interval(hours => (6 + 60 * r.u_delay)::int)
             where r.u_open < 0.05 + 0.7 * r.e and r.e > 0.6
           union all
           select 'click', 1, now() - make_interval(days => $3::int) + make_interval(mins => (7 + 4000 * r.u_delay * r.u_delay)::int)
             where r.u_open < 0.05 + 0.7 * r.e and r.u_click < 0.3 * r.e
         ) t`,
        [workspace.id, campaigns[k], daysAgo],
      );
      events += r.rowCount ?? 0;
      log(`campaign ${k + 1}/${CAMPAIGNS}: ${(r.rowCount ?? 0).toLocaleString('en')} events (${daysAgo} days ago)`);
    }
    log(`${events.toLocaleString('en')} email events in ${round2((performance.now() - t0) / 1000)} s`);
    t0 = performance.now();
    for (const def of evIndexes) await client.query(def);
    log(`email_events indexes rebuilt in ${round2((performance.now() - t0) / 1000)} s`);
    await client.query(`vacuum (analyze) contacts`);
    await client.query(`vacuum (analyze) email_events`);
    await client.query(`vacuum (analyze) custom_fields`);
    await client.query(
      `create table bench_segments_meta (version int, contacts int, workspace_id uuid, campaigns text[], events bigint)`,
    );
    await client.query(`insert into bench_segments_meta values ($1, $2, $3, $4, $5)`, [
      DATA_VERSION,
      stats.contacts,
      workspace.id,
      campaigns,
      events,
    ]);
    return { version: DATA_VERSION, contacts: stats.contacts, workspace_id: workspace.id, campaigns, events };
  } finally {
    client.release(true);
  }
}

/** Non-unique secondary indexes of `table`: dropped before bulk writes, their definitions returned to rebuild. */
async function dropSecondaryIndexes(client: pg.PoolClient, table: string): Promise<string[]> {
  const r = await client.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def
       from pg_indexes i join pg_class c on c.relname = i.indexname join pg_index x on x.indexrelid = c.oid
      where i.schemaname = 'public' and i.tablename = $1 and not x.indisprimary and not x.indisunique`,
    [table],
  );
  for (const ix of r.rows) await client.query(`drop index if exists "${ix.name}"`);
  return r.rows.map((x) => x.def);
}

function segmentsToTime(campaigns: string[]): { name: string; rules: RuleGroup }[] {
  const newest = campaigns[campaigns.length - 1]!;
  return [
    {
      name: 'opened the newest campaign in the last 30 days AND tag vip',
      rules: {
        op: 'and',
        rules: [
          { kind: 'email', op: 'opened', campaignId: newest, withinDays: 30 },
          { kind: 'tags', op: 'has_any', tags: ['vip'] },
        ],
      },
    },
    { name: 'no open in 90 days', rules: { op: 'and', rules: [{ kind: 'email', op: 'not_opened', withinDays: 90 }] } },
    {
      name: 'industry = textiles OR country in (DE, AT, CH)',
      rules: {
        op: 'or',
        rules: [
          { kind: 'custom', key: 'industry', op: 'is', value: 'textiles' },
          { kind: 'field', field: 'country', op: 'in', value: ['DE', 'AT', 'CH'] },
        ],
      },
    },
    {
      name: 'clicked any email in the last 60 days AND stage customer',
      rules: {
        op: 'and',
        rules: [
          { kind: 'email', op: 'clicked', withinDays: 60 },
          { kind: 'field', field: 'lifecycle_stage', op: 'is', value: 'customer' },
        ],
      },
    },
    {
      name: 're-engage: received ≥ 5 emails AND no open in 180 days AND (tag b2b OR tag wholesale)',
      rules: {
        op: 'and',
        rules: [
          { kind: 'email', op: 'received', atLeast: 5 },
          { kind: 'email', op: 'not_opened', withinDays: 180 },
          {
            op: 'or',
            rules: [
              { kind: 'tags', op: 'has_any', tags: ['b2b'] },
              { kind: 'tags', op: 'has_any', tags: ['wholesale'] },
            ],
          },
        ],
      },
    },
  ];
}

export async function main(args: string[]): Promise<void> {
  const started = Date.now();
  const fresh = args.includes('--fresh');
  const explain = args.includes('--explain');
  const contacts = int(process.env.BENCH_CONTACTS, 1_000_000);
  const runs = int(process.env.BENCH_SEGMENT_RUNS, 5);
  const rss = rssSampler();
  try {
    const { url, kind } = await database(fresh);
    const machine = await machineInfo(url, kind);
    const db = createDb(url, 4);
    let meta = await readMeta(db);
    let generatedS: number | null = null;
    if (!meta || meta.version !== DATA_VERSION || meta.contacts !== contacts) {
      log(`generating ${contacts.toLocaleString('en')} contacts and ~10M email events (once; kept for later runs)`);
      const t0 = performance.now();
      meta = await generate(db, url, contacts);
      generatedS = round2((performance.now() - t0) / 1000);
    } else {
      log(`reusing the data of an earlier run (${meta.contacts.toLocaleString('en')} contacts)`);
      await migrate(db, url); // new indexes of this checkout get built on the kept data
      await db.execute(sql`analyze email_events`);
    }
    const ws = meta.workspace_id;
    const counts = await db.execute<{ contacts: number; events: number }>(sql`select
      (select count(*) from contacts where workspace_id = ${ws})::int as contacts,
      (select count(*) from email_events where workspace_id = ${ws})::int as events`);
    const totals = counts.rows[0]!;
    log(
      `${Number(totals.contacts).toLocaleString('en')} contacts, ${Number(totals.events).toLocaleString('en')} email events`,
    );

    // Warm-up, untimed and without the statement timeout: the tables are read into memory once, as on a server that
    // has been running (a cold first read of ~2 GB on a busy disk says nothing about the queries).
    await db.execute(sql`select count(*) from contacts`);
    await db.execute(sql`select count(*) from email_events`);
    const floorRules: RuleGroup = { op: 'and', rules: [] };
    const cases = segmentsToTime(meta.campaigns);
    for (const c of cases) {
      const errors: FieldError[] = await validateRules(db, ws, c.rules);
      if (errors.length) throw new Error(`bench segment "${c.name}" is invalid: ${JSON.stringify(errors)}`);
    }
    const explainOut: string[] = [];
    const rows: ResultRow[] = [];
    const floorSamples: number[] = [];
    const time = async (rules: RuleGroup) => {
      const t0 = performance.now();
      const r = await countSegment(db, ws, rules);
      return { ms: performance.now() - t0, count: r.count };
    };
    // Floor: counting every live contact of the workspace through the same function (an empty rule set) — one pass
    // over the contacts with the merged / erased exclusions, interleaved with the segments below.
    await time(floorRules);
    for (const c of cases) {
      await time(c.rules); // warm-up: the first run reads the pages into the cache
      const samples: number[] = [];
      let count = 0;
      for (let i = 0; i < runs; i++) {
        const s = await time(c.rules);
        samples.push(s.ms);
        count = s.count;
        floorSamples.push((await time(floorRules)).ms);
      }
      const sum = summarize(samples);
      log(`${c.name}: ${count.toLocaleString('en')} contacts, p50 ${sum.p50} ms, max ${sum.max} ms`);
      rows.push({
        segment: c.name,
        matches: count,
        runs: sum.n,
        'p50 ms': sum.p50,
        'max ms': sum.max,
        'mean ms': sum.mean,
        'aim ms': AIM_MS,
        met: sum.max < AIM_MS,
      });
      if (explain) {
        const q = sql`explain (analyze, buffers, costs off) select count(*) from contacts c
          where ${liveContacts(ws)} and ${compileRules(ws, c.rules)}`;
        const r = await db.execute<{ 'QUERY PLAN': string }>(q);
        explainOut.push(`### ${c.name}\n\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n`);
      }
    }
    const floor = summarize(floorSamples);
    const worst = Math.max(...rows.map((r) => Number(r['max ms'])));
    const allMet = rows.every((r) => r.met === true);
    for (const r of rows) r['ratio to floor (p50)'] = round2(Number(r['p50 ms']) / floor.p50);
    if (explain) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(RESULTS_DIR, 'segments-explain.txt'), explainOut.join('\n'));
      log('wrote bench/results/segments-explain.txt');
    }
    const peak = rss.stop();
    writeResult(process.env.BENCH_DATABASE_URL ? 'segments-external.json' : 'segments.json', {
      name: 'segments',
      title: `Segment counts, ${Number(totals.contacts).toLocaleString('en')} contacts and ${Number(totals.events).toLocaleString('en')} email events`,
      date: new Date().toISOString(),
      machine,
      params: {
        contacts: Number(totals.contacts),
        emailEvents: Number(totals.events),
        campaigns: CAMPAIGNS,
        runsPerSegment: runs,
        dataReused: generatedS === null,
        ...(generatedS !== null ? { dataGenerationSeconds: generatedS } : {}),
        measured: 'in-process countSegment() (what GET /segments/{id}/count runs), after one warm-up run',
      },
      results: rows,
      floor: {
        what: 'count of every live contact (empty rule set), same function, interleaved',
        'p50 ms': floor.p50,
        'max ms': floor.max,
      },
      aim: `< ${AIM_MS} ms per segment count at 1M contacts / 10M email events`,
      verdict: allMet ? `met (slowest run ${round2(worst)} ms)` : `not met (slowest run ${round2(worst)} ms)`,
      peakRssMB: peak,
      durationS: Math.round((Date.now() - started) / 1000),
      notes: [
        'data: contacts from bench/lib/fixtures.ts (names, tags, stages, countries); custom field industry on 85 %; 20 campaigns every 19 days to ~41 % of the contacts with an address each; opens and clicks skewed by a per-contact engagement u³',
        'the data lives in a kept embedded cluster (BENCH_SEGMENTS_DIR) and is reused by later runs; --fresh regenerates it',
        'peak RSS is the Node process (PostgreSQL runs in its own processes)',
      ],
    });
    await db.$client.end();
  } finally {
    await runCleanups();
  }
}
