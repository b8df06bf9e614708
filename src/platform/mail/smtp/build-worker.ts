// Runs inside a worker thread: builds and signs messages sent by build-pool.ts, hands the bytes back without a copy.
import { parentPort, workerData } from 'node:worker_threads';
import type { DkimKey, OutgoingMessage } from '../types.ts';
import type { BodyEncoding } from './mime.ts';
import { createPreparer } from './prepare.ts';

const prepare = createPreparer(workerData as { dkim: DkimKey | null; encoding: BodyEncoding });
const port = parentPort!;

port.on('message', (req: { id: number; message: OutgoingMessage }) => {
  try {
    const raw = prepare(req.message);
    const whole = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength;
    const bytes = whole ? raw : Buffer.from(raw);
    port.postMessage({ id: req.id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    port.postMessage({ id: req.id, error: (e as Error).message });
  }
});
port.postMessage({ ready: true });
