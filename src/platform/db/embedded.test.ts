import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { clusterLocation, ensureEmbeddedPostgres } from './embedded.ts';
import { sharedBuffersMb } from './pg-process.ts';

// The test-run cluster is made the same way (test/setup/global.ts); here we check reuse and the root-path guard.
describe('embedded PostgreSQL', () => {
  it('sizes shared_buffers from the memory', () => {
    const gb = 1024 ** 3;
    expect(sharedBuffersMb(0.25 * gb)).toBe(128);
    expect(sharedBuffersMb(4 * gb)).toBe(1024);
    expect(sharedBuffersMb(64 * gb)).toBe(2048);
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'freehold-embedded-'));
  fs.chmodSync(dir, 0o755);
  const logger = createLogger('silent');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reuses a running cluster for the same folder instead of starting a second one', async () => {
    const first = await ensureEmbeddedPostgres(dir, logger, 'app');
    try {
      const second = await ensureEmbeddedPostgres(dir, logger, 'app');
      expect(first.owned).toBe(true);
      expect(second.owned).toBe(false);
      expect(new URL(second.url).port).toBe(new URL(first.url).port);
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      expect((await client.query('select current_database() as d')).rows[0].d).toBe('app');
      // A quarter of the memory, within [128 MB, 2 GB], instead of PostgreSQL's 128 MB.
      const sb = (
        await client.query("select setting::int * 8 / 1024 as mb from pg_settings where name = 'shared_buffers'")
      ).rows[0].mb;
      expect(sb).toBe(sharedBuffersMb());
      await client.end();
      expect(fs.readFileSync(path.join(dir, 'pg.port'), 'utf8')).toBe(new URL(first.url).port);
    } finally {
      await first.stop();
    }
    // Stopped: the next call starts it again on the same data.
    const again = await ensureEmbeddedPostgres(dir, logger, 'app');
    expect(again.owned).toBe(true);
    await again.stop();
  });

  it.runIf(process.getuid?.() === 0)(
    'moves the cluster, as root, out of a folder the postgres user cannot enter',
    async () => {
      const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'freehold-locked-'));
      fs.chmodSync(locked, 0o700);
      const dataDir = path.join(locked, 'data');
      const where = clusterLocation(dataDir);
      expect(where.relocatedBecause).toBe(locked);
      expect(where.clusterDir.startsWith(locked)).toBe(false);
      const handle = await ensureEmbeddedPostgres(dataDir, logger, 'app');
      try {
        expect(handle.owned).toBe(true);
        expect(fs.readFileSync(path.join(dataDir, 'pg-location.txt'), 'utf8').trim()).toBe(where.clusterDir);
        expect(fs.existsSync(path.join(where.clusterDir, 'PG_VERSION'))).toBe(true);
      } finally {
        await handle.stop();
        fs.rmSync(path.dirname(where.clusterDir), { recursive: true, force: true });
        fs.rmSync(locked, { recursive: true, force: true });
      }
    },
  );
});
