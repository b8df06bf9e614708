// Building and signing a message (MIME encoding, body hash, RSA signature) costs about as much CPU as rendering it.
// A campaign renders on the main thread; with this pool the bytes are made on other cores meanwhile.
import { Worker } from 'node:worker_threads';
import type { DkimKey, OutgoingMessage } from '../types.ts';
import type { BodyEncoding } from './mime.ts';

type Pending = { resolve: (b: Buffer) => void; reject: (e: Error) => void };

export class BuildPool {
  private workers: { worker: Worker; busy: number }[] = [];
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private ready: Promise<unknown>;

  constructor(size: number, init: { dkim: DkimKey | null; encoding: BodyEncoding }) {
    const starts: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./build-worker.mjs', import.meta.url), { workerData: init });
      const slot = { worker, busy: 0 };
      starts.push(
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.on('message', (m: { ready?: true; id?: number; bytes?: Uint8Array; error?: string }) => {
            if (m.ready) return resolve();
            const p = this.pending.get(m.id!);
            if (!p) return;
            this.pending.delete(m.id!);
            slot.busy--;
            if (m.error !== undefined) p.reject(new Error(m.error));
            else p.resolve(Buffer.from(m.bytes!.buffer, m.bytes!.byteOffset, m.bytes!.byteLength));
          });
        }),
      );
      worker.on('error', (e) => this.failAll(e));
      worker.unref();
      this.workers.push(slot);
    }
    this.ready = Promise.all(starts);
    this.ready.catch(() => {});
  }

  /** The message's DATA bytes (dot-stuffed, terminated), made by the least busy worker. */
  async build(message: OutgoingMessage): Promise<Buffer> {
    await this.ready;
    let slot = this.workers[0]!;
    for (const w of this.workers) if (w.busy < slot.busy) slot = w;
    slot.busy++;
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, message });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.failAll(new Error('build pool closed'));
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
