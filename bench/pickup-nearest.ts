// Nearest pickup points over 50,000 points (issue #4: p99 < 10 ms). Points are generated in SQL-sized batches around
// German cities (and a second workspace with as many, so the index holds other tenants too); then timed:
//   1. in process, the real use case `nearestPickupPoints` (workspace look-up, the GiST K-nearest-neighbour query,
//      opening hours in JS, mapping) for coordinates, with filters, with `openAt` late in the evening, with a
//      capacity date, and by postcode;
//   2. the floor: the bare index query alone (ids of the 10 nearest within the radius), same origins, interleaved;
//   3. the alternative ADR 0007 weighed: a latitude/longitude bounding box on a b-tree plus exact haversine;
//   4. over HTTP, `GET /api/v1/pickup-points/nearest` on the real server in its own process, autocannon at 1 and 16
//      connections, against `GET /api/health` on the same server.
// `npm run bench -- pickup-nearest`. Env: BENCH_PICKUP_POINTS (default 50,000), BENCH_PICKUP_QUERIES (in-process
// queries per variant, default 2,000), BENCH_PICKUP_SECONDS (HTTP seconds per run, default 10), BENCH_DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import autocannon, { type Request, type Result } from 'autocannon';
import { nearestPickupPoints } from '../src/modules/commerce/pickup/nearest-pickup-points.ts';
import { createApiKey, setupOwner } from '../src/modules/identity/index.ts';
import '../src/modules/registry.ts';
import { createDb, type Db } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import {
  type BenchResult,
  benchDatabase,
  log,
  machineInfo,
  RESULTS_DIR,
  type ResultRow,
  rssSampler,
  runCleanups,
  summarize,
  writeResult,
} from './lib/common.ts';
import { startServer } from './lib/server-process.ts';

const int = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d);

/** Deterministic pseudo-random numbers (mulberry32): the same points and origins on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cities with a weight roughly like their population: shops and shoppers cluster where people live. */
const CITIES: [string, number, number, number][] = [
  ['Berlin', 52.52, 13.405, 36],
  ['Hamburg', 53.551, 9.994, 18],
  ['München', 48.137, 11.575, 15],
  ['Köln', 50.938, 6.96, 11],
  ['Frankfurt', 50.11, 8.682, 8],
  ['Stuttgart', 48.776, 9.183, 6],
  ['Düsseldorf', 51.227, 6.773, 6],
  ['Leipzig', 51.34, 12.375, 6],
  ['Dortmund', 51.514, 7.468, 6],
  ['Essen', 51.456, 7.012, 6],
  ['Bremen', 53.079, 8.802, 6],
  ['Dresden', 51.05, 13.738, 6],
  ['Hannover', 52.376, 9.732, 5],
  ['Nürnberg', 49.452, 11.077, 5],
  ['Duisburg', 51.434, 6.762, 5],
  ['Bochum', 51.482, 7.216, 4],
  ['Wuppertal', 51.256, 7.151, 4],
  ['Bielefeld', 52.03, 8.532, 3],
  ['Bonn', 50.737, 7.098, 3],
  ['Münster', 51.96, 7.626, 3],
  ['Mannheim', 49.487, 8.466, 3],
  ['Karlsruhe', 49.007, 8.404, 3],
  ['Augsburg', 48.366, 10.898, 3],
  ['Wiesbaden', 50.078, 8.24, 3],
  ['Kiel', 54.323, 10.123, 2],
  ['Rostock', 54.092, 12.099, 2],
  ['Erfurt', 50.978, 11.029, 2],
  ['Freiburg', 47.999, 7.842, 2],
  ['Regensburg', 49.013, 12.102, 2],
  ['Saarbrücken', 49.24, 6.997, 2],
];
const TOTAL_WEIGHT = CITIES.reduce((a, c) => a + c[3], 0);

/** A point near a city (80 %: ~N(0, 8 km)) or anywhere in Germany's bounding box (20 %). */
function place(r: () => number): { lat: number; lng: number; city: string; region: string } {
  if (r() < 0.2) return { lat: 47.4 + r() * 7.5, lng: 6.0 + r() * 8.9, city: 'Land', region: 'Rural' };
  let w = r() * TOTAL_WEIGHT;
  let c = CITIES[0]!;
  for (const x of CITIES) {
    w -= x[3];
    if (w <= 0) {
      c = x;
      break;
    }
  }
  const g = () => (r() + r() + r() + r() - 2) * 1.7; // ≈ N(0, 1)
  return { lat: c[1] + g() * 0.072, lng: c[2] + g() * 0.11, city: c[0], region: c[0] };
}

const HOURS = [
  {
    mo: [{ from: '09:00', to: '18:00' }],
    tu: [{ from: '09:00', to: '18:00' }],
    we: [{ from: '09:00', to: '18:00' }],
    th: [{ from: '09:00', to: '18:00' }],
    fr: [{ from: '09:00', to: '18:00' }],
    sa: [{ from: '10:00', to: '14:00' }],
  },
  Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa'].map((d) => [d, [{ from: '08:00', to: '20:00' }]])),
  Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [{ from: '00:00', to: '24:00' }]])),
  Object.fromEntries(
    ['mo', 'tu', 'we', 'th', 'fr'].map((d) => [
      d,
      [
        { from: '07:00', to: '12:00' },
        { from: '13:00', to: '22:00' },
      ],
    ]),
  ),
];
const CAPS = [
  ['pickup'],
  ['pickup', 'return_dropoff'],
  ['pickup', 'return_dropoff', 'cash_on_delivery'],
  ['pickup', 'fitting_room'],
];
const KINDS = ['own', 'partner', 'carrier'];

async function insertPoints(db: Db, workspaceId: string, n: number, seed: number): Promise<void> {
  const r = rng(seed);
  for (let start = 0; start < n; start += 5000) {
    const rows = Array.from({ length: Math.min(5000, n - start) }, (_, i) => {
      const p = place(r);
      const kind = KINDS[Math.floor(r() * 10) < 5 ? 1 : Math.floor(r() * 10) < 5 ? 0 : 2]!;
      return {
        id: newId(),
        code: `P-${start + i}`,
        kind,
        name: `${p.city} point ${start + i}`,
        partner: kind === 'partner' ? { name: `Partner ${start + i}` } : null,
        carrier: kind === 'carrier' ? 'Packstation' : null,
        line1: `Straße ${i}`,
        city: p.city,
        region: p.region,
        postcode: String(10000 + Math.floor(r() * 89999)),
        lat: p.lat,
        lng: p.lng,
        hours: HOURS[Math.floor(r() * HOURS.length)],
        exceptions: r() < 0.05 ? [{ date: '2026-12-25', ranges: [] }] : [],
        caps: CAPS[Math.floor(r() * CAPS.length)],
        capacity: r() < 0.5 ? 5 + Math.floor(r() * 40) : null,
        active: r() > 0.03,
      };
    });
    await db.$client.query(
      `insert into pickup_points (workspace_id, id, code, kind, name, partner, carrier, address_line1, city, region,
         postcode, country, lat, lng, hours, hours_exceptions, capabilities, capacity_per_day, currency, active)
       select $1, r.id, r.code, r.kind, r.name, r.partner, r.carrier, r.line1, r.city, r.region, r.postcode, 'DE',
         r.lat, r.lng, r.hours, r.exceptions, array(select jsonb_array_elements_text(r.caps)), r.capacity, 'EUR', r.active
       from json_to_recordset($2::json) as r(id uuid, code text, kind text, name text, partner jsonb, carrier text,
         line1 text, city text, region text, postcode text, lat float8, lng float8, hours jsonb, exceptions jsonb,
         caps jsonb, capacity int, active boolean)`,
      [workspaceId, JSON.stringify(rows)],
    );
  }
}

type Origin = { lat: number; lng: number };

let firstError: string | null = null;
async function load(
  port: number,
  paths: string[],
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
        method: 'GET',
        headers,
        setupRequest: (req: Request) => ({ ...req, path: paths[i++ % paths.length]! }),
        onResponse: (status: number, b: string) => {
          if ((status < 200 || status > 299) && !firstError) {
            firstError = `HTTP ${status} ${b.slice(0, 300)}`;
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
    points: int(process.env.BENCH_PICKUP_POINTS, 50_000),
    otherWorkspacePoints: int(process.env.BENCH_PICKUP_POINTS, 50_000),
    postcodes: 8000,
    queriesPerVariant: int(process.env.BENCH_PICKUP_QUERIES, 2000),
    radiusKm: 25,
    limit: 10,
    httpSeconds: int(process.env.BENCH_PICKUP_SECONDS, 10),
    serverPool: 10,
  };
  try {
    const database = await benchDatabase('pickup');
    const db = createDb(database.url, 4);
    await migrate(db, database.url);
    const { user, workspace } = await setupOwner({
      db,
      email: 'owner@bench.example',
      password: 'correct horse battery staple',
      workspace: 'Bench Pickup',
    });
    await db.$client.query(`update workspaces set timezone = 'Europe/Berlin' where id = $1`, [workspace.id]);
    // Another tenant's points only need to be in the table and the index; no workspace row is read for them.
    const otherId = newId();
    const key = await createApiKey({ db, workspaceId: workspace.id, name: 'bench', createdBy: user.id });
    const machine = await machineInfo(database.url, database.kind);

    let t0 = performance.now();
    await insertPoints(db, workspace.id, params.points, 7);
    await insertPoints(db, otherId, params.otherWorkspacePoints, 8);
    const r = rng(99);
    const postcodes = Array.from({ length: params.postcodes }, (_, i) => ({ pc: String(10000 + i * 11), ...place(r) }));
    await db.$client.query(
      `insert into pickup_postcodes (workspace_id, country, postcode, lat, lng, place_name)
       select $1, 'DE', p.pc, p.lat, p.lng, p.city from json_to_recordset($2::json) as p(pc text, lat float8, lng float8, city text)
       on conflict do nothing`,
      [workspace.id, JSON.stringify(postcodes)],
    );
    // Some days already have claims, so the capacity filter has work to do.
    await db.$client.query(
      `insert into pickup_capacity_days (workspace_id, pickup_point_id, day, claimed)
       select workspace_id, id, '2026-12-01', capacity_per_day from pickup_points
       where workspace_id = $1 and capacity_per_day is not null and random() < 0.4`,
      [workspace.id],
    );
    await db.$client.query('vacuum analyze pickup_points');
    await db.$client.query('vacuum analyze pickup_postcodes');
    await db.$client.query('vacuum analyze pickup_capacity_days');
    const loadS = (performance.now() - t0) / 1000;
    log(
      `${params.points + params.otherWorkspacePoints} points, ${params.postcodes} postcodes loaded in ${loadS.toFixed(1)} s`,
    );

    const origins: Origin[] = Array.from({ length: params.queriesPerVariant }, () => place(r));
    const q = (o: Origin) => ({ lat: o.lat, lng: o.lng, radiusKm: params.radiusKm, limit: params.limit });
    const variants: { name: string; run: (o: Origin, i: number) => Promise<number> }[] = [
      {
        name: 'coordinates, 25 km, 10 nearest',
        run: async (o) => (await nearestPickupPoints({ db, workspaceId: workspace.id, query: q(o) })).data.length,
      },
      {
        name: '+ capability cash_on_delivery, kind partner/own',
        run: async (o) =>
          (
            await nearestPickupPoints({
              db,
              workspaceId: workspace.id,
              query: { ...q(o), capability: ['cash_on_delivery'], kind: ['partner', 'own'] },
            })
          ).data.length,
      },
      {
        name: '+ open at Tuesday 19:30 local (most shops closed)',
        run: async (o) =>
          (
            await nearestPickupPoints({
              db,
              workspaceId: workspace.id,
              query: { ...q(o), openAt: '2026-12-01T18:30:00Z' },
            })
          ).data.length,
      },
      {
        name: '+ capacity left on 2026-12-01 (40 % of limited points full)',
        run: async (o) =>
          (await nearestPickupPoints({ db, workspaceId: workspace.id, query: { ...q(o), capacityOn: '2026-12-01' } }))
            .data.length,
      },
      {
        name: 'by postcode (centroid look-up), 25 km',
        run: async (_o, i) =>
          (
            await nearestPickupPoints({
              db,
              workspaceId: workspace.id,
              query: {
                postcode: postcodes[i % postcodes.length]!.pc,
                country: 'DE',
                radiusKm: params.radiusKm,
                limit: params.limit,
              },
            })
          ).data.length,
      },
    ];
    const chord = 2 * Math.sin(params.radiusKm / (2 * 6371.0088));
    const floorSql = `select id from pickup_points p where p.workspace_id = $1 and p.active
      and p.earth <@ cube_enlarge(pickup_earth($2, $3), $4, 3) order by p.earth <-> pickup_earth($2, $3) limit $5`;
    const dLat = params.radiusKm / 111.195;
    const bboxSql = `select id, 2 * 6371.0088 * asin(sqrt(sin(radians(lat - $2) / 2) ^ 2
        + cos(radians($2)) * cos(radians(lat)) * sin(radians(lng - $3) / 2) ^ 2)) as km
      from pickup_points where workspace_id = $1 and active
        and lat between $2 - $4 and $2 + $4 and lng between $3 - $5 and $3 + $5
      order by km limit $6`;
    await db.$client.query('create index bench_pickup_bbox on pickup_points (workspace_id, lat, lng) where active');
    await db.$client.query('analyze pickup_points');
    const floor = async (o: Origin) =>
      (await db.$client.query(floorSql, [workspace.id, o.lat, o.lng, chord, params.limit])).rowCount ?? 0;
    const bbox = async (o: Origin) =>
      (
        await db.$client.query(bboxSql, [
          workspace.id,
          o.lat,
          o.lng,
          dLat,
          dLat / Math.cos((o.lat * Math.PI) / 180),
          params.limit,
        ])
      ).rowCount ?? 0;

    // Warm-up: caches and plans, not timed.
    for (let i = 0; i < 200; i++) {
      const o = origins[i % origins.length]!;
      await floor(o);
      await bbox(o);
      for (const v of variants) await v.run(o, i);
    }
    const samples = new Map<string, number[]>();
    const found = new Map<string, number>();
    const time = async (name: string, fn: () => Promise<number>) => {
      const s = performance.now();
      const n = await fn();
      (samples.get(name) ?? samples.set(name, []).get(name)!).push(performance.now() - s);
      found.set(name, (found.get(name) ?? 0) + n);
    };
    const FLOOR = 'floor: the bare GiST KNN query (ids only)';
    const BBOX = 'alternative: b-tree lat/lng box + haversine sort (SQL only)';
    t0 = performance.now();
    // Interleaved, so a noisy moment on the shared machine hits every variant alike.
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i]!;
      await time(FLOOR, () => floor(o));
      await time(BBOX, () => bbox(o));
      for (const v of variants) await time(v.name, () => v.run(o, i));
    }
    log(`in-process runs took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const rows: ResultRow[] = [];
    for (const [name, s] of samples) {
      const st = summarize(s);
      rows.push({
        measure: `in process: ${name}`,
        n: st.n,
        p50_ms: st.p50,
        p95_ms: st.p95,
        p99_ms: st.p99,
        max_ms: st.max,
        avg_found: Math.round(((found.get(name) ?? 0) / st.n) * 10) / 10,
      });
      log(`${name}: p50 ${st.p50} ms, p99 ${st.p99} ms`);
    }

    // The plans behind the numbers, for the ADR.
    const o = origins[0]!;
    const explain = async (label: string, sqlText: string, args: unknown[]) =>
      `-- ${label}\n${(await db.$client.query(`explain (analyze, buffers) ${sqlText}`, args)).rows.map((x) => x['QUERY PLAN']).join('\n')}\n`;
    // A city-centre origin and one more filter: the case where the planner's fixed estimate for `<@` misleads it.
    const filtered = floorSql.replace('order by', `and p.capabilities @> '{cash_on_delivery}'::text[] order by`);
    const filteredArgs = [workspace.id, 52.52, 13.405, chord, params.limit];
    const explainNoSort = async (label: string, sqlText: string, args: unknown[]) => {
      // One client: a pool could run each statement on another connection, outside the transaction.
      const c = await db.$client.connect();
      try {
        await c.query('begin');
        await c.query('set local enable_sort = off');
        const plan = await c.query(`explain (analyze, buffers) ${sqlText}`, args);
        await c.query('commit');
        return `-- ${label}\n${plan.rows.map((x) => x['QUERY PLAN']).join('\n')}\n`;
      } finally {
        c.release();
      }
    };
    fs.writeFileSync(
      path.join(RESULTS_DIR, 'pickup-nearest-explain.txt'),
      [
        await explain('Berlin + capability filter, default planner settings', filtered, filteredArgs),
        await explainNoSort(
          'Berlin + capability filter, enable_sort = off (as pickup_nearest_ids runs it, by its SET clause)',
          filtered,
          filteredArgs,
        ),
        await explain('GiST KNN (what nearestPickupPoints runs, without the capacity join)', floorSql, [
          workspace.id,
          o.lat,
          o.lng,
          chord,
          params.limit,
        ]),
        await explain('b-tree bounding box + haversine', bboxSql, [
          workspace.id,
          o.lat,
          o.lng,
          dLat,
          dLat / Math.cos((o.lat * Math.PI) / 180),
          params.limit,
        ]),
      ].join('\n'),
    );
    await db.$client.query('drop index bench_pickup_bbox');
    await db.$client.end();

    const server = await startServer('freehold', database.url);
    const headers = { authorization: `Bearer ${key.key}` };
    const nearestPaths = origins.map(
      (x) =>
        `/api/v1/pickup-points/nearest?lat=${x.lat.toFixed(5)}&lng=${x.lng.toFixed(5)}&radiusKm=${params.radiusKm}&limit=${params.limit}`,
    );
    const http: ResultRow[] = [];
    const verdicts: Record<string, number> = {};
    for (const connections of [1, 16]) {
      for (const [name, paths] of [
        ['floor: GET /api/health', ['/api/health']],
        ['GET /api/v1/pickup-points/nearest (coordinates, 25 km)', nearestPaths],
      ] as const) {
        await load(server.port, [...paths], headers, 3, connections);
        await server.peakRssMB();
        const res = await load(server.port, [...paths], headers, params.httpSeconds, connections);
        const peak = await server.peakRssMB();
        log(
          `HTTP ${name}, ${connections} conn: ${Math.round(res.requests.average)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms`,
        );
        http.push({
          measure: `HTTP: ${name}, ${connections} connection${connections > 1 ? 's' : ''}`,
          req_per_s: Math.round(res.requests.average),
          p50_ms: res.latency.p50,
          p99_ms: res.latency.p99,
          max_ms: res.latency.max,
          requests: res.requests.total,
          errors: res.errors + res.timeouts + res.non2xx,
          server_peak_rss_MB: peak,
        });
        verdicts[`${name}@${connections}`] = res.latency.p99;
      }
    }
    await server.stop();

    const mainRow = rows.find((x) => String(x.measure).includes('coordinates, 25 km'))!;
    const floorRow = rows.find((x) => String(x.measure).includes('floor'))!;
    const httpMain = verdicts['GET /api/v1/pickup-points/nearest (coordinates, 25 km)@1'] ?? Number.NaN;
    const worst = Math.max(
      ...rows.filter((x) => !String(x.measure).includes('alternative')).map((x) => Number(x.p99_ms)),
    );
    const result: BenchResult = {
      name: 'pickup-nearest',
      title: `Nearest pickup points over ${params.points.toLocaleString('en')} points`,
      date: new Date().toISOString(),
      machine,
      params: {
        ...params,
        dataLoadS: Math.round(loadS * 10) / 10,
        server: 'createServer() in its own Node process, pg pool 10; autocannon in the bench process',
      },
      results: [...rows, ...http],
      floor: { name: FLOOR, p50_ms: Number(floorRow.p50_ms), p99_ms: Number(floorRow.p99_ms) },
      ratio: { 'use case p50 / floor p50': Number((Number(mainRow.p50_ms) / Number(floorRow.p50_ms)).toPrecision(3)) },
      aim: 'issue #4: nearest-pickup-point query over 50,000 points, p99 < 10 ms',
      verdict: `in process ${Number(mainRow.p99_ms) < 10 ? 'meets' : 'MISSES'} the aim (p99 ${mainRow.p99_ms} ms; slowest variant p99 ${worst} ms); over HTTP at 1 connection ${httpMain < 10 ? 'meets' : 'MISSES'} it (p99 ${httpMain} ms)`,
      peakRssMB: rss.stop(),
      durationS: Math.round((Date.now() - started) / 1000),
      notes: [
        `${params.otherWorkspacePoints.toLocaleString('en')} more points in a second workspace share the table and the index`,
        'origins are drawn like the points (80 % near 30 German cities, 20 % anywhere), so most searches find 10 points within 25 km',
        'in-process variants run interleaved with the floor and the alternative on the same origins; HTTP after, on the same data',
        'plans: bench/results/pickup-nearest-explain.txt',
        ...(firstError ? [`first unexpected answer: ${firstError}`] : []),
      ],
    };
    writeResult('pickup-nearest.json', result);
  } finally {
    await runCleanups();
  }
}
