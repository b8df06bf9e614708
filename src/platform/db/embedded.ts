import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import {
  binaries,
  blockedParent,
  ensureReachableDir,
  initCluster,
  isRoot,
  SHARED_BASES,
  startCluster,
} from './pg-process.ts';

export type EmbeddedHandle = {
  url: string;
  /** True when this process started the cluster (and so stops it); false when it reused a running one. */
  owned: boolean;
  stop: () => Promise<void>;
};

type Credentials = { user: string; password: string };

/**
 * Where the cluster lives. Normally `<dataDir>/pg`. As root, PostgreSQL runs as the unprivileged `postgres` user,
 * which must be able to traverse every parent of the cluster folder; initdb's own error ("Permission denied") does
 * not say which folder is the problem. When the data folder sits under one it cannot enter (/root, or a `mktemp -d`
 * folder), the cluster goes to /var/lib/freehold/clusters/<hash of the data folder> instead — deterministic, so the
 * server and every CLI command find the same cluster — and the data folder records where it went.
 */
export function clusterLocation(dataDir: string): { clusterDir: string; relocatedBecause?: string } {
  const preferred = path.join(dataDir, 'pg');
  if (!isRoot()) return { clusterDir: preferred };
  const blocked = blockedParent(preferred);
  if (!blocked) return { clusterDir: preferred };
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  for (const base of SHARED_BASES) {
    const clusterDir = path.join(base, 'clusters', key, 'pg');
    if (ensureReachableDir(path.dirname(clusterDir))) return { clusterDir, relocatedBecause: blocked };
  }
  throw new Error(
    `The embedded database cannot live under ${blocked}: running as root, PostgreSQL runs as the 'postgres' user, ` +
      `which cannot enter it, and no fallback folder was usable. Set FREEHOLD_DATA_DIR to a folder outside it ` +
      `(for example /var/lib/freehold), or run Freehold as a normal user, or set DATABASE_URL.`,
  );
}

function readCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const creds = { user: 'freehold', password: randomBytes(18).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** postmaster.pid's 4th line is the port the running postmaster listens on (PostgreSQL's documented layout). */
function runningPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale file from a crash: PostgreSQL removes it itself on the next start
  }
  return port;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const urlFor = (c: Credentials, port: number, db: string) =>
  `postgres://${c.user}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/${db}`;

/**
 * Starts (or reuses) the embedded PostgreSQL cluster under `<dataDir>/pg` and makes sure `database` exists.
 * A cluster already running for this folder (the server, or a crashed process's orphan) is reused, never started twice.
 */
export async function ensureEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  database = 'freehold',
): Promise<EmbeddedHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  const { clusterDir, relocatedBecause } = clusterLocation(dataDir);
  if (relocatedBecause) {
    logger.warn(
      { clusterDir, blocked: relocatedBecause },
      `the 'postgres' user cannot enter ${relocatedBecause}, so the embedded database lives in ${clusterDir}`,
    );
    fs.writeFileSync(path.join(dataDir, 'pg-location.txt'), `${clusterDir}\n`);
  }
  if (isRoot()) fs.chmodSync(dataDir, 0o755);
  const creds = readCredentials(dataDir);

  const existing = runningPort(clusterDir);
  if (existing && (await canConnect(urlFor(creds, existing, 'postgres')))) {
    logger.debug({ port: existing }, 'reusing running embedded PostgreSQL');
    await ensureDatabase(urlFor(creds, existing, 'postgres'), database);
    return { url: urlFor(creds, existing, database), owned: false, stop: async () => undefined };
  }

  const bin = await binaries(logger);
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info({ clusterDir }, 'creating the embedded PostgreSQL cluster (first start)');
    await initCluster(bin, clusterDir, creds, logger);
  }
  const port = await freePort();
  let proc: Awaited<ReturnType<typeof startCluster>>;
  try {
    proc = await startCluster(bin, clusterDir, port, logger);
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start${err instanceof Error ? `: ${err.message}` : ''}. ` +
        'Run with LOG_LEVEL=trace to see its log.',
    );
  }
  fs.writeFileSync(path.join(dataDir, 'pg.port'), String(port));
  await ensureDatabase(urlFor(creds, port, 'postgres'), database);
  logger.info({ port }, 'embedded PostgreSQL started');
  return { url: urlFor(creds, port, database), owned: true, stop: proc.stop };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (r.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
