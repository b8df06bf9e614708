import fs from 'node:fs/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { listCustomFields } from '../fields/custom-fields.ts';
import { listLifecycleStages } from '../fields/lifecycle-stages.ts';
import { imports, type SourceTouch } from '../schema.ts';
import { applyCompanyBatch } from './apply-company-batch.ts';
import { applyContactBatch, type BatchContext } from './apply-contact-batch.ts';
import { compilePlan, type Prepared, prepareRow } from './prepare-row.ts';
import type { CompanyRef } from './resolve-companies.ts';
import { openRowSource } from './rows.ts';
import type { ImportEncoding } from './sniff.ts';

export const DEFAULT_BATCH_SIZE = 5000;

export type ImportProgress = {
  rowsDone: number;
  bytesDone: number;
  sizeBytes: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
};

export type ImportOutcome = ImportProgress & {
  status: string;
  error: string | null;
};

export type RunImportOptions = {
  db: Db;
  workspaceId: string;
  importId: string;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Test seams: throwing from `beforeCommit` simulates a crash mid-batch, from `afterCommit` one between batches. */
  hooks?: {
    beforeCommit?: (batchNo: number) => void | Promise<void>;
    afterCommit?: (batchNo: number) => void | Promise<void>;
  };
};

type BatchOutcome = 'ok' | 'cancelled' | 'superseded';

/**
 * Runs (or resumes) an import. Each batch's rows and the `rows_done` checkpoint commit in one transaction, so a run
 * that dies anywhere leaves the import exactly at a batch boundary, and the next run skips exactly `rows_done` rows:
 * no row is written twice. The checkpoint row is locked per batch, so a second runner of the same import (a retry
 * racing a slow worker) notices the count moved and backs off instead of writing duplicates.
 */
export async function runImport(opts: RunImportOptions): Promise<ImportOutcome> {
  const { db, workspaceId, importId } = opts;
  const where = and(eq(imports.workspaceId, workspaceId), eq(imports.id, importId));
  const [claimed] = await db
    .update(imports)
    .set({ status: 'running', error: null, finishedAt: null })
    .where(and(where, inArray(imports.status, ['queued', 'running', 'failed'])))
    .returning();
  if (!claimed) {
    const [imp] = await db.select().from(imports).where(where);
    if (!imp) throw AppError.notFound('Import');
    if (imp.status === 'uploaded') throw new AppError('CONFLICT', 'This import has not been started.');
    // Cancelled while no runner was alive (a crashed worker): nobody else will remove the file.
    if (imp.status === 'cancelled') await fs.rm(imp.storedPath, { force: true });
    return outcome(imp);
  }
  if (!claimed.startedAt) await db.update(imports).set({ startedAt: new Date() }).where(where);
  try {
    const stop = await processFile(opts, claimed);
    if (stop === 'ok') {
      await db
        .update(imports)
        .set({
          status: 'done',
          rowsTotal: sql`${imports.rowsDone}`,
          bytesDone: claimed.sizeBytes,
          finishedAt: new Date(),
        })
        .where(and(where, eq(imports.status, 'running')));
    }
    if (stop !== 'superseded') await fs.rm(claimed.storedPath, { force: true });
  } catch (err) {
    const message =
      err instanceof AppError ? err.message : `Import stopped: ${err instanceof Error ? err.message : String(err)}`;
    await db
      .update(imports)
      .set({ status: 'failed', error: message, finishedAt: new Date() })
      .where(and(where, eq(imports.status, 'running')));
    // A problem with the file fails for good; anything else (database gone, process killed) may succeed on retry.
    if (!(err instanceof AppError)) throw err;
  }
  const [imp] = await db.select().from(imports).where(where);
  return outcome(imp!);
}

function outcome(imp: typeof imports.$inferSelect): ImportOutcome {
  return {
    status: imp.status,
    error: imp.error,
    rowsDone: imp.rowsDone,
    bytesDone: imp.bytesDone,
    sizeBytes: imp.sizeBytes,
    created: imp.created,
    updated: imp.updated,
    skipped: imp.skipped,
    rejected: imp.rejected,
  };
}

async function processFile(opts: RunImportOptions, imp: typeof imports.$inferSelect): Promise<BatchOutcome> {
  const { db, workspaceId } = opts;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  try {
    await fs.access(imp.storedPath);
  } catch {
    throw new AppError('NOT_FOUND', 'The uploaded file is no longer on the server; upload it again.');
  }
  const [customDefs, stages] = await Promise.all([
    listCustomFields({ db, workspaceId, entity: imp.entity }),
    imp.entity === 'contact' ? listLifecycleStages({ db, workspaceId }) : Promise.resolve([]),
  ]);
  const src = await openRowSource({
    path: imp.storedPath,
    format: imp.format,
    encoding: imp.encoding as ImportEncoding | null,
    delimiter: imp.delimiter,
  });
  if (src.headers.join('\u0000') !== imp.headers.join('\u0000')) {
    src.close();
    throw new AppError('CONFLICT', 'The stored file does not match the headers read at upload.');
  }
  const plan = compilePlan({
    entity: imp.entity,
    headers: src.headers,
    mapping: imp.mapping ?? {},
    customDefs,
    stages,
    importTags: imp.tags,
  });
  const source: SourceTouch = imp.source ?? {
    channel: 'import',
    name: imp.filename,
    at: (imp.startedAt ?? new Date()).toISOString(),
  };
  const totals: ImportProgress = { ...outcome(imp) };
  const companyCache = new Map<string, CompanyRef>();
  const cleanGinPendingLists = imp.entity === 'contact' && (await canCleanGinPendingLists(db));
  let dispatched = imp.rowsDone;
  let batchNo = 0;

  const commit = async (items: Prepared[], bytes: number): Promise<BatchOutcome> => {
    const startAt = dispatched;
    dispatched += items.length;
    const no = ++batchNo;
    const client = await db.$client.connect();
    let broken = false;
    try {
      await client.query('begin');
      // Safe to relax here: the checkpoint commits with the rows, so a commit lost in a crash loses both and the
      // resumed run redoes the batch; the final synchronous 'done' flushes every earlier commit.
      await client.query('set local synchronous_commit = off');
      const st = await client.query<{ status: string; rows_done: number }>(
        'select status, rows_done from imports where workspace_id = $1 and id = $2 for update',
        [workspaceId, imp.id],
      );
      const cur = st.rows[0];
      if (cur?.status !== 'running') {
        await client.query('rollback');
        return 'cancelled';
      }
      if (cur.rows_done !== startAt) {
        await client.query('rollback');
        return 'superseded';
      }
      // One import writes to a workspace's contacts at a time, so two files cannot both create the same person.
      await client.query(`select pg_advisory_xact_lock(hashtextextended('crm.import:' || $1, 0))`, [workspaceId]);
      const ctx: BatchContext = {
        client,
        workspaceId,
        importId: imp.id,
        filename: imp.filename,
        dedupe: imp.dedupe,
        source,
        actorId: imp.createdBy,
        cleanGinPendingLists,
        companyCache,
        companyStaged: new Map(),
      };
      const ok = items.flatMap((p) => (p.kind === 'ok' ? [p.row] : []));
      const rejects = items.flatMap((p) => (p.kind === 'reject' ? [p] : []));
      const blank = items.length - ok.length - rejects.length;
      const res = imp.entity === 'contact' ? await applyContactBatch(ctx, ok) : await applyCompanyBatch(ctx, ok);
      if (rejects.length)
        await client.query(
          `insert into import_rejects (workspace_id, import_id, row_number, raw, reason)
           select $1, $2, r.row_number, r.raw, r.reason
             from json_to_recordset($3::json) as r(row_number int, raw jsonb, reason text)
           on conflict do nothing`,
          [
            workspaceId,
            imp.id,
            JSON.stringify(rejects.map((r) => ({ row_number: r.rowNumber, raw: r.raw, reason: r.reason }))),
          ],
        );
      await opts.hooks?.beforeCommit?.(no);
      const bytesDone = Math.min(bytes, imp.sizeBytes);
      await client.query(
        `update imports set rows_done = $3, bytes_done = $4, created = created + $5, updated = updated + $6,
           skipped = skipped + $7, rejected = rejected + $8
         where workspace_id = $1 and id = $2`,
        [workspaceId, imp.id, dispatched, bytesDone, res.created, res.updated, res.skipped + blank, rejects.length],
      );
      await client.query('commit');
      // Bounded: a file of a million distinct companies must not grow the cache without end.
      if (companyCache.size > 100_000) companyCache.clear();
      for (const [name, ref] of ctx.companyStaged) companyCache.set(name, ref);
      totals.rowsDone = dispatched;
      totals.bytesDone = bytesDone;
      totals.created += res.created;
      totals.updated += res.updated;
      totals.skipped += res.skipped + blank;
      totals.rejected += rejects.length;
    } catch (err) {
      broken = true;
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      // A client that failed mid-transaction may be in any state: drop it rather than return it to the pool.
      client.release(broken);
    }
    await opts.hooks?.afterCommit?.(no);
    opts.onProgress?.({ ...totals });
    return 'ok';
  };

  let skip = imp.rowsDone;
  let batch: Prepared[] = [];
  // The next batch is read and normalised while the previous one is written: CPU here, the database's CPU there.
  let inFlight: Promise<BatchOutcome> | null = null;
  try {
    for await (const rec of src.records) {
      if (skip > 0) {
        skip--;
        continue;
      }
      batch.push(prepareRow(plan, rec));
      if (batch.length >= batchSize) {
        if (inFlight && (await inFlight) !== 'ok') return await inFlight;
        inFlight = commit(batch, src.bytesRead());
        inFlight.catch(() => undefined);
        batch = [];
      }
    }
    if (inFlight && (await inFlight) !== 'ok') return await inFlight;
    inFlight = null;
    return batch.length ? await commit(batch, imp.sizeBytes) : 'ok';
  } finally {
    // Settle a write still in flight before the error (if any) propagates, so no transaction outlives the run.
    await inFlight?.catch(() => undefined);
    src.close();
  }
}

/** `gin_clean_pending_list` needs the role to own the index; probed once, so a batch never fails on it. */
async function canCleanGinPendingLists(db: Db): Promise<boolean> {
  try {
    await db.$client.query(
      `select gin_clean_pending_list('contacts_emails'::regclass), gin_clean_pending_list('contacts_phones'::regclass)`,
    );
    return true;
  } catch {
    return false;
  }
}
