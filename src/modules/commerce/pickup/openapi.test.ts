import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { buildServer } from '../../../platform/http/server.ts';
import { createLogger } from '../../../platform/logger.ts';
import { pickupRouteModules } from './module.ts';

// The contracts are the API document: generating it from the pickup routes alone catches a schema that cannot be
// rendered (an input and an output form of one named schema that differ). Named schemas live in Zod's global
// registry, so this file must not import the whole app (platform/testing.ts does): other areas' schemas would join.
describe('pickup OpenAPI', async () => {
  const config = { publicUrl: 'http://localhost', logLevel: 'error', maxUploadBytes: 1024 } as Config;
  const app = await buildServer({
    // Generating the document touches no database; a request that did would fail loudly on this stand-in.
    deps: { db: {} as Db, config, logger: createLogger('error') },
    modules: pickupRouteModules.map((m) => ({
      name: m.name,
      routes: async (a: FastifyInstance) => {
        await a.register(m.plugin);
      },
    })),
    resolveAuth: async () => ({ userId: null, sessionId: null, apiKeyId: null, workspaceId: null, role: null }),
    sessionCookie: 'sid',
    serveWeb: false,
    rateLimit: false,
  });
  await app.ready();

  it('documents every pickup route with a summary', async () => {
    const r = await app.inject({ url: '/api/openapi.json' });
    expect(r.statusCode, r.body).toBe(200);
    const paths = r.json().paths as Record<string, Record<string, { summary?: string }>>;
    const ops = Object.entries(paths).flatMap(([p, o]) => Object.entries(o).map(([m, op]) => ({ p, m, op })));
    expect(ops.map((o) => `${o.m.toUpperCase()} ${o.p}`)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/pickup-points',
        'POST /api/v1/pickup-points',
        'GET /api/v1/pickup-points/nearest',
        'GET /api/v1/pickup-points/by-region',
        'PATCH /api/v1/pickup-points/{id}',
        'POST /api/v1/pickup-imports',
        'GET /api/v1/pickup-postcodes',
      ]),
    );
    for (const o of ops.filter((x) => x.p.startsWith('/api/v1/'))) expect(o.op.summary, `${o.m} ${o.p}`).toBeTruthy();
    await app.close();
  });
});
