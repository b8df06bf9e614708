import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import type { TPickupImport } from './contracts.ts';
import { toImportView } from './import-view.ts';
import { pickupImportJob } from './jobs.ts';
import { type PickupImportKind, pickupImports } from './schema.ts';

export type PostcodeFormat = 'csv' | 'geonames';

/**
 * Stores an uploaded file under the data folder as it streams in, records the import and queues its job in the same
 * transaction (the job exists only if the import does). `enqueue: false` for the CLI, which runs it in-process.
 */
export async function uploadPickupImport(opts: {
  db: Db;
  dataDir: string;
  workspaceId: string;
  userId: string | null;
  kind: PickupImportKind;
  format?: PostcodeFormat | undefined;
  country?: string | undefined;
  filename: string;
  stream: Readable;
  truncated?: () => boolean;
  maxBytes?: number;
  enqueue?: boolean;
}): Promise<TPickupImport> {
  const id = newId();
  const storedPath = path.join(opts.dataDir, 'imports', opts.workspaceId, `pickup-${id}`);
  await fs.promises.mkdir(path.dirname(storedPath), { recursive: true });
  const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.floor(max / 1024 / 1024)} MB upload limit.`, [
      { field: 'file', message: 'is too large' },
    ]);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > max) cb(tooLarge());
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(opts.stream, counter, fs.createWriteStream(storedPath, { flags: 'wx' }));
    if (opts.truncated?.()) throw tooLarge();
    if (size === 0) throw AppError.validation([{ field: 'file', message: 'is empty' }]);
    const format = opts.kind === 'points' ? 'csv' : (opts.format ?? guessPostcodeFormat(opts.filename));
    return await opts.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(pickupImports)
        .values({
          workspaceId: opts.workspaceId,
          id,
          kind: opts.kind,
          filename: path.basename(opts.filename.replaceAll('\\', '/')).slice(0, 255) || 'upload.csv',
          storedPath,
          sizeBytes: size,
          format,
          country: opts.country ?? null,
          status: 'queued',
          createdBy: opts.userId,
        })
        .returning();
      if (opts.enqueue !== false)
        await addJob(
          tx,
          pickupImportJob,
          { workspaceId: opts.workspaceId, importId: id },
          { jobKey: `pickup-import:${id}` },
        );
      return toImportView(row!);
    });
  } catch (err) {
    await fs.promises.rm(storedPath, { force: true });
    throw err;
  }
}

/** GeoNames dumps are `.txt` files (DE.txt, allCountries.txt); anything else is read as a CSV with a header. */
const guessPostcodeFormat = (filename: string): PostcodeFormat => (/\.txt$/i.test(filename) ? 'geonames' : 'csv');

export async function getPickupImport(db: DbOrTx, workspaceId: string, id: string): Promise<TPickupImport> {
  const [r] = await db
    .select()
    .from(pickupImports)
    .where(and(eq(pickupImports.workspaceId, workspaceId), eq(pickupImports.id, id)));
  if (!r) throw AppError.notFound('Import');
  return toImportView(r);
}

/** Newest first; the cursor is the last row's (createdAt, id). */
export async function listPickupImports(
  db: DbOrTx,
  workspaceId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ data: TPickupImport[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, 2);
  const where = and(
    eq(pickupImports.workspaceId, workspaceId),
    after
      ? or(
          lt(pickupImports.createdAt, new Date(String(after[0]))),
          and(eq(pickupImports.createdAt, new Date(String(after[0]))), lt(pickupImports.id, String(after[1]))),
        )
      : undefined,
  );
  const rows = await db
    .select()
    .from(pickupImports)
    .where(where)
    .orderBy(desc(pickupImports.createdAt), desc(pickupImports.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(toImportView),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
