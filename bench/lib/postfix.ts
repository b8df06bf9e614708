// Postfix's test tools as the campaign bench's yardstick: `smtp-sink` (an SMTP server that accepts and discards) and
// `smtp-source` (a C client that pushes N messages of a given size at it). Neither needs the Postfix mail system to
// run; the sink listens on a free loopback port, never on 25.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { machineBusyMs, processCpuMs } from './signing.ts';

export const SMTP_SINK = '/usr/sbin/smtp-sink';
export const SMTP_SOURCE = '/usr/sbin/smtp-source';

/** Exits with the install command when the tools are missing. */
export function requirePostfixTools(): void {
  const missing = [SMTP_SINK, SMTP_SOURCE].filter((f) => !fs.existsSync(f));
  if (!missing.length) return;
  process.stderr.write(
    `Missing ${missing.join(' and ')} (Debian/Ubuntu package "postfix"). Install it with:\n\n` +
      '  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y postfix\n\n' +
      'The bench only uses the test tools; if the package started the mail system, stop it: sudo postfix stop\n',
  );
  process.exit(2);
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export type Sink = {
  port: number;
  /** Messages the sink has accepted so far (its `-c` counter). */
  delivered: () => number;
  /** CPU time the sink has used so far, in ms (null where /proc cannot be read). */
  cpuMs: () => number | null;
  stop: () => Promise<void>;
};

/** smtp-sink on 127.0.0.1:<free port>, counting accepted messages. */
export async function startSink(): Promise<Sink> {
  const port = await freePort();
  // As root, smtp-sink wants an unprivileged user to drop to.
  const args = [...(process.getuid?.() === 0 ? ['-u', 'nobody'] : []), '-c', `127.0.0.1:${port}`, '1024'];
  const child: ChildProcess = spawn(SMTP_SINK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let delivered = 0;
  let tail = '';
  child.stdout!.on('data', (d: Buffer) => {
    tail = (tail + d.toString('latin1')).slice(-200);
    const last = [...tail.matchAll(/mesg=(\d+)\r/g)].at(-1);
    if (last) delivered = Number(last[1]);
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  // Ready when it accepts a connection.
  const until = Date.now() + 5000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`smtp-sink exited: ${stderr.trim()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error('smtp-sink did not start listening');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    delivered: () => delivered,
    cpuMs: () => processCpuMs(child.pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** smtp-source pushing `count` messages of `size` body bytes over `sessions` parallel sessions; wall-clock timed. */
export async function runSmtpSource(o: { port: number; count: number; size: number; sessions: number }) {
  const args = [
    '-s',
    String(o.sessions),
    '-m',
    String(o.count),
    '-l',
    String(o.size),
    '-f',
    'floor@bench.example',
    '-t',
    'sink@bench.example',
    `127.0.0.1:${o.port}`,
  ];
  const t0 = performance.now();
  const busy0 = machineBusyMs();
  const child = spawn(SMTP_SOURCE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const seconds = (performance.now() - t0) / 1000;
  const busy1 = machineBusyMs();
  if (code !== 0) throw new Error(`smtp-source exited ${code}: ${stderr.trim()}`);
  // Everything the machine did meanwhile (smtp-source, smtp-sink, the kernel between them, and whatever else ran).
  const cpuMsPerMsg = busy0 !== null && busy1 !== null ? (busy1 - busy0) / o.count : null;
  return { command: `smtp-source ${args.join(' ')}`, seconds, msgPerS: o.count / seconds, cpuMsPerMsg };
}
