// API latency and throughput under concurrent load: create / get / list contact through the real server
// (createServer, own process) on an embedded PostgreSQL with 10,000 contacts, driven by autocannon from this process;
// the floor is a bare Fastify `GET /` → {ok:true} in the same kind of child process, same run, same settings.
// `npm run bench -- api`. Env: BENCH_API_SECONDS (default 10), BENCH_API_CONNECTIONS (default 50),
// BENCH_API_CONTACTS (default 10,000), BENCH_DATABASE_URL (use that server instead of an embedded one).
import autocannon, { type Request, type Result } from 'autocannon';
import {
  type BenchResult,
  log,
  machineInfo,
  type ResultRow,
  round2,
  rssSampler,
  runCleanups,
  writeResult,
} from './lib/common.ts';
import { startServer } from './lib/server-process.ts';
import { prepare } from './lib/setup.ts';

const int = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d);

type Scenario = {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Per-request changes (unique e-mail, rotating id). */
  setup?: (req: Request) => Request;
  floor?: boolean;
};

/** The first non-2xx answer of a run, so a broken scenario says why instead of just counting errors. */
let firstError: string | null = null;

async function load(port: number, s: Scenario, headers: Record<string, string>, seconds: number, connections: number) {
  const spec = {
    method: s.method,
    path: s.path,
    headers,
    ...(s.setup ? { setupRequest: s.setup } : {}),
    onResponse: (status: number, body: string) => {
      if ((status < 200 || status > 299) && !firstError) {
        firstError = `${s.name}: HTTP ${status} ${body.slice(0, 300)}`;
        log(firstError);
      }
    },
  };
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [spec],
  });
}

/** Three significant digits: throughput ratios are small (0.0123) and two decimals would flatten them. */
const sig3 = (x: number): number => Number(x.toPrecision(3));

type FloorStats = { rps: number; p50: number; p99: number };

/** The floor an endpoint is compared with: the mean of the floor runs just before and just after it. */
const around = (a: Result, b: Result): FloorStats => ({
  rps: (a.requests.average + b.requests.average) / 2,
  p50: (a.latency.p50 + b.latency.p50) / 2,
  p99: (a.latency.p99 + b.latency.p99) / 2,
});

function row(s: Scenario, r: Result, serverRss: number, floor?: FloorStats): ResultRow {
  const codes = Object.entries(r.statusCodeStats)
    .map(([code, v]) => `${code}×${v.count}`)
    .join(' ');
  return {
    endpoint: s.name,
    req_per_s: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p97_5_ms: r.latency.p97_5,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    requests: r.requests.total,
    errors: r.errors + r.non2xx,
    status: codes,
    throughput_vs_floor: floor ? sig3(r.requests.average / floor.rps) : null,
    p50_vs_floor: floor ? round2(r.latency.p50 / Math.max(floor.p50, 0.001)) : null,
    p99_vs_floor: floor ? round2(r.latency.p99 / Math.max(floor.p99, 0.001)) : null,
    server_peak_rss_MB: serverRss,
  };
}

export async function main(): Promise<void> {
  const started = Date.now();
  const rss = rssSampler();
  const params = {
    seconds: int(process.env.BENCH_API_SECONDS, 10),
    warmupSeconds: 2,
    connections: int(process.env.BENCH_API_CONNECTIONS, 50),
    contacts: int(process.env.BENCH_API_CONTACTS, 10_000),
    serverPool: 10,
    pipelining: 1,
  };
  try {
    const p = await prepare('api', {
      contacts: params.contacts,
      companies: Math.max(10, Math.round(params.contacts / 25)),
      notesPerContact: 0.3,
    });
    const machine = await machineInfo(p.database.url, p.database.kind);
    const ids = (
      await p.db.$client.query<{ id: string }>(`select id from contacts order by random() limit 2000`)
    ).rows.map((r) => r.id);
    await p.db.$client.end();

    let n = 0;
    const runTag = Date.now().toString(36);
    const scenarios: Scenario[] = [
      {
        name: 'create contact (POST /api/v1/contacts)',
        method: 'POST',
        path: '/api/v1/contacts',
        setup: (req) => {
          n++;
          return {
            ...req,
            body: JSON.stringify({
              firstName: 'Load',
              lastName: `Tester ${n}`,
              emails: [`load.${runTag}.${n}@bench.example`],
              phones: [`+316${String(20_000_000 + n).padStart(8, '0')}`],
              tags: ['bench', n % 2 ? 'newsletter' : 'b2b'],
              lifecycleStage: 'lead',
            }),
          };
        },
      },
      {
        name: 'get contact (GET /api/v1/contacts/:id)',
        method: 'GET',
        path: '/api/v1/contacts/x',
        setup: (req) => {
          n++;
          return { ...req, path: `/api/v1/contacts/${ids[n % ids.length]}` };
        },
      },
      { name: 'list contacts (GET /api/v1/contacts?limit=50)', method: 'GET', path: '/api/v1/contacts?limit=50' },
    ];
    const floorScenario: Scenario = {
      name: 'floor: bare Fastify GET / → {ok:true}',
      method: 'GET',
      path: '/',
      floor: true,
    };

    const bare = await startServer('bare');
    const ours = await startServer('freehold', p.database.url);
    log(`servers up: freehold on ${ours.port}, bare Fastify on ${bare.port}`);
    const auth = {
      authorization: `Bearer ${p.apiKey}`,
      'content-type': 'application/json',
    };

    const runFloor = async () => {
      await load(bare.port, floorScenario, {}, params.warmupSeconds, params.connections);
      await bare.peakRssMB();
      const r = await load(bare.port, floorScenario, {}, params.seconds, params.connections);
      log(`floor: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
      return { r, rss: await bare.peakRssMB() };
    };

    // The floor runs before the first endpoint and after every one; each endpoint is compared with the floor runs on
    // either side of it, so a machine that gets busier or calmer meanwhile (it does) moves both alike.
    const floors = [await runFloor()];
    const measured: { s: Scenario; r: Result; rss: number }[] = [];
    for (const s of scenarios) {
      const headers = s.method === 'POST' ? auth : { authorization: auth.authorization };
      await load(ours.port, s, headers, params.warmupSeconds, params.connections);
      await ours.peakRssMB();
      const r = await load(ours.port, s, headers, params.seconds, params.connections);
      const serverRss = await ours.peakRssMB();
      log(`${s.name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
      measured.push({ s, r, rss: serverRss });
      floors.push(await runFloor());
    }
    await ours.stop();
    await bare.stop();

    const floorRow = (i: number) => {
      const f = floors[i];
      if (!f) throw new Error('missing floor run');
      return row({ ...floorScenario, name: `${floorScenario.name} (run ${i + 1})` }, f.r, f.rss);
    };
    const results: ResultRow[] = [floorRow(0)];
    const ratios: Record<string, number> = {};
    measured.forEach((m, i) => {
      const before = floors[i];
      const after = floors[i + 1];
      if (!before || !after) throw new Error('missing floor run');
      const f = around(before.r, after.r);
      results.push(row(m.s, m.r, m.rss, f), floorRow(i + 1));
      const key = m.s.name.split(' (')[0] ?? m.s.name;
      ratios[`${key} p50`] = round2(m.r.latency.p50 / Math.max(f.p50, 0.001));
      ratios[`${key} p99`] = round2(m.r.latency.p99 / Math.max(f.p99, 0.001));
      ratios[`${key} req/s`] = sig3(m.r.requests.average / f.rps);
    });
    const rps = floors.map((f) => f.r.requests.average).sort((x, y) => x - y);
    const median = <T>(xs: T[]): T => {
      const x = xs[Math.floor(xs.length / 2)];
      if (x === undefined) throw new Error('no floor runs');
      return x;
    };
    const result: BenchResult = {
      name: 'api',
      title: `API under load: ${params.connections} connections, ${params.seconds} s per endpoint`,
      date: new Date().toISOString(),
      machine,
      params: {
        ...params,
        notesMade: p.fixtures.notes,
        auth: 'Authorization: Bearer <API key>',
        server: 'createServer() in its own Node process (no job workers), pg pool 10; autocannon in the bench process',
      },
      results,
      floor: {
        name: 'bare Fastify GET / → {ok:true}, own process, same autocannon settings, run before the first endpoint and after each',
        req_per_s_median: Math.round(median(rps)),
        req_per_s_min: Math.round(rps[0] ?? 0),
        req_per_s_max: Math.round(rps[rps.length - 1] ?? 0),
        p50_ms_median: median(floors.map((f) => f.r.latency.p50).sort((x, y) => x - y)),
        p99_ms_median: median(floors.map((f) => f.r.latency.p99).sort((x, y) => x - y)),
      },
      ratio: ratios,
      aim: 'API latency under load: measured against the bare-Fastify floor (the issue names no number)',
      peakRssMB: rss.stop(),
      durationS: Math.round((Date.now() - started) / 1000),
      notes: [
        ...(firstError ? [`first non-2xx answer: ${firstError}`] : []),
        'x_vs_floor: ours / the mean of the floor runs just before and after that endpoint (throughput: 1 = as fast as an empty Fastify route; latency: how many times slower)',
        'create sends a unique e-mail and phone per request (a counter in setupRequest); get rotates over 2,000 ids',
        `${params.contacts.toLocaleString('en')} contacts preloaded (generated in SQL); creates add to them during the run`,
        'peak RSS: server_peak_rss_MB per row is that server process during the run; the header figure is the load generator',
        'server, load generator and PostgreSQL share the 2 CPUs, so these are throughput at saturation of a small box',
        'a closed loop of 50 connections keeps the server saturated: latency ≈ 50 / throughput (queueing), so req/s is the figure to compare; p99 − p50 shows the tail',
      ],
    };
    writeResult(process.env.BENCH_DATABASE_URL ? 'api-external.json' : 'api.json', result);
  } finally {
    await runCleanups();
  }
}
