// Child process of bench/api.ts: serves either Freehold (createServer on BENCH_DATABASE_URL_CHILD) or a bare Fastify
// `GET /` → {ok:true} (the floor) on 127.0.0.1 and a free port, so the load generator never shares its event loop.
// Talks to the parent over IPC: sends {port} when listening; answers {cmd:'peak'} with the peak RSS since the last
// ask (sampled every 100 ms); {cmd:'stop'} closes and exits.
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createServer } from '../../src/app.ts';
import { createDb } from '../../src/platform/db/client.ts';
import { createLogger } from '../../src/platform/logger.ts';

export type ServerMessage = { port: number } | { peakRssMB: number } | { error: string };
export type ParentMessage = { cmd: 'peak' | 'stop' };

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
