// The benchmarked server in its own process (bench/lib/api-server.ts), driven over IPC: its port, its peak RSS, stop.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ParentMessage, Pauses, ServerMessage } from './api-server.ts';
import { BENCH_DIR, onCleanup, SERVER_NODE_FLAGS } from './common.ts';

export type Server = {
  port: number;
  peakRssMB: () => Promise<number>;
  /** What held the event loop up since the last call (the first call starts watching). */
  pauses: () => Promise<Pauses>;
  stop: () => Promise<void>;
};

export async function startServer(
  mode: 'freehold' | 'bare',
  databaseUrl?: string,
  opts: { stopTimeoutMs?: number } = {},
): Promise<Server> {
  const child: ChildProcess = fork(path.join(BENCH_DIR, 'lib', 'api-server.ts'), [], {
    execArgv: [
      ...SERVER_NODE_FLAGS,
      '--import',
      'tsx',
      ...(process.env.BENCH_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`] : []),
      // Extra V8/Node flags for experiments, e.g. BENCH_SERVER_NODE_ARGS="--max-semi-space-size=32".
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    env: { ...process.env, BENCH_SERVER_MODE: mode, BENCH_DATABASE_URL_CHILD: databaseUrl ?? '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waitFor = <T>(pick: (m: ServerMessage) => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: ServerMessage) => {
        if ('error' in m) {
          cleanup();
          reject(new Error(`${mode} server: ${m.error}`));
          return;
        }
        const v = pick(m);
        if (v !== undefined) {
          cleanup();
          resolve(v);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${mode} server exited with ${code}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const tell = (m: ParentMessage) => child.send(m);
  let stopped = false;
  const stop = async () => {
    if (stopped || child.exitCode !== null) return;
    stopped = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    tell({ cmd: 'stop' });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.stopTimeoutMs ?? 10_000);
    await exited;
    clearTimeout(timer);
  };
  onCleanup(stop);
  const port = await waitFor((m) => ('port' in m ? m.port : undefined));
  return {
    port,
    stop,
    peakRssMB: () => {
      const p = waitFor((m) => ('peakRssMB' in m ? m.peakRssMB : undefined));
      tell({ cmd: 'peak' });
      return p;
    },
    pauses: () => {
      const p = waitFor((m) => ('pauses' in m ? m.pauses : undefined));
      tell({ cmd: 'pauses' });
      return p;
    },
  };
}
