// `npm run bench -- import [--rows 100000] [--batch 5000]`: times the contact import use case on a generated CSV.
// Three runs on one database: a fresh file into an empty CRM (inserts, 3% duplicate rows inside the file), the same
// file again (every row matches an existing contact: dedupe lookups and updates), and a CSV of the same rows with
// half of them new (a mix). Measured in-process (runImport, no worker, no HTTP), upload and preview timed apart.

import { once } from 'node:events';
import fs, { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { runImport } from '../src/modules/crm/import/run-import.ts';
import { startImport } from '../src/modules/crm/import/start-import.ts';
import { uploadImport } from '../src/modules/crm/import/upload-import.ts';
import { setupOwner } from '../src/modules/identity/index.ts';
import { createDb } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import {
  benchDatabase,
  log,
  machineInfo,
  onCleanup,
  type ResultRow,
  round2,
  rssSampler,
  runCleanups,
  writeResult,
} from './lib/common.ts';

const FIRST = ['Anna', 'Jan', 'Maria', 'Li', 'Sara', 'José', 'Olga', 'Tom', 'Fatma', 'Ivan', 'Chloé', 'Kenji'];
const LAST = ['Schmidt', 'Novák', 'García', 'Wang', 'Cohen', 'Müller', 'Petrova', 'Smith', 'Yılmaz', 'Dubois'];
const COUNTRIES = ['DE', 'NL', 'FR', 'GB', 'US', 'PL', 'ES', 'IT'];
/** A valid national number per country (E.164 without +), to which the row index is added. */
const PHONE_BASE: Record<string, number> = {
  DE: 4915100000000,
  NL: 31610000000,
  FR: 33610000000,
  GB: 447400000000,
  US: 12025550000,
  PL: 48500000000,
  ES: 34600000000,
  IT: 393200000000,
};

function row(i: number): string {
  const country = COUNTRIES[i % COUNTRIES.length]!;
  const phone = `+${PHONE_BASE[country]! + (i % 99_991) * 7}`;
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i >> 3) % LAST.length]!;
  return [first, last, `p${i}@example${i % 50}.com`, phone, `Company ${i % 2000}`, country, 'Berlin', 'fair;2026'].join(
    ',',
  );
}

async function writeCsv(file: string, indexes: Iterable<number>): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write('First name,Last name,Email,Phone,Company,Country,City,Tags\n');
  let n = 0;
  let buf = '';
  for (const i of indexes) {
    buf += `${row(i)}\n`;
    n++;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return n;
}

export async function main(args: string[]): Promise<void> {
  const arg = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const rows = arg('rows', 100_000);
  const batchSize = arg('batch', 5000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'freehold-bench-import-'));
  onCleanup(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const database = await benchDatabase('import');
  log(`database ready (${database.kind})`);
  const db = createDb(database.url, 4);
  onCleanup(async () => db.$client.end());
  await migrate(db, database.url);
  const { workspace } = await setupOwner({
    db,
    email: 'owner@bench.example',
    password: 'correct horse battery staple',
    workspace: 'Bench Import Co',
  });

  const fresh = path.join(tmp, 'fresh.csv');
  // 3% of rows repeat an earlier row's person (same email): in-file dedupe on the hot path.
  await writeCsv(
    fresh,
    (function* () {
      for (let i = 0; i < rows; i++) yield i % 33 === 32 ? i - 20 : i;
    })(),
  );
  const mixed = path.join(tmp, 'mixed.csv');
  await writeCsv(
    mixed,
    (function* () {
      for (let i = 0; i < rows; i++) yield i % 2 === 0 ? i : rows + i;
    })(),
  );

  log(`wrote ${rows.toLocaleString('en')}-row files`);

  // The schema's own ceiling on this machine right now: the same number of contacts (and their timeline entries)
  // written by set-based INSERT … SELECT in PostgreSQL, 5,000 per statement, with no parsing, validation or dedupe.
  const floorWs = await setupOwnerless(db);
  const f0 = performance.now();
  for (let i = 0; i < rows; i += batchSize) {
    await db.$client.query(
      `with c as (
         insert into contacts (workspace_id, id, first_name, last_name, emails, phones, company_name, country, tags,
                               first_source, latest_source, source_channel)
         select $1, gen_random_uuid(), 'Anna' || g, 'Schmidt', array['f' || g || '@example.com'],
                array['+4915100' || lpad(g::text, 6, '0')], 'Company ' || (g % 2000), 'DE', array['fair', '2026'],
                '{"channel":"import"}', '{"channel":"import"}', 'import'
           from generate_series($2::int, $3::int) g
         returning id)
       insert into timeline_entries (workspace_id, id, contact_id, kind, data)
       select $1, gen_random_uuid(), c.id, 'import', '{"action":"created"}' from c`,
      [floorWs, i, Math.min(rows, i + batchSize) - 1],
    );
  }
  const floorRowsPerS = Math.round(rows / ((performance.now() - f0) / 1000));

  // The floor the issue names: PostgreSQL's own COPY of the same rows (already parsed and normalised: E.164 phones,
  // lower-case emails, sources) into the same table with the same indexes, in a third workspace. No dedupe, no
  // validation, no timeline: the fastest way these rows can enter this schema.
  const copyWs = await setupOwnerless(db);
  const copyClient = await db.$client.connect();
  const c0 = performance.now();
  try {
    const lines = (function* () {
      const src = '{"channel":"import","name":"fresh.csv"}'.replaceAll('"', '""');
      for (let i = 0; i < rows; i++) {
        const [first, last, email, phone, company, country, city, tags] = row(i).split(',');
        yield `${copyWs},${crypto.randomUUID()},${first},${last},{${email}},{${phone}},${company},${country},"{""city"":""${city}"",""country"":""${country}""}","{${tags!.replace(';', ',')}}","${src}","${src}",import\n`;
      }
    })();
    await pipeline(
      Readable.from(lines),
      copyClient.query(
        copyFrom(
          'copy contacts (workspace_id, id, first_name, last_name, emails, phones, company_name, country, address, tags, first_source, latest_source, source_channel) from stdin (format csv)',
        ),
      ),
    );
  } finally {
    copyClient.release();
  }
  const copyRowsPerS = Math.round(rows / ((performance.now() - c0) / 1000));
  log(`COPY floor: ${copyRowsPerS.toLocaleString('en')} rows/s`);
  log(`floor: ${floorRowsPerS.toLocaleString('en')} rows/s`);
  const results: ResultRow[] = [];
  const sampler = rssSampler();
  const t0 = performance.now();
  for (const [label, file] of [
    ['fresh file, empty CRM', fresh],
    ['same file again (all match)', fresh],
    ['half new, half existing', mixed],
  ] as const) {
    const u0 = performance.now();
    const up = await uploadImport({
      db,
      dataDir: tmp,
      workspaceId: workspace.id,
      userId: null,
      entity: 'contact',
      filename: path.basename(file),
      stream: createReadStream(file),
    });
    await startImport({ db, workspaceId: workspace.id, id: up.id, dedupe: 'update', enqueue: false });
    const u1 = performance.now();
    let lastLog = 0;
    const out = await runImport({
      db,
      workspaceId: workspace.id,
      importId: up.id,
      batchSize,
      onProgress: (p) => {
        if (performance.now() - lastLog < 5000) return;
        lastLog = performance.now();
        log(`  ${label}: ${p.rowsDone.toLocaleString('en')} rows`);
      },
    });
    const seconds = (performance.now() - u1) / 1000;
    if (out.status !== 'done') throw new Error(`import ${out.status}: ${out.error}`);
    const r: ResultRow = {
      run: label,
      rows: out.rowsDone,
      created: out.created,
      updated: out.updated,
      rejected: out.rejected,
      upload_preview_s: round2((u1 - u0) / 1000),
      import_s: round2(seconds),
      rows_per_s: Math.round(out.rowsDone / seconds),
      fileMB: round2(up.sizeBytes / 2 ** 20),
    };
    log(JSON.stringify(r));
    results.push(r);
  }
  const peakRssMB = sampler.stop();
  const worst = Math.min(...results.map((r) => Number(r.rows_per_s)));
  writeResult(rows === 100_000 ? 'import.json' : `import-${rows}.json`, {
    name: 'import',
    title: `Contact import, ${rows.toLocaleString('en')}-row CSV`,
    date: new Date().toISOString(),
    machine: await machineInfo(database.url, database.kind),
    params: { rows, batchSize, dedupe: 'update', measured: 'in-process runImport(), pool of 4; upload timed apart' },
    results,
    floor: {
      what: 'PostgreSQL COPY of the same rows (pre-normalised) into contacts, same indexes',
      rows_per_s: copyRowsPerS,
      insert_select_with_timeline_rows_per_s: floorRowsPerS,
    },
    ratio: round2(worst / copyRowsPerS),
    aim: '≥ 50,000 rows/s with dedupe',
    verdict:
      worst >= 50_000
        ? `met (slowest run ${worst.toLocaleString('en')} rows/s)`
        : `not met (slowest run ${worst.toLocaleString('en')} rows/s)`,
    peakRssMB,
    durationS: round2((performance.now() - t0) / 1000),
    notes: [
      'Columns: first/last name, email, phone (E.164, 8 countries), company (2,000 distinct), country, city, tags.',
      'Every row is parsed, validated (email, libphonenumber), deduplicated by email and phone, linked to its company, and gets a timeline entry.',
      'ratio = slowest import run ÷ COPY floor (1.0 would be as fast as COPY).',
    ],
  });
  await runCleanups();
}

/** A second workspace for the floor measurement, so its rows never meet the import's dedupe. */
async function setupOwnerless(db: ReturnType<typeof createDb>): Promise<string> {
  const id = crypto.randomUUID();
  await db.$client.query(`insert into workspaces (id, name, slug, public_key) values ($1, 'Floor', $2, $3)`, [
    id,
    `floor-${id}`,
    `pk_${id}`,
  ]);
  return id;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
  process.exit(0);
}
