import fs from 'node:fs/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TPickupImport } from './contracts.ts';
import { workspaceCurrency } from './create-pickup-point.ts';
import { importPointRows } from './import-points.ts';
import { importPostcodeRows, mergePostcodes } from './import-postcodes.ts';
import { toImportView } from './import-view.ts';
import { pickupImports, type RowError } from './schema.ts';

export const DEFAULT_BATCH_SIZE = 500;
/** Row errors kept on the import (the count keeps going): enough to fix a file, bounded for a broken one. */
export const MAX_STORED_ERRORS = 1000;

type ImportRow = typeof pickupImports.$inferSelect;

export type BatchResult = { rows: number; created: number; updated: number; skipped: number; errors: RowError[] };

/** What the readers need from the runner: a checkpointed, all-or-nothing write of one batch. */
export type BatchCommitter = (bytesDone: number, write: (tx: Tx) => Promise<BatchResult>) => Promise<'ok' | 'stopped'>;

export type RunPickupImportOptions = {
  db: Db;
  workspaceId: string;
  importId: string;
  batchSize?: number;
  onProgress?: (p: TPickupImport) => void;
  /** Test seam: throwing after a batch commits simulates a crash between batches. */
  afterCommit?: (batchNo: number) => void | Promise<void>;
};

/**
 * Runs (or resumes) an import. Each batch's rows and the `rows_done` checkpoint commit in one transaction, so a run
 * that dies anywhere leaves the import at a batch boundary and the next run skips exactly the rows already written.
 * The import row is locked per batch: a second runner (a retry racing a slow worker) sees the checkpoint moved and
 * stops instead of writing twice. Every row is either written whole or rejected with its row and column named.
 */
export async function runPickupImport(opts: RunPickupImportOptions): Promise<TPickupImport> {
  const { db, workspaceId, importId } = opts;
  const where = and(eq(pickupImports.workspaceId, workspaceId), eq(pickupImports.id, importId));
  const [claimed] = await db
    .update(pickupImports)
    .set({ status: 'running', error: null, finishedAt: null, startedAt: sql`coalesce(started_at, now())` })
    .where(and(where, inArray(pickupImports.status, ['queued', 'running', 'failed'])))
    .returning();
  if (!claimed) {
    const [imp] = await db.select().from(pickupImports).where(where);
    if (!imp) throw AppError.notFound('Import');
    return toImportView(imp);
  }
  try {
    const finished = await processFile(opts, claimed);
    if (finished) await fs.rm(claimed.storedPath, { force: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db
      .update(pickupImports)
      .set({ status: 'failed', error: message, finishedAt: new Date() })
      .where(and(where, eq(pickupImports.status, 'running')));
    // A problem with the file fails for good; anything else (database gone, process killed) may succeed on retry.
    if (!(err instanceof AppError)) throw err;
  }
  const [imp] = await db.select().from(pickupImports).where(where);
  return toImportView(imp!);
}

async function processFile(opts: RunPickupImportOptions, imp: ImportRow): Promise<boolean> {
  const { db, workspaceId } = opts;
  try {
    await fs.access(imp.storedPath);
  } catch {
    throw new AppError('NOT_FOUND', 'The uploaded file is no longer on the server; upload it again.');
  }
  let dispatched = imp.rowsDone;
  let storedErrors = imp.errors.length;
  let batchNo = 0;
  const where = sql`workspace_id = ${workspaceId} and id = ${imp.id}`;

  const commit: BatchCommitter = async (bytesDone, write) => {
    const startAt = dispatched;
    const outcome = await db.transaction(async (tx) => {
      const st = await tx.execute<{ status: string; rows_done: number }>(
        sql`select status, rows_done from pickup_imports where ${where} for update`,
      );
      const cur = st.rows[0];
      if (cur?.status !== 'running' || cur.rows_done !== startAt) return null;
      const res = await write(tx);
      const keep = res.errors.slice(0, Math.max(0, MAX_STORED_ERRORS - storedErrors));
      await tx.execute(sql`
        update pickup_imports set rows_done = rows_done + ${res.rows}, bytes_done = ${Math.min(bytesDone, imp.sizeBytes)},
          created = created + ${res.created}, updated = updated + ${res.updated}, skipped = skipped + ${res.skipped},
          rejected = rejected + ${new Set(res.errors.map((e) => e.row)).size}, errors = errors || ${JSON.stringify(keep)}::jsonb
        where ${where}`);
      return { res, kept: keep.length };
    });
    if (!outcome) return 'stopped';
    dispatched += outcome.res.rows;
    storedErrors += outcome.kept;
    await opts.afterCommit?.(++batchNo);
    if (opts.onProgress) {
      const [row] = await db.select().from(pickupImports).where(eq(pickupImports.id, imp.id));
      if (row) opts.onProgress(toImportView(row));
    }
    return 'ok';
  };

  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (imp.kind === 'points') {
    const currency = await workspaceCurrency(db, workspaceId);
    const r = await importPointRows({ imp, batchSize, currency, commit });
    if (r === 'stopped') return false;
    await db
      .update(pickupImports)
      .set({ status: 'done', bytesDone: imp.sizeBytes, finishedAt: new Date() })
      .where(
        and(
          eq(pickupImports.workspaceId, workspaceId),
          eq(pickupImports.id, imp.id),
          eq(pickupImports.status, 'running'),
        ),
      );
    return true;
  }
  const r = await importPostcodeRows({ imp, batchSize, commit });
  if (r === 'stopped') return false;
  return mergePostcodes(db, imp);
}
