import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/platform/db/client.ts';
import { ensureEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { createLogger } from '../../src/platform/logger.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

/**
 * One PostgreSQL per test run (embedded, or TEST_DATABASE_URL's server), one migrated template database, and each
 * test file gets its own copy of the template (CREATE DATABASE … TEMPLATE is a file copy: fast).
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('warn');
  let adminUrl: string;
  let stop: () => Promise<void> = async () => undefined;
  let tmp: string | undefined;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'freehold-test-'));
    fs.chmodSync(tmp, 0o755);
    const handle = await ensureEmbeddedPostgres(tmp, logger, 'postgres');
    adminUrl = handle.url;
    stop = handle.stop;
  }
  const templateDb = `freehold_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDb}`);
  await admin.query(`create database ${templateDb}`);
  const url = new URL(adminUrl);
  url.pathname = `/${templateDb}`;
  const db = createDb(url.toString(), 2);
  await migrate(db, url.toString());
  await db.$client.end();
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    // Drop what this run made on a shared server; the embedded cluster goes with its folder.
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`fh_t_${process.pid}_%`, templateDb],
    );
    for (const r of leftovers.rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
    await admin.end();
    await stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
