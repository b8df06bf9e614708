import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../ids.ts';
import type { AppDeps, Auth } from './context.ts';
import { problemHandler } from './problem.ts';
import { publicAssetRoutes } from './public-page.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export type RouteModule = {
  name: string;
  /** Mounted under /api/v1. */
  routes: (app: FastifyInstance) => Promise<void>;
};

/** Public pages and endpoints (forms, tracking, unsubscribe…): mounted under /p, no caller, hidden from the API docs. */
export type PublicRouteModule = { name: string; routes: (app: FastifyInstance) => Promise<void> };

export type ServerOptions = {
  deps: AppDeps;
  modules: RouteModule[];
  publicModules?: PublicRouteModule[];
  resolveAuth: (creds: { sessionToken?: string; bearer?: string }) => Promise<Auth>;
  sessionCookie: string;
  /** Serve the built web UI from dist/web when present. */
  serveWeb?: boolean;
  rateLimit?: boolean;
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '../../../dist/web');

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { deps } = opts;
  const app = Fastify({
    // pino.Logger is a FastifyBaseLogger at runtime; the cast keeps the instance typed with the base logger.
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || newId(),
    requestIdHeader: false,
    trustProxy: true,
    bodyLimit: 5 * 1024 * 1024,
    // One line per request is noise at the default level; LOG_LEVEL=debug turns it on.
    logController: new LogController({
      disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace',
    }),
  });
  app.decorate('deps', deps);
  app.decorateRequest('auth', null as unknown as Auth);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemHandler);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1 } });
  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    skipOnError: false,
    ...(opts.rateLimit === false ? { max: 1e9 } : {}),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Freehold API',
        version: '1',
        description:
          'REST API of Freehold. Authenticate with the session cookie or `Authorization: Bearer <API key>`. ' +
          'Errors are RFC 9457 `application/problem+json` with a stable `code` and the offending `errors[].field`.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const anonymous: Auth = Object.freeze({
    userId: null,
    sessionId: null,
    apiKeyId: null,
    workspaceId: null,
    role: null,
  });
  app.addHook('onRequest', async (req) => {
    // Only the API needs the caller; the UI's files and pages are the same for everyone, so the browser's session
    // cookie on every asset request must not cost a database round trip each.
    if (!req.url.startsWith('/api/v1/')) {
      req.auth = anonymous;
      return;
    }
    const authz = req.headers.authorization;
    const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : undefined;
    const sessionToken = req.cookies[opts.sessionCookie];
    req.auth =
      bearer || sessionToken
        ? await opts.resolveAuth({ ...(bearer ? { bearer } : {}), ...(sessionToken ? { sessionToken } : {}) })
        : anonymous;
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/health',
    {
      schema: {
        tags: ['Platform'],
        summary: 'Answers 200 once the server can serve',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => {
      await deps.db.$client.query('select 1');
      return { status: 'ok' as const };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      for (const m of opts.modules) await api.register(m.routes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    async (pub) => {
      // Public resources are fetched from other origins by design: pictures and the open pixel from webmail pages,
      // the embed script from customers' sites, template pictures from sandboxed previews (an opaque origin).
      pub.addHook('onRequest', (_req, reply, done) => {
        reply.header('cross-origin-resource-policy', 'cross-origin');
        done();
      });
      await pub.register(publicAssetRoutes);
      for (const m of opts.publicModules ?? []) await pub.register(m.routes);
    },
    { prefix: '/p' },
  );

  if (opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuild while the server runs serves the new assets.
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: true, index: ['index.html'] });
    // Client-side routes: any non-API GET that is not a file answers the app shell; a missing asset stays a 404,
    // or the browser would try to run HTML as a script.
    app.setNotFoundHandler((req, reply) => {
      const urlPath = req.url.split('?')[0] ?? '';
      const isPage = !/^\/(api|p|assets)\//.test(urlPath) && !/\.[a-z0-9]+$/i.test(urlPath);
      if (req.method === 'GET' && isPage) {
        return reply.type('text/html').sendFile('index.html');
      }
      return problemHandler(
        Object.assign(new Error(`No route ${req.method} ${req.url.split('?')[0]}`), { statusCode: 404 }),
        req,
        reply,
      );
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      problemHandler(
        Object.assign(new Error(`No route ${req.method} ${req.url.split('?')[0]}`), { statusCode: 404 }),
        req,
        reply,
      ),
    );
  }
  return app;
}
