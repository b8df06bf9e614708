// Child process of bench/api.ts: serves either Freehold (createServer on BENCH_DATABASE_URL_CHILD) or a bare Fastify
// `GET /` → {ok:true} (the floor) on 127.0.0.1 and a free port, so the load generator never shares its event loop.
// Talks to the parent over IPC: sends {port} when listening; answers {cmd:'peak'} with the peak RSS since the last
// ask (sampled every 100 ms); {cmd:'pauses'} with what held its event loop up since the last ask (see Pauses);
// {cmd:'stop'} closes and exits.
import os from 'node:os';
import path from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { createServer } from '../../src/app.ts';
import { createDb } from '../../src/platform/db/client.ts';
import { createLogger } from '../../src/platform/logger.ts';

/**
 * What held the server's event loop up: the delay of a 5 ms timer (p99 and max) and the garbage collector's pauses
 * (count, total, longest). A request waiting behind either waits that long, whatever its own cost.
 */
export type Pauses = { loopP99Ms: number; loopMaxMs: number; gcCount: number; gcTotalMs: number; gcMaxMs: number };
export type ServerMessage = { port: number } | { peakRssMB: number } | { pauses: Pauses } | { error: string };
export type ParentMessage = { cmd: 'peak' | 'pauses' | 'stop' };

const send = (m: ServerMessage) => process.send?.(m);

async function start(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  if (process.env.BENCH_SERVER_MODE === 'bare') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ ok: true }));
    return { app, close: () => app.close() };
  }
  const url = process.env.BENCH_DATABASE_URL_CHILD;
  if (!url) throw new Error('BENCH_DATABASE_URL_CHILD is not set');
  const logger = createLogger('warn');
  const db = createDb(url, 10); // what openDatabase() gives the server
  const app = await createServer(
    { db, url, close: async () => undefined },
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: url,
      dataDir: path.join(os.tmpdir(), 'freehold-bench-api-data'),
      secretKey: undefined,
      smtpUrl: undefined,
      publicUrl: 'http://127.0.0.1',
      logLevel: 'warn',
      production: true,
      maxUploadBytes: 50 * 1024 * 1024,
    },
    logger,
  );
  return {
    app,
    close: async () => {
      await app.close();
      await db.$client.end();
    },
  };
}

let peak = process.memoryUsage().rss;

// Watched only once asked (the tracking bench does), so the other benches' servers run as before.
let watch: { loop: IntervalHistogram; gc: number[] } | null = null;
function pausesSinceLastAsk(): Pauses {
  if (!watch) {
    const w = { loop: monitorEventLoopDelay({ resolution: 5 }), gc: [] as number[] };
    w.loop.enable();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.gc.push(e.duration);
    }).observe({ entryTypes: ['gc'] });
    watch = w;
  }
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const gc = watch.gc;
  const out: Pauses = {
    loopP99Ms: ms(watch.loop.percentile(99)),
    loopMaxMs: ms(watch.loop.max),
    gcCount: gc.length,
    gcTotalMs: Math.round(gc.reduce((a, b) => a + b, 0)),
    gcMaxMs: Math.round(Math.max(0, ...gc) * 10) / 10,
  };
  watch.loop.reset();
  watch.gc = [];
  return out;
}
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100).unref();

try {
  const { app, close } = await start();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no TCP address');
  process.on('message', (m: ParentMessage) => {
    if (m.cmd === 'peak') {
      send({ peakRssMB: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) });
      peak = process.memoryUsage().rss;
    } else if (m.cmd === 'pauses') {
      send({ pauses: pausesSinceLastAsk() });
    } else if (m.cmd === 'stop') {
      void close().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  send({ port: addr.port });
} catch (err) {
  send({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
}
