// The part of a DKIM-signed send that no sender can skip: one RSA signature per message (each message's headers and
// body hash differ). How fast a machine makes them varies far more between CPUs than the rest of the work does (on the
// 2-core machines of this workplace: 0.3 ms to 1.2 ms for one 2048-bit signature), so the campaign bench measures it
// in the same run and states the rate that signing plus the sink's own share would allow if nothing else cost anything.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

// CommonJS because an eval'd worker is not a module; it signs a DKIM-sized header block until told the time is up.
const SIGNER = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const key = crypto.createPrivateKey(workerData.pem);
const data = Buffer.alloc(700, 97);
crypto.sign('sha256', data, key);
parentPort.postMessage('ready');
parentPort.once('message', (until) => {
  let n = 0;
  while (Date.now() < until) {
    crypto.sign('sha256', data, key);
    n++;
  }
  parentPort.postMessage(n);
});
`;

/** RSA signatures per second with `threads` threads signing at once (one per core: the whole machine's rate). */
export async function signaturesPerSecond(privateKeyPem: string, threads: number, ms = 2000): Promise<number> {
  const workers = Array.from(
    { length: threads },
    () => new Worker(SIGNER, { eval: true, workerData: { pem: privateKeyPem } }),
  );
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    const t0 = performance.now();
    const until = Date.now() + ms;
    const counts = await Promise.all(
      workers.map(
        (w) =>
          new Promise<number>((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
            w.postMessage(until);
          }),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    return counts.reduce((a, b) => a + b, 0) / seconds;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

let ticksPerSecond: number | null = null;
/** /proc counts CPU time in clock ticks. */
const msPerTick = () => {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'latin1' }).trim()) || 100;
  return 1000 / ticksPerSecond;
};

/** CPU time (user + system) a process has used so far, in ms; null where /proc is not there to read. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name (which may hold spaces, inside parens).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * msPerTick();
  } catch {
    return null;
  }
}

/** CPU time all cores have been busy since boot, in ms (/proc/stat; null elsewhere): what a whole run cost the machine. */
export function machineBusyMs(): number | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'latin1').split('\n')[0]!;
    // cpu user nice system idle iowait irq softirq steal …: busy is user, nice, system, irq and softirq. Not steal:
    // that is the hypervisor running someone else, not work this machine did.
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq) * msPerTick();
  } catch {
    return null;
  }
}

/**
 * The most messages a second a DKIM-signing sender could reach on this machine with all `cores` busy, if each message
 * cost it one signature (`cores / signsPerSecond` core-seconds) on top of `otherCpuMsPerMsg` and nothing else.
 */
export function signingCeiling(cores: number, signsPerSecond: number, otherCpuMsPerMsg: number): number {
  return cores / (cores / signsPerSecond + otherCpuMsPerMsg / 1000);
}
