import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { audienceForms } from '../forms/schema.ts';
import type { TLeadMagnet, TLeadMagnetUpdate } from './contracts.ts';
import { leadMagnets } from './schema.ts';
import { cleanFileName, isRefusedFile, magnetPath, servedType } from './storage.ts';

type MagnetRow = typeof leadMagnets.$inferSelect;

export const toLeadMagnet = (r: MagnetRow): TLeadMagnet => ({
  id: r.id,
  name: r.name,
  description: r.description,
  fileName: r.fileName,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  emailSubject: r.emailSubject,
  emailMessage: r.emailMessage,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export async function getMagnetRow(db: DbOrTx, workspaceId: string, id: string): Promise<MagnetRow> {
  const [row] = await db
    .select()
    .from(leadMagnets)
    .where(and(eq(leadMagnets.workspaceId, workspaceId), eq(leadMagnets.id, id)));
  if (!row) throw AppError.notFound('Lead magnet');
  return row;
}

const tooLarge = (max: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.floor(max / 1024 / 1024)} MB limit.`, [
    { field: 'file', message: 'is too large' },
  ]);

/**
 * Streams an upload to a temporary file beside its final place (hashing and counting as it goes), then renames it
 * into place: a failed or refused upload never leaves a half file where a download could find it.
 */
async function storeFile(opts: {
  dataDir: string;
  workspaceId: string;
  id: string;
  fileName: string;
  stream: Readable;
  truncated?: () => boolean;
  maxBytes: number;
}): Promise<{ size: number; sha256: string }> {
  if (isRefusedFile(opts.fileName)) {
    opts.stream.resume();
    throw AppError.validation([
      { field: 'file', message: 'programs, scripts and web pages cannot be offered as a download' },
    ]);
  }
  const final = magnetPath(opts.dataDir, opts.workspaceId, opts.id);
  const temp = `${final}.${crypto.randomBytes(6).toString('hex')}.part`;
  await fs.promises.mkdir(path.dirname(final), { recursive: true });
  const hash = crypto.createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > opts.maxBytes) return cb(tooLarge(opts.maxBytes));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(opts.stream, counter, fs.createWriteStream(temp, { flags: 'wx' }));
    if (opts.truncated?.()) throw tooLarge(opts.maxBytes);
    if (size === 0) throw AppError.validation([{ field: 'file', message: 'is empty' }]);
    await fs.promises.rename(temp, final);
    return { size, sha256: hash.digest('hex') };
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
}

export async function uploadLeadMagnet(opts: {
  db: Db;
  dataDir: string;
  workspaceId: string;
  name?: string | undefined;
  description?: string | undefined;
  fileName: string;
  stream: Readable;
  truncated?: () => boolean;
  maxBytes: number;
}): Promise<TLeadMagnet> {
  const id = newId();
  const fileName = cleanFileName(opts.fileName);
  const stored = await storeFile({ ...opts, id, fileName });
  try {
    const [row] = await opts.db
      .insert(leadMagnets)
      .values({
        workspaceId: opts.workspaceId,
        id,
        name: opts.name || fileName.replace(/\.[A-Za-z0-9]{1,10}$/, ''),
        description: opts.description || null,
        fileName,
        contentType: servedType(fileName),
        sizeBytes: stored.size,
        sha256: stored.sha256,
      })
      .returning();
    return toLeadMagnet(row!);
  } catch (e) {
    await fs.promises.rm(magnetPath(opts.dataDir, opts.workspaceId, id), { force: true });
    throw e;
  }
}

/** Replaces the file of a magnet; links already sent now download the new file (which is what people want). */
export async function replaceLeadMagnetFile(opts: {
  db: Db;
  dataDir: string;
  workspaceId: string;
  id: string;
  fileName: string;
  stream: Readable;
  truncated?: () => boolean;
  maxBytes: number;
}): Promise<TLeadMagnet> {
  try {
    await getMagnetRow(opts.db, opts.workspaceId, opts.id);
  } catch (e) {
    opts.stream.resume();
    throw e;
  }
  const fileName = cleanFileName(opts.fileName);
  const stored = await storeFile({ ...opts, fileName });
  const [row] = await opts.db
    .update(leadMagnets)
    .set({
      fileName,
      contentType: servedType(fileName),
      sizeBytes: stored.size,
      sha256: stored.sha256,
      updatedAt: new Date(),
    })
    .where(and(eq(leadMagnets.workspaceId, opts.workspaceId), eq(leadMagnets.id, opts.id)))
    .returning();
  return toLeadMagnet(row!);
}

export async function listLeadMagnets({
  db,
  workspaceId,
  limit,
  cursor,
}: {
  db: DbOrTx;
  workspaceId: string;
  limit: number;
  cursor?: string | undefined;
}) {
  const after = decodeCursor(cursor, 2) as [string, string] | undefined;
  const conds = [eq(leadMagnets.workspaceId, workspaceId)];
  if (after) {
    const at = new Date(after[0]);
    conds.push(or(lt(leadMagnets.createdAt, at), and(eq(leadMagnets.createdAt, at), lt(leadMagnets.id, after[1])))!);
  }
  const rows = await db
    .select()
    .from(leadMagnets)
    .where(and(...conds))
    .orderBy(desc(leadMagnets.createdAt), desc(leadMagnets.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data: data.map(toLeadMagnet),
    nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function updateLeadMagnet({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TLeadMagnetUpdate;
}): Promise<TLeadMagnet> {
  await getMagnetRow(db, workspaceId, id);
  const set: Partial<MagnetRow> = { updatedAt: new Date() };
  if (input.name !== undefined) set.name = input.name;
  if (input.description !== undefined) set.description = input.description ?? null;
  if (input.emailSubject !== undefined) set.emailSubject = input.emailSubject ?? null;
  if (input.emailMessage !== undefined) set.emailMessage = input.emailMessage ?? null;
  const [row] = await db
    .update(leadMagnets)
    .set(set)
    .where(and(eq(leadMagnets.workspaceId, workspaceId), eq(leadMagnets.id, id)))
    .returning();
  return toLeadMagnet(row!);
}

/** Deletes the magnet and its file; forms that offered it stop offering it. Links already sent then answer 404. */
export async function deleteLeadMagnet({
  db,
  dataDir,
  workspaceId,
  id,
}: {
  db: Db;
  dataDir: string;
  workspaceId: string;
  id: string;
}) {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(leadMagnets)
      .where(and(eq(leadMagnets.workspaceId, workspaceId), eq(leadMagnets.id, id)))
      .returning({ id: leadMagnets.id });
    if (!gone.length) throw AppError.notFound('Lead magnet');
    await tx
      .update(audienceForms)
      .set({ leadMagnetId: null, updatedAt: new Date() })
      .where(and(eq(audienceForms.workspaceId, workspaceId), eq(audienceForms.leadMagnetId, id)));
  });
  await fs.promises.rm(magnetPath(dataDir, workspaceId, id), { force: true });
}
