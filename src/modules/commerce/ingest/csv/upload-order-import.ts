import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { newId } from '../../../../platform/ids.ts';
import { commerceOrderImports, type OrderImportFormat } from '../schema.ts';
import { resolveLayout } from './layouts.ts';
import { toOrderImportView } from './order-import-view.ts';
import { type ImportEncoding, inspectCsv } from './read.ts';

export const orderImportPath = (dataDir: string, workspaceId: string, id: string) =>
  path.join(dataDir, 'order-imports', workspaceId, id);

const tooLarge = (max: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.floor(max / 1024 / 1024)} MB upload limit.`, [
    { field: 'file', message: 'is too large' },
  ]);

/**
 * Stores an orders CSV under the data folder as it streams in, detects its encoding, delimiter and layout (or checks
 * the layout asked for has its columns), and records the import as `uploaded` with a preview. Nothing is imported
 * until it is started. A refused file is removed before the error leaves.
 */
export async function uploadOrderImport(opts: {
  db: Db;
  dataDir: string;
  workspaceId: string;
  userId: string | null;
  filename: string;
  stream: Readable;
  truncated?: () => boolean;
  maxBytes?: number;
  format?: OrderImportFormat | undefined;
  encoding?: ImportEncoding | undefined;
  delimiter?: string | undefined;
}) {
  const id = newId();
  const stored = orderImportPath(opts.dataDir, opts.workspaceId, id);
  await fs.promises.mkdir(path.dirname(stored), { recursive: true });
  const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > max) cb(tooLarge(max));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(opts.stream, counter, fs.createWriteStream(stored, { flags: 'wx' }));
    if (opts.truncated?.()) throw tooLarge(max);
    const filename = path.basename(opts.filename.replaceAll('\\', '/')).slice(0, 255) || 'orders.csv';
    const found = await inspectCsv(stored, filename, { encoding: opts.encoding, delimiter: opts.delimiter });
    const format = resolveLayout(found.headers, opts.format);
    const [row] = await opts.db
      .insert(commerceOrderImports)
      .values({
        workspaceId: opts.workspaceId,
        id,
        filename,
        storedPath: stored,
        format,
        encoding: found.spec.encoding,
        delimiter: found.spec.delimiter,
        sizeBytes: size,
        headers: found.headers,
        preview: found.preview,
        createdBy: opts.userId,
      })
      .returning();
    return toOrderImportView(row!);
  } catch (err) {
    await fs.promises.rm(stored, { force: true });
    throw err;
  }
}
