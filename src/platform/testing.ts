import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createServer } from '../app.ts';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/client.ts';
import { createLogger } from './logger.ts';
import { setTestSecretKey } from './testing-key.ts';

setTestSecretKey();

/**
 * Test helpers (imported by *.test.ts only). Each test file gets its own database copied from the migrated template
 * made once per run by test/setup/global.ts; the copy is dropped after the file's tests.
 */
export async function testDatabase(): Promise<{ db: Db; url: string }> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDb');
  const name = `fh_t_${template.split('_').pop()}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), 5);
  afterAll(async () => {
    await db.$client.end();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  return { db, url: url.toString() };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/tmp/freehold-test-data',
    secretKey: undefined,
    smtpUrl: undefined,
    publicUrl: 'http://localhost:3000',
    logLevel: 'warn',
    production: false,
    maxUploadBytes: 50 * 1024 * 1024,
    ...overrides,
  };
}

export type TestApp = { app: FastifyInstance; db: Db; url: string; config: Config };

/** A server on its own database, driven with `app.inject` (no port). */
export async function testApp(
  configOverrides: Partial<Config> = {},
  opts: { rateLimit?: boolean } = {},
): Promise<TestApp> {
  const { db, url } = await testDatabase();
  const config = testConfig(configOverrides);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  // Rate limits are off unless a test is about them: suites make many requests from one address.
  const app = await createServer({ db, url, close: async () => undefined }, config, logger, {
    rateLimit: opts.rateLimit ?? false,
  });
  await app.ready();
  afterAll(() => app.close());
  return { app, db, url, config };
}

let counter = 0;
/** Sets up an owner + workspace through the API; returns its session cookie and an API key. */
export async function signUpWorkspace(app: FastifyInstance, name = `Workspace ${++counter}`) {
  const email = `owner-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'correct horse battery';
  const { isSetUp } = await import('../modules/identity/index.ts');
  let cookie: string;
  let workspaceId: string;
  if (!(await isSetUp(app.deps.db))) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { email, password, workspace: name } });
    if (r.statusCode !== 201) throw new Error(`setup failed: ${r.body}`);
    cookie = String(r.headers['set-cookie']).split(';')[0]!;
    workspaceId = r.json().activeWorkspaceId;
  } else {
    const { createUser, createWorkspace } = await import('../modules/identity/index.ts');
    const user = await createUser({ db: app.deps.db, email, password });
    const ws = await createWorkspace({ db: app.deps.db, name, ownerId: user.id });
    workspaceId = ws.id;
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
    if (r.statusCode !== 204) throw new Error(`sign-in failed: ${r.body}`);
    cookie = String(r.headers['set-cookie']).split(';')[0]!;
  }
  const k = await app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: { cookie },
    payload: { name: 'test' },
  });
  if (k.statusCode !== 201) throw new Error(`api key failed: ${k.body}`);
  return {
    cookie,
    workspaceId,
    apiKey: k.json().key as string,
    email,
    password,
    bearer: { authorization: `Bearer ${k.json().key}` },
  };
}
