import fs from 'node:fs/promises';
import { and, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../../platform/errors.ts';
import { getWorkspaceInfo } from '../../../identity/index.ts';
import { createOrdersFromIngest } from '../orders-port.ts';
import { commerceOrderImports } from '../schema.ts';
import { LAYOUTS, type MapContext } from './layouts.ts';
import { importWhere, type OrderImportRow } from './order-import-view.ts';
import { type ImportEncoding, openCsv } from './read.ts';
import { type CsvRow, rowReader } from './rows.ts';

export const DEFAULT_BATCH_SIZE = 250;

export type OrderImportProgress = {
  rowsDone: number;
  bytesDone: number;
  sizeBytes: number;
  ordersDone: number;
  created: number;
  existing: number;
  failed: number;
  skipped: number;
};
export type OrderImportOutcome = OrderImportProgress & { status: string; error: string | null };

export type RunOrderImportOptions = {
  db: Db;
  workspaceId: string;
  importId: string;
  batchSize?: number;
  onProgress?: (p: OrderImportProgress) => void;
  /** Test seam: throwing here simulates a crash after a batch's orders were created, before its checkpoint. */
  hooks?: { beforeCheckpoint?: (batchNo: number) => void | Promise<void> };
};

/** The rows of one order, or a row that names no order; `fragment`: its order's other rows came earlier. */
type Group = { key: string | null; rows: CsvRow[]; fragment: boolean };
type Problem = {
  firstRow: number;
  rows: number[];
  orderRef: string | null;
  message: string;
  fields: FieldError[];
  kind: 'error' | 'skipped';
};

function outcome(r: OrderImportRow): OrderImportOutcome {
  return {
    status: r.status,
    error: r.error,
    rowsDone: r.rowsDone,
    bytesDone: r.bytesDone,
    sizeBytes: r.sizeBytes,
    ordersDone: r.ordersDone,
    created: r.created,
    existing: r.existing,
    failed: r.failed,
    skipped: r.skipped,
  };
}

/**
 * Runs (or resumes) an order import. Rows are grouped into orders as they stream in (an order's rows are together,
 * as every export writes them); a batch of whole orders goes to createOrders, then the checkpoint — rows done,
 * counts, and the orders that could not be taken with their row numbers — commits in one transaction under the
 * import's row lock. A run that dies anywhere resumes at the last checkpoint; orders it had created after it come
 * back from createOrders as `existing` (it is idempotent by source + external id), so nothing is created twice.
 */
export async function runOrderImport(opts: RunOrderImportOptions): Promise<OrderImportOutcome> {
  const { db, workspaceId, importId } = opts;
  const where = importWhere(workspaceId, importId);
  const [claimed] = await db
    .update(commerceOrderImports)
    .set({ status: 'running', error: null, finishedAt: null })
    .where(and(where, inArray(commerceOrderImports.status, ['queued', 'running', 'failed'])))
    .returning();
  if (!claimed) {
    const [imp] = await db.select().from(commerceOrderImports).where(where);
    if (!imp) throw AppError.notFound('Order import');
    if (imp.status === 'uploaded') throw new AppError('CONFLICT', 'This import has not been started.');
    if (imp.status === 'cancelled') await fs.rm(imp.storedPath, { force: true });
    return outcome(imp);
  }
  if (!claimed.startedAt) await db.update(commerceOrderImports).set({ startedAt: new Date() }).where(where);
  try {
    const stop = await processFile(opts, claimed);
    if (stop === 'ok')
      await db
        .update(commerceOrderImports)
        .set({
          status: 'done',
          rowsTotal: sql`${commerceOrderImports.rowsDone}`,
          bytesDone: claimed.sizeBytes,
          finishedAt: new Date(),
        })
        .where(and(where, inArray(commerceOrderImports.status, ['running'])));
    if (stop !== 'superseded') await fs.rm(claimed.storedPath, { force: true });
  } catch (err) {
    const message =
      err instanceof AppError ? err.message : `Import stopped: ${err instanceof Error ? err.message : String(err)}`;
    await db
      .update(commerceOrderImports)
      .set({ status: 'failed', error: message, finishedAt: new Date() })
      .where(and(where, inArray(commerceOrderImports.status, ['running'])));
    if (!(err instanceof AppError)) throw err;
  }
  const [imp] = await db.select().from(commerceOrderImports).where(where);
  return outcome(imp!);
}

type Stop = 'ok' | 'cancelled' | 'superseded';

async function processFile(opts: RunOrderImportOptions, imp: OrderImportRow): Promise<Stop> {
  const { db, workspaceId } = opts;
  try {
    await fs.access(imp.storedPath);
  } catch {
    throw new AppError('NOT_FOUND', 'The uploaded file is no longer on the server; upload it again.');
  }
  const ws = await getWorkspaceInfo(db, workspaceId);
  if (!ws) throw AppError.notFound('Workspace');
  const ctx: MapContext = { timeZone: ws.timezone, defaultCurrency: ws.defaultCurrency, shopDomain: imp.shopDomain };
  const layout = LAYOUTS[imp.format];
  const src = await openCsv({
    path: imp.storedPath,
    encoding: imp.encoding as ImportEncoding,
    delimiter: imp.delimiter,
  });
  if (src.headers.join('\u0000') !== imp.headers.join('\u0000')) {
    src.close();
    throw new AppError('CONFLICT', 'The stored file does not match the headers read at upload.');
  }
  const toRow = rowReader(src.headers);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const totals: OrderImportProgress = outcome(imp);
  const seen = new Set<string>();
  let rowsRead = 0;
  let batchNo = 0;
  let pending: Group[] = [];
  let current: Group | null = null;
  /** Rows read up to the end of the last whole order in `pending`. */
  let pendingEnd = imp.rowsDone;
  let committedRows = imp.rowsDone;

  const flush = async (rowsEnd: number, bytes: number): Promise<Stop> => {
    const groups = pending;
    pending = [];
    const no = ++batchNo;
    const problems: Problem[] = [];
    const inputs: { group: Group; input: Parameters<typeof createOrdersFromIngest>[2][number] }[] = [];
    for (const g of groups) {
      const rows = g.rows.map((r) => r.rowNumber);
      const base = { firstRow: rows[0]!, rows, orderRef: g.key };
      if (!g.key) {
        problems.push({
          ...base,
          kind: 'error',
          message: `Row ${rows[0]} names no order (its ${layout.key} is empty).`,
          fields: [{ field: layout.key, message: 'is empty' }],
        });
        continue;
      }
      if (g.fragment) {
        problems.push({
          ...base,
          kind: 'error',
          message: `These rows belong to order ${g.key}, whose other rows came earlier in the file; the order was taken without them. Keep each order's rows together (sort the file by ${layout.key}).`,
          fields: [{ field: layout.key, message: 'rows of this order are not together' }],
        });
        continue;
      }
      const m = layout.map(g.rows, ctx, src.headers);
      if (!m.ok) problems.push({ ...base, kind: m.ignore ? 'skipped' : 'error', message: m.message, fields: m.fields });
      else inputs.push({ group: g, input: m.target.input });
    }
    // A cancel lands between batches: check before creating anything more.
    const [cur] = await db
      .select({ status: commerceOrderImports.status })
      .from(commerceOrderImports)
      .where(importWhere(workspaceId, imp.id));
    if (cur?.status !== 'running') return 'cancelled';
    const results = await createOrdersFromIngest(
      db,
      workspaceId,
      inputs.map((i) => i.input),
      imp.createdBy,
    );
    let created = 0;
    let existing = 0;
    results.forEach((r, i) => {
      if (r.status === 'error') {
        const rows = inputs[i]!.group.rows.map((x) => x.rowNumber);
        problems.push({
          firstRow: rows[0]!,
          rows,
          orderRef: inputs[i]!.group.key,
          kind: 'error',
          message: r.error.message,
          fields: r.error.fields,
        });
      } else if (r.status === 'created') created++;
      else existing++;
    });
    await opts.hooks?.beforeCheckpoint?.(no);
    const failed = problems.filter((p) => p.kind === 'error').length;
    const skipped = problems.length - failed;
    const orders = groups.filter((g) => g.key && !g.fragment).length;
    const state = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ status: commerceOrderImports.status, rowsDone: commerceOrderImports.rowsDone })
        .from(commerceOrderImports)
        .where(importWhere(workspaceId, imp.id))
        .for('update');
      if (row?.status !== 'running') return 'cancelled' as const;
      if (row.rowsDone !== committedRows) return 'superseded' as const;
      if (problems.length)
        await tx.execute(sql`
          insert into commerce_order_import_errors (workspace_id, import_id, first_row, rows, order_ref, message, kind, fields)
          select ${workspaceId}, ${imp.id}, p."firstRow", array(select jsonb_array_elements_text(p.rows)::int),
            p."orderRef", p.message, p.kind, p.fields
          from json_to_recordset(${JSON.stringify(problems)}::json) as p("firstRow" int, rows jsonb, "orderRef" text,
            message text, kind text, fields jsonb)
          on conflict do nothing`);
      await tx
        .update(commerceOrderImports)
        .set({
          rowsDone: rowsEnd,
          bytesDone: Math.min(bytes, imp.sizeBytes),
          ordersDone: sql`${commerceOrderImports.ordersDone} + ${orders}`,
          created: sql`${commerceOrderImports.created} + ${created}`,
          existing: sql`${commerceOrderImports.existing} + ${existing}`,
          failed: sql`${commerceOrderImports.failed} + ${failed}`,
          skipped: sql`${commerceOrderImports.skipped} + ${skipped}`,
        })
        .where(importWhere(workspaceId, imp.id));
      return 'ok' as const;
    });
    if (state !== 'ok') return state;
    committedRows = rowsEnd;
    Object.assign(totals, {
      rowsDone: rowsEnd,
      bytesDone: Math.min(bytes, imp.sizeBytes),
      ordersDone: totals.ordersDone + orders,
      created: totals.created + created,
      existing: totals.existing + existing,
      failed: totals.failed + failed,
      skipped: totals.skipped + skipped,
    });
    opts.onProgress?.({ ...totals });
    return 'ok';
  };

  const close = () => {
    if (current) pending.push(current);
    current = null;
  };

  try {
    for await (const rec of src.records) {
      rowsRead++;
      const row = toRow(rec.rowNumber, rec.cells);
      const blank = !rec.cells.some((c) => c.trim());
      const key = blank ? undefined : row.get(layout.key);
      if (rowsRead <= imp.rowsDone) {
        // Already done in an earlier run: only remember which orders were seen, to spot split orders after.
        if (key) seen.add(key);
        continue;
      }
      if (blank) continue;
      if (current && key === current.key) {
        current.rows.push(row);
        continue;
      }
      close();
      pendingEnd = rowsRead - 1;
      if (pending.length >= batchSize) {
        const s = await flush(pendingEnd, src.bytesRead());
        if (s !== 'ok') return s;
      }
      if (!key) {
        pending.push({ key: null, rows: [row], fragment: false });
        continue;
      }
      current = { key, rows: [row], fragment: seen.has(key) };
      seen.add(key);
    }
    close();
    return pending.length || rowsRead > committedRows ? await flush(rowsRead, imp.sizeBytes) : 'ok';
  } finally {
    src.close();
  }
}
