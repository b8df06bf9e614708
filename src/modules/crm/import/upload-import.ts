import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { imports } from '../schema.ts';
import { type ImportView, toImportView } from './get-import.ts';
import { inspectFile } from './inspect-file.ts';
import type { ImportEntity } from './mapping.ts';
import type { ImportEncoding } from './sniff.ts';

export type UploadImportOptions = {
  db: Db;
  dataDir: string;
  workspaceId: string;
  userId: string | null;
  entity: ImportEntity;
  filename: string;
  stream: Readable;
  /** The multipart parser's verdict once the stream ended: it stops at the size limit and says so here. */
  truncated?: () => boolean;
  maxBytes?: number;
  encoding?: ImportEncoding | undefined;
  delimiter?: string | undefined;
};

const tooLarge = (max: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.floor(max / 1024 / 1024)} MB upload limit.`, [
    { field: 'file', message: 'is too large' },
  ]);

export const importFilePath = (dataDir: string, workspaceId: string, importId: string) =>
  path.join(dataDir, 'imports', workspaceId, importId);

/**
 * Stores the upload under the data folder as it streams in (never whole in memory), then inspects it and records
 * the import as `uploaded`. A file refused for any reason is removed before the error leaves.
 */
export async function uploadImport(opts: UploadImportOptions): Promise<ImportView> {
  const id = newId();
  const storedPath = importFilePath(opts.dataDir, opts.workspaceId, id);
  await fs.promises.mkdir(path.dirname(storedPath), { recursive: true });
  let size = 0;
  const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > max) cb(tooLarge(max));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(opts.stream, counter, fs.createWriteStream(storedPath, { flags: 'wx' }));
    if (opts.truncated?.()) throw tooLarge(max);
    const filename = path.basename(opts.filename.replaceAll('\\', '/')).slice(0, 255) || 'upload';
    const found = await inspectFile({
      db: opts.db,
      workspaceId: opts.workspaceId,
      entity: opts.entity,
      path: storedPath,
      filename,
      encoding: opts.encoding,
      delimiter: opts.delimiter,
    });
    const [row] = await opts.db
      .insert(imports)
      .values({
        workspaceId: opts.workspaceId,
        id,
        entity: opts.entity,
        filename,
        storedPath,
        format: found.format,
        encoding: found.encoding,
        delimiter: found.delimiter,
        sizeBytes: size,
        headers: found.headers,
        preview: found.preview,
        suggestedMapping: found.suggestedMapping,
        status: 'uploaded',
        createdBy: opts.userId,
      })
      .returning();
    return toImportView(row!);
  } catch (err) {
    await fs.promises.rm(storedPath, { force: true });
    throw err;
  }
}
