// Tracking endpoints under load: the open pixel (GET /p/o/<token>.gif) and the click redirect (GET /p/c/<token>) with
// valid signed tokens over 20,000 messages, through the real server (createServer in its own process, rate limits on,
// as in production) on PostgreSQL; autocannon in this process. The floor is `GET /api/health` on the same server
// (Fastify + helmet + one `select 1`), run before the first endpoint and after each. After the runs the server is
// closed (which flushes the hit buffer) and the recorded opens/clicks are counted against the answers given.
// `npm run bench -- tracking`. Env: BENCH_TRACKING_SECONDS (default 10), BENCH_TRACKING_CONNECTIONS (default 50),
// BENCH_TRACKING_MESSAGES (default 20,000), BENCH_DATABASE_URL (use that server instead of an embedded one).
import autocannon, { type Request, type Result } from 'autocannon';
import { messageLinks } from '../src/modules/audience/sending/personalise.ts';
import { audienceSettingsFor } from '../src/modules/audience/settings.ts';
import type { Pauses } from './lib/api-server.ts';
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
import { type Server, startServer as startProcess } from './lib/server-process.ts';
import { prepare } from './lib/setup.ts';

// The flush at shutdown may take a while after a 10-second hammering: give it 20 s before SIGKILL.
const startServer = (databaseUrl: string): Promise<Server> =>
  startProcess('freehold', databaseUrl, { stopTimeoutMs: 20_000 });

const int = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d);

type Scenario = { name: string; paths: string[]; floor?: boolean; expect: number };

let firstError: string | null = null;
/** Answers with the expected status per scenario, warm-up included: compared with what got recorded. */
const answeredOk = new Map<string, number>();

async function load(port: number, s: Scenario, seconds: number, connections: number): Promise<Result> {
  let n = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'GET',
        path: s.paths[0] ?? '/',
        headers: {
          'user-agent': 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
        },
        setupRequest: (req: Request) => ({ ...req, path: s.paths[n++ % s.paths.length] ?? '/' }),
        onResponse: (status: number, body: string) => {
          if (status === s.expect) answeredOk.set(s.name, (answeredOk.get(s.name) ?? 0) + 1);
          else if (!firstError) {
            firstError = `${s.name}: HTTP ${status} ${body.slice(0, 200)}`;
            log(firstError);
          }
        },
      },
    ],
  });
}

const sig3 = (x: number): number => Number(x.toPrecision(3));

function row(s: Scenario, r: Result, rss: number, pauses: Pauses, floorRps?: number, floorP99?: number): ResultRow {
  return {
    endpoint: s.name,
    req_per_s: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p97_5_ms: r.latency.p97_5,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    status: Object.entries(r.statusCodeStats)
      .map(([code, v]) => `${code}×${v.count}`)
      .join(' '),
    throughput_vs_floor: floorRps ? sig3(r.requests.average / floorRps) : null,
    p99_vs_floor: floorP99 ? round2(r.latency.p99 / Math.max(floorP99, 0.001)) : null,
    server_peak_rss_MB: rss,
    server_loop_delay_p99_ms: pauses.loopP99Ms,
    server_gc_pauses: pauses.gcCount,
    server_gc_total_ms: pauses.gcTotalMs,
    server_gc_longest_ms: pauses.gcMaxMs,
  };
}

export async function main(): Promise<void> {
  const started = Date.now();
  const rss = rssSampler();
  const params = {
    seconds: int(process.env.BENCH_TRACKING_SECONDS, 10),
    warmupSeconds: 2,
    connections: int(process.env.BENCH_TRACKING_CONNECTIONS, 50),
    messages: int(process.env.BENCH_TRACKING_MESSAGES, 20_000),
    serverPool: 10,
  };
  try {
    const p = await prepare('tracking', { contacts: 5_000, companies: 200, notesPerContact: 0 });
    const machine = await machineInfo(p.database.url, p.database.kind);
    // Sent messages to track: one per (contact, campaign), like a few campaigns' worth.
    await p.db.$client.query(
      `insert into email_messages (workspace_id, id, contact_id, email, source_type, source_id, status, message_id, sent_at)
       select $1, gen_random_uuid(), c.id, coalesce(c.emails[1], 'm' || g || '@bench.example'), 'campaign', $2, 'sent', gen_random_uuid()::text || '@bench.example', now()
         from generate_series(1, $3) g
         join lateral (select id, emails from contacts where workspace_id = $1 offset (g % 5000) limit 1) c on true`,
      [p.workspaceId, '0190f5a2-0000-7000-8000-000000000001', params.messages],
    );
    const ids = (
      await p.db.$client.query<{ id: string }>('select id from email_messages where workspace_id = $1', [p.workspaceId])
    ).rows.map((r) => r.id);
    const key = (await audienceSettingsFor(p.db, p.workspaceId)).signingKey;
    const kit = { publicUrl: '', workspaceId: p.workspaceId, signingKey: key };
    const opens = ids.map((id) => messageLinks(kit, id, null).openPixelUrl);
    const clicks = ids.map((id, i) =>
      messageLinks(kit, id, null).clickUrl(`https://shop.example.com/products/${i % 97}?utm_source=newsletter`),
    );
    log(`${ids.length} messages, tokens signed (click URL ${clicks[0]?.length} chars)`);

    const server = await startServer(p.database.url);
    log(`server up on ${server.port}`);
    const floor: Scenario = {
      name: 'floor: GET /api/health (same server)',
      paths: ['/api/health'],
      floor: true,
      expect: 200,
    };
    const scenarios: Scenario[] = [
      { name: 'open pixel (GET /p/o/:token.gif)', paths: opens, expect: 200 },
      { name: 'click redirect (GET /p/c/:token → 302)', paths: clicks, expect: 302 },
    ];
    const runOne = async (s: Scenario) => {
      await load(server.port, s, params.warmupSeconds, params.connections);
      await server.peakRssMB();
      await server.pauses();
      const r = await load(server.port, s, params.seconds, params.connections);
      const peak = await server.peakRssMB();
      const pauses = await server.pauses();
      log(
        `${s.name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; ` +
          `server loop delay p99 ${pauses.loopP99Ms} ms, ${pauses.gcCount} GC pauses of up to ${pauses.gcMaxMs} ms`,
      );
      return { r, peak, pauses };
    };
    const floors = [await runOne(floor)];
    const measured: { s: Scenario; r: Result; peak: number; pauses: Pauses }[] = [];
    for (const s of scenarios) {
      measured.push({ s, ...(await runOne(s)) });
      floors.push(await runOne(floor));
    }
    await server.stop(); // closes Fastify: the tracking buffer flushes what is left
    const counts = (
      await p.db.$client.query<{ type: string; n: string }>(
        `select type, count(*) as n from email_events where workspace_id = $1 and type in ('open', 'click') group by type`,
        [p.workspaceId],
      )
    ).rows;
    const recorded = Object.fromEntries(counts.map((c) => [c.type, Number(c.n)]));
    const timeline = Number(
      (
        await p.db.$client.query<{ n: string }>(
          `select count(*) as n from timeline_entries where workspace_id = $1 and kind in ('email_opened', 'email_clicked')`,
          [p.workspaceId],
        )
      ).rows[0]?.n,
    );
    await p.db.$client.end();

    const results: ResultRow[] = [row(floor, floors[0]!.r, floors[0]!.peak, floors[0]!.pauses)];
    const ratio: Record<string, number> = {};
    measured.forEach((m, i) => {
      const before = floors[i]!.r;
      const after = floors[i + 1]!.r;
      const fRps = (before.requests.average + after.requests.average) / 2;
      const fP99 = (before.latency.p99 + after.latency.p99) / 2;
      results.push(
        row(m.s, m.r, m.peak, m.pauses, fRps, fP99),
        row({ ...floor, name: `${floor.name} (run ${i + 2})` }, after, floors[i + 1]!.peak, floors[i + 1]!.pauses),
      );
      const k = m.s.name.split(' (')[0] ?? m.s.name;
      ratio[`${k} req/s vs floor`] = sig3(m.r.requests.average / fRps);
      ratio[`${k} p99 vs floor`] = round2(m.r.latency.p99 / Math.max(fP99, 0.001));
    });
    const openRun = measured[0]!;
    const clickRun = measured[1]!;
    const ok =
      openRun.r.requests.average >= 5000 &&
      clickRun.r.requests.average >= 5000 &&
      openRun.r.latency.p99 < 20 &&
      clickRun.r.latency.p99 < 20;
    const result: BenchResult = {
      name: 'tracking',
      title: `Tracking endpoints under load: ${params.connections} connections, ${params.seconds} s per endpoint`,
      date: new Date().toISOString(),
      machine,
      params: {
        ...params,
        server:
          'createServer() in its own Node process (rate limits on, no job workers), pg pool 10; autocannon in the bench process',
        tokens: `valid signed tokens rotating over ${ids.length} messages; user agent = Gmail image proxy`,
      },
      results,
      floor: {
        name: 'GET /api/health on the same server (Fastify + helmet + select 1), before the first endpoint and after each',
        req_per_s_runs: floors.map((f) => Math.round(f.r.requests.average)).join(' / '),
        p99_ms_runs: floors.map((f) => f.r.latency.p99).join(' / '),
      },
      ratio,
      aim: 'issue #3: ≥ 5,000 req/s on loopback, p99 < 20 ms',
      verdict: `${ok ? 'meets' : 'MISSES'} the aim: open ${Math.round(openRun.r.requests.average)} req/s p99 ${openRun.r.latency.p99} ms, click ${Math.round(clickRun.r.requests.average)} req/s p99 ${clickRun.r.latency.p99} ms`,
      peakRssMB: rss.stop(),
      durationS: Math.round((Date.now() - started) / 1000),
      notes: [
        ...(firstError ? [`first unexpected answer: ${firstError}`] : []),
        `nothing lost (recorded ≥ answered: requests in flight when autocannon stops a run are served and recorded but not counted as answered): pixels answered (warm-up + measured) ${answeredOk.get(openRun.s.name) ?? 0}, open events recorded ${recorded.open ?? 0} (incl. implied opens); redirects answered ${answeredOk.get(clickRun.s.name) ?? 0}, click events recorded ${recorded.click ?? 0}; ${timeline} timeline entries (first opens and each click)`,
        'writes are buffered and flushed every 150 ms (or 2,000 hits) in one INSERT … SELECT statement (events, first opens, timeline entries); a hit costs no query of its own',
        'server, load generator and PostgreSQL share the machine; a closed loop of connections keeps the server saturated, so latency ≈ connections / throughput',
        "server loop delay p99: how late a 5 ms timer in the server fired (monitorEventLoopDelay) during the measured run; GC pauses: the collector's pauses in that run (count, total, longest). A request waiting behind either waits that long",
      ],
    };
    writeResult('tracking.json', result);
  } finally {
    await runCleanups();
  }
}
