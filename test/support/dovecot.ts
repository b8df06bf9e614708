// A real IMAP server for tests: Dovecot from Debian (`apt-get install -y dovecot-imapd`), started by the test with its
// own configuration in a temporary directory — passwd-file users, maildir storage in the same directory, plain IMAP on
// 127.0.0.1 and a free port, no SSL, no systemd, nothing of the machine's /etc/dovecot used.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
export const DOVECOT_MISSING = `Dovecot is not installed (${DOVECOT_BIN} missing): apt-get install -y dovecot-imapd`;

export function hasDovecot(): boolean {
  return fs.existsSync(DOVECOT_BIN);
}

export type TestDovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Writes a message into the user's INBOX maildir as new and unseen (what delivery by an MTA does). */
  deliver: (raw: Buffer | string, folder?: string) => string;
  /** The maildir of a folder ('INBOX' or another), to look at flags and moved messages. */
  maildir: (folder?: string) => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForGreeting(port: number, timeoutMs: number, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.setTimeout(1000);
      sock.once('data', (d) => {
        sock.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      sock.once('error', () => resolve(false));
      sock.once('timeout', () => {
        sock.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Dovecot did not answer on port ${port}:\n${log()}`);
}

export async function startDovecot(): Promise<TestDovecot> {
  if (!hasDovecot()) throw new Error(DOVECOT_MISSING);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'bounces';
  const password = crypto.randomBytes(9).toString('base64url');
  const me = os.userInfo();
  const runAsRoot = me.uid === 0;
  // As root, Dovecot's login and internal processes drop to the users the Debian package creates; as anybody else,
  // every process runs as the current user (Dovecot's documented unprivileged setup).
  const loginUser = runAsRoot ? 'dovenull' : me.username;
  const internalUser = runAsRoot ? 'dovecot' : me.username;
  const mailUid = runAsRoot ? 'dovecot' : String(me.uid);
  const mailGid = runAsRoot ? 'dovecot' : String(me.gid);
  const home = path.join(dir, 'home');
  const mail = path.join(dir, 'mail');
  for (const d of [home, mail, path.join(dir, 'run'), path.join(dir, 'state')]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = fh-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${home}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service pop3-login {
  chroot =
}
service submission-login {
  chroot =
}
service imap-urlauth-login {
  chroot =
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const confPath = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(confPath, conf);
  const maildir = (folder = 'INBOX') => path.join(mail, user, folder === 'INBOX' ? '' : `.${folder}`);
  for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(maildir(), sub), { recursive: true });
  if (runAsRoot) {
    // The mail processes run as the dovecot user: the maildir must be theirs.
    spawnSyncChown(`dovecot:dovecot`, [mail, home]);
  }
  const log = () => {
    try {
      return fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8').slice(-4000);
    } catch {
      return '(no log)';
    }
  };
  const child: ChildProcess = spawn(DOVECOT_BIN, ['-F', '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  try {
    await waitForGreeting(port, 15_000, () => `${output}\n${log()}`);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  let n = 0;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    maildir,
    deliver: (raw, folder = 'INBOX') => {
      const name = `${Date.now()}.M${++n}P${process.pid}.fh-test`;
      const tmp = path.join(maildir(folder), 'tmp', name);
      fs.writeFileSync(tmp, raw);
      if (runAsRoot) spawnSyncChown('dovecot:dovecot', [tmp]);
      fs.renameSync(tmp, path.join(maildir(folder), 'new', name));
      return name;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function spawnSyncChown(owner: string, paths: string[]): void {
  const r = spawnSync('chown', ['-R', owner, ...paths]);
  if (r.status !== 0) throw new Error(`chown failed: ${r.stderr}`);
}
