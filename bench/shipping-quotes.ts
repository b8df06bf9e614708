// Delivery quotes with 20 carriers × 500 zones each (issue #4). Rate cards are generated as CSV and imported through
// the real use case (timed); then quotes are timed three ways:
//   1. the engine alone, in process: `quoteFromIndex` on the workspace's in-memory index (what a quote costs in CPU);
//   2. the whole use case, in process: `createQuote` (index check, engine, storing the quote);
//   3. over HTTP: `POST /api/v1/shipping/quotes` on the real server in its own process (createServer, pg pool 10),
//      autocannon at 500 concurrent connections (and 50), against the floor `GET /api/health` on the same server.
// `npm run bench -- shipping-quotes`. Env: BENCH_SHIPPING_SECONDS (default 10), BENCH_SHIPPING_CONNECTIONS (500),
// BENCH_SHIPPING_QUOTES (in-process iterations, default 20,000), BENCH_DATABASE_URL (use that server).
import autocannon, { type Request, type Result } from 'autocannon';
import { localNow } from '../src/modules/commerce/shipping/calendar.ts';
import { createCarrier } from '../src/modules/commerce/shipping/carrier-use-cases.ts';
import { createQuote } from '../src/modules/commerce/shipping/create-quote.ts';
import { importRateCard } from '../src/modules/commerce/shipping/import-rate-card.ts';
import { quoteFromIndex } from '../src/modules/commerce/shipping/quote-engine.ts';
import { getQuoteIndex, loadQuoteIndex } from '../src/modules/commerce/shipping/quote-index.ts';
import { toPlace } from '../src/modules/commerce/shipping/zone-index.ts';
import { createApiKey, setupOwner } from '../src/modules/identity/index.ts';
import '../src/modules/registry.ts';
import { createDb } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import {
  type BenchResult,
  benchDatabase,
  log,
  machineInfo,
  percentile,
  type ResultRow,
  rssSampler,
  runCleanups,
  writeResult,
} from './lib/common.ts';
import { generateCard, generateRequests } from './lib/rate-cards.ts';
import { startServer } from './lib/server-process.ts';

const int = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d);

const ms3 = (x: number) => Math.round(x * 1000) / 1000;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: ms3(percentile(s, 50)),
    p99: ms3(percentile(s, 99)),
    max: ms3(s[s.length - 1] ?? 0),
    mean: ms3(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

let firstError: string | null = null;
async function load(
  port: number,
  path: string,
  body: ((i: number) => string) | null,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Result> {
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: body ? 'POST' : 'GET',
        path,
        headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(body ? { setupRequest: (req: Request) => ({ ...req, body: body(i++) }) } : {}),
        onResponse: (status: number, b: string) => {
          if ((status < 200 || status > 299) && !firstError) {
            firstError = `${path}: HTTP ${status} ${b.slice(0, 300)}`;
            log(firstError);
          }
        },
      },
    ],
  });
}

export async function main(): Promise<void> {
  const started = Date.now();
  const rss = rssSampler();
  const params = {
    carriers: 20,
    zonesPerCarrier: 500,
    seconds: int(process.env.BENCH_SHIPPING_SECONDS, 10),
    warmupSeconds: 3,
    connections: int(process.env.BENCH_SHIPPING_CONNECTIONS, 500),
    inProcessQuotes: int(process.env.BENCH_SHIPPING_QUOTES, 20_000),
    serverPool: 10,
  };
  try {
    const database = await benchDatabase('shipping');
    const db = createDb(database.url, 10);
    await migrate(db, database.url);
    const { user, workspace } = await setupOwner({
      db,
      email: 'owner@bench.example',
      password: 'correct horse battery staple',
      workspace: 'Bench Parcels',
    });
    await db.$client.query(`update workspaces set timezone = 'Europe/Berlin', default_currency = 'EUR' where id = $1`, [
      workspace.id,
    ]);
    const key = await createApiKey({ db, workspaceId: workspace.id, name: 'bench', createdBy: user.id });
    const machine = await machineInfo(database.url, database.kind);

    const importMs: number[] = [];
    let rows = 0;
    for (let c = 0; c < params.carriers; c++) {
      const { csv } = generateCard(1000 + c);
      rows += csv.split('\n').length - 1;
      const carrier = await createCarrier({
        db,
        workspaceId: workspace.id,
        input: { name: `Carrier ${String(c + 1).padStart(2, '0')}`, kind: 'rate_card' },
      });
      const t0 = performance.now();
      await importRateCard({
        db,
        workspaceId: workspace.id,
        carrierId: carrier.id,
        userId: null,
        csv,
        filename: `carrier-${c + 1}.csv`,
      });
      importMs.push(performance.now() - t0);
    }
    log(`${params.carriers} cards imported (${rows} rows), median ${Math.round(stats(importMs).p50)} ms each`);

    const t0 = performance.now();
    const index = await loadQuoteIndex(db, workspace.id);
    const buildMs = performance.now() - t0;
    const requests = generateRequests(params.inProcessQuotes);
    const now = localNow(new Date('2026-11-18T09:00:00Z'), index.timezone);
    const engine: number[] = [];
    let options = 0;
    for (let i = 0; i < requests.length; i++) {
      const q = requests[i]!;
      const input = {
        place: toPlace(q.destination as { country: string }),
        parcels: q.parcels.map((p) => ({
          weightGrams: p.weightGrams,
          lengthMm: p.lengthMm ?? null,
          widthMm: p.widthMm ?? null,
          heightMm: p.heightMm ?? null,
        })),
        currency: 'EUR',
        cashOnDeliveryMinor: null,
        orderValueMinor: 4000,
        now,
      };
      const s = performance.now();
      const r = quoteFromIndex(index, input);
      engine.push(performance.now() - s);
      options += r.options.length;
    }
    const engineStats = stats(engine);
    log(
      `engine: p50 ${engineStats.p50} ms, p99 ${engineStats.p99} ms, ${(options / requests.length).toFixed(1)} options per quote`,
    );

    await getQuoteIndex(db, workspace.id);
    const full: number[] = [];
    const fullN = Math.min(5000, requests.length);
    for (let i = 0; i < fullN; i++) {
      const s = performance.now();
      await createQuote({
        db,
        workspaceId: workspace.id,
        input: requests[i] as Parameters<typeof createQuote>[0]['input'],
        source: 'api',
      });
      full.push(performance.now() - s);
    }
    const fullStats = stats(full);
    log(`createQuote: p50 ${fullStats.p50} ms, p99 ${fullStats.p99} ms`);
    await db.$client.end();

    const headers = { authorization: `Bearer ${key.key}` };
    // The machine's own floor: a bare Fastify answering {ok:true} (no database, no auth, no validation) in its own
    // process, at the same concurrency. If its p99 is past 15 ms, no route with work behind it can be under.
    const bare = await startServer('bare');
    await load(bare.port, '/', null, {}, params.warmupSeconds, params.connections);
    await bare.peakRssMB();
    const bareRun = await load(bare.port, '/', null, {}, params.seconds, params.connections);
    const barePeak = await bare.peakRssMB();
    await bare.stop();
    const bareName = `floor: bare Fastify GET / (no database, no auth), ${params.connections} connections`;
    log(`${bareName}: ${Math.round(bareRun.requests.average)} req/s, p99 ${bareRun.latency.p99} ms`);

    const server = await startServer('freehold', database.url);
    const bodies = requests.map((r) => JSON.stringify(r));
    const quoteBody = (i: number) => bodies[i % bodies.length]!;
    const runs: { name: string; r: Result; peak: number }[] = [{ name: bareName, r: bareRun, peak: barePeak }];
    const run = async (name: string, path: string, body: ((i: number) => string) | null, connections: number) => {
      await load(server.port, path, body, headers, params.warmupSeconds, connections);
      await server.peakRssMB();
      const r = await load(server.port, path, body, headers, params.seconds, connections);
      const peak = await server.peakRssMB();
      log(`${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
      runs.push({ name, r, peak });
      return r;
    };
    const floor = await run(
      `floor: GET /api/health, ${params.connections} connections`,
      '/api/health',
      null,
      params.connections,
    );
    const quotes = await run(
      `POST /api/v1/shipping/quotes, ${params.connections} connections`,
      '/api/v1/shipping/quotes',
      quoteBody,
      params.connections,
    );
    const floor50 = await run('floor: GET /api/health, 50 connections', '/api/health', null, 50);
    const quotes50 = await run(
      'POST /api/v1/shipping/quotes, 50 connections',
      '/api/v1/shipping/quotes',
      quoteBody,
      50,
    );
    await server.stop();

    const http = (name: string, r: Result, peak: number): ResultRow => ({
      measure: name,
      req_per_s: Math.round(r.requests.average),
      p50_ms: r.latency.p50,
      p99_ms: r.latency.p99,
      max_ms: r.latency.max,
      requests: r.requests.total,
      errors: r.errors + r.timeouts + r.non2xx,
      server_peak_rss_MB: peak,
    });
    const results: ResultRow[] = [
      {
        measure: 'in process: quote engine (quoteFromIndex)',
        n: engineStats.n,
        p50_ms: engineStats.p50,
        p99_ms: engineStats.p99,
        max_ms: engineStats.max,
        mean_ms: engineStats.mean,
      },
      {
        measure: 'in process: createQuote (index check + engine + stored quote)',
        n: fullStats.n,
        p50_ms: fullStats.p50,
        p99_ms: fullStats.p99,
        max_ms: fullStats.max,
        mean_ms: fullStats.mean,
      },
      ...runs.map((x) => http(`HTTP: ${x.name}`, x.r, x.peak)),
    ];
    const inOk = engineStats.p99 < 5;
    const httpOk = quotes.latency.p99 < 15;
    const result: BenchResult = {
      name: 'shipping-quotes',
      title: `Delivery quotes: ${params.carriers} carriers × ${params.zonesPerCarrier} zones`,
      date: new Date().toISOString(),
      machine,
      params: {
        ...params,
        cardRows: rows,
        optionsPerQuote: Number((options / requests.length).toFixed(1)),
        server: 'createServer() in its own Node process (no job workers), pg pool 10; autocannon in the bench process',
        requests:
          'deterministic mix: 70% postcode in DE/FR/IT/PL/NL (some inside nested ranges), 20% country only, 10% city; 1–2 parcels, half with dimensions',
      },
      results,
      floor: {
        name: 'GET /api/health on the same server (Fastify + helmet + select 1), same connections',
        [`req_per_s_${params.connections}`]: Math.round(floor.requests.average),
        [`p99_ms_${params.connections}`]: floor.latency.p99,
        req_per_s_50: Math.round(floor50.requests.average),
        p99_ms_50: floor50.latency.p99,
      },
      ratio: {
        [`req/s vs floor at ${params.connections}`]: Number(
          (quotes.requests.average / floor.requests.average).toPrecision(3),
        ),
        'req/s vs floor at 50': Number((quotes50.requests.average / floor50.requests.average).toPrecision(3)),
      },
      aim: 'issue #4: p99 < 5 ms in-process, < 15 ms over HTTP at 500 concurrent requests, 20 carriers × 500 zones',
      verdict: `in-process ${inOk ? 'meets' : 'MISSES'} the aim (engine p99 ${engineStats.p99} ms); HTTP at ${params.connections} ${httpOk ? 'meets' : 'MISSES'} it (p99 ${quotes.latency.p99} ms at ${Math.round(quotes.requests.average)} req/s); a bare Fastify with no work at all has p99 ${bareRun.latency.p99} ms at the same concurrency on this machine`,
      peakRssMB: rss.stop(),
      durationS: Math.round((Date.now() - started) / 1000),
      notes: [
        `rate card import through importRateCard (parse, validate, store, activate): median ${Math.round(stats(importMs).p50)} ms, max ${Math.round(Math.max(...importMs))} ms per ${Math.round(rows / params.carriers)}-row card; index build for all 20 cards ${Math.round(buildMs)} ms`,
        ...(firstError ? [`first unexpected answer: ${firstError}`] : []),
        'server, load generator and PostgreSQL share the machine; a closed loop of N connections keeps the server saturated, so latency ≈ N / throughput (Little’s law): the HTTP p99 at 500 connections is bounded below by 500 / req/s whatever a quote costs',
      ],
    };
    writeResult('shipping-quotes.json', result);
  } finally {
    await runCleanups();
  }
}
