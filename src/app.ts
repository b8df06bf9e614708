import type { FastifyInstance } from 'fastify';
import type { Runner } from 'graphile-worker';
import { resolveAuth, SESSION_COOKIE } from './modules/identity/index.ts';
import { closeModules, cronItems, jobDefinitions, publicRouteModules, routeModules } from './modules/registry.ts';
import type { Config } from './platform/config.ts';
import { type Database, openDatabase } from './platform/db/open.ts';
import { buildServer } from './platform/http/server.ts';
import { startWorker } from './platform/jobs/runner.ts';
import type { Logger } from './platform/logger.ts';

export type App = { server: FastifyInstance; database: Database; worker: Runner | null; close: () => Promise<void> };

export async function createServer(
  database: Database,
  config: Config,
  logger: Logger,
  opts: { rateLimit?: boolean } = {},
) {
  const deps = { db: database.db, config, logger };
  return buildServer({
    deps,
    modules: routeModules,
    publicModules: publicRouteModules,
    resolveAuth: (c) => resolveAuth(database.db, c),
    sessionCookie: SESSION_COOKIE,
    rateLimit: opts.rateLimit ?? true,
  });
}

export async function startWorkers(
  database: Database,
  config: Config,
  logger: Logger,
  concurrency = 4,
): Promise<Runner> {
  return startWorker({ db: database.db, config, logger }, jobDefinitions, { concurrency, cron: cronItems });
}

/** `freehold serve`: the API, the web UI and (unless told not to) the workers, in one process. */
export async function startApp(config: Config, logger: Logger, opts: { worker?: boolean } = {}): Promise<App> {
  const database = await openDatabase(config, logger);
  const server = await createServer(database, config, logger);
  const worker = opts.worker === false ? null : await startWorkers(database, config, logger);
  await server.listen({ port: config.port, host: config.host });
  return {
    server,
    database,
    worker,
    close: async () => {
      await server.close();
      await worker?.stop();
      await closeModules();
      await database.close();
    },
  };
}
