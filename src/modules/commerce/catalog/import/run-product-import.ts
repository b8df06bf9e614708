import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { commerceProductImports, type ProductImportError } from '../schema.ts';
import { applyRow } from './apply-row.ts';
import type { TProductImport } from './contracts.ts';
import { parseRow } from './layout.ts';
import { getProductImport } from './product-imports.ts';
import { readCsv } from './read-csv.ts';

export const BATCH_ROWS = 100;
const MAX_ERRORS = 500;

export type ProductImportProgress = Pick<
  TProductImport,
  'rowsDone' | 'rowsTotal' | 'productsCreated' | 'variantsCreated' | 'variantsUpdated' | 'rejected'
>;

/**
 * Runs (or resumes) a product import. Rows are written in batches; each row in its own savepoint, so a bad row is
 * rolled back whole and reported (row number, column, reason) while the others go in. A batch commits together with
 * the `rows_done` checkpoint: a run that dies anywhere resumes exactly after the last committed batch, and a second
 * runner of the same import notices the checkpoint moved and stops.
 */
export async function runProductImport({
  db,
  workspaceId,
  importId,
  onProgress,
  hooks,
}: {
  db: Db;
  workspaceId: string;
  importId: string;
  onProgress?: (p: ProductImportProgress) => void;
  /** Test seam: throwing after a batch commits simulates a crash between batches. */
  hooks?: { afterCommit?: (batchNo: number) => void | Promise<void> };
}): Promise<TProductImport> {
  const where = and(eq(commerceProductImports.workspaceId, workspaceId), eq(commerceProductImports.id, importId));
  const [imp] = await db
    .update(commerceProductImports)
    .set({ status: 'running', error: null, finishedAt: null, startedAt: sql`coalesce(started_at, now())` })
    .where(and(where, inArray(commerceProductImports.status, ['queued', 'running', 'failed'])))
    .returning();
  if (!imp) return getProductImport({ db, workspaceId, id: importId });
  try {
    const { headers, rows } = readCsv(imp.content);
    const layout = imp.layout === 'shopify' ? 'shopify' : 'freehold';
    const target = { workspaceId, filename: imp.filename, locationId: imp.locationId, actorId: imp.createdBy };
    let done = imp.rowsDone;
    let batchNo = 0;
    while (done < rows.length) {
      const start = done;
      const batch = rows.slice(start, start + BATCH_ROWS);
      const moved = await db.transaction(async (tx) => {
        const [cur] = await tx
          .select({ status: commerceProductImports.status, rowsDone: commerceProductImports.rowsDone })
          .from(commerceProductImports)
          .where(where)
          .for('update');
        if (cur?.status !== 'running' || cur.rowsDone !== start) return false;
        // One import writes a workspace's catalog at a time, so two files cannot both create the same product.
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`commerce.product-import:${workspaceId}`}, 0))`,
        );
        const errors: ProductImportError[] = [];
        const n = { productsCreated: 0, variantsCreated: 0, variantsUpdated: 0 };
        for (const [i, cells] of batch.entries()) {
          // Row 1 is the header, as a spreadsheet numbers them.
          const rowNumber = start + i + 2;
          const parsed = parseRow(layout, headers, cells, rowNumber, imp.currency);
          if ('errors' in parsed) {
            for (const e of parsed.errors) errors.push({ row: rowNumber, field: e.field, message: e.message });
            continue;
          }
          try {
            const r = await tx.transaction((sp) => applyRow(sp, target, parsed.row));
            n.productsCreated += Number(r.productCreated);
            n.variantsCreated += Number(r.variantCreated);
            n.variantsUpdated += Number(r.variantUpdated);
          } catch (err) {
            if (err instanceof AppError)
              for (const f of err.fields.length ? err.fields : [{ field: null, message: err.message }])
                errors.push({ row: rowNumber, field: f.field, message: f.message });
            else
              errors.push({ row: rowNumber, field: null, message: err instanceof Error ? err.message : String(err) });
          }
        }
        const rejectedRows = new Set(errors.map((e) => e.row)).size;
        await tx
          .update(commerceProductImports)
          .set({
            rowsDone: start + batch.length,
            productsCreated: sql`${commerceProductImports.productsCreated} + ${n.productsCreated}`,
            variantsCreated: sql`${commerceProductImports.variantsCreated} + ${n.variantsCreated}`,
            variantsUpdated: sql`${commerceProductImports.variantsUpdated} + ${n.variantsUpdated}`,
            rejected: sql`${commerceProductImports.rejected} + ${rejectedRows}`,
            errors: sql`(select coalesce(jsonb_agg(x.value order by x.n), '[]'::jsonb) from (
              select e.value, e.n from jsonb_array_elements(${commerceProductImports.errors} || ${JSON.stringify(errors)}::jsonb)
                with ordinality as e(value, n)
              order by e.n limit ${MAX_ERRORS}) x)`,
          })
          .where(where);
        return true;
      });
      if (!moved) return getProductImport({ db, workspaceId, id: importId });
      done = start + batch.length;
      await hooks?.afterCommit?.(++batchNo);
      if (onProgress) onProgress(await getProductImport({ db, workspaceId, id: importId }));
    }
    await db
      .update(commerceProductImports)
      .set({ status: 'done', finishedAt: new Date() })
      .where(and(where, eq(commerceProductImports.status, 'running')));
  } catch (err) {
    await db
      .update(commerceProductImports)
      .set({
        status: 'failed',
        error: err instanceof Error ? err.message : String(err),
        finishedAt: new Date(),
      })
      .where(and(where, eq(commerceProductImports.status, 'running')));
    // A broken file fails for good; anything else (database gone, process killed) may succeed on retry.
    if (!(err instanceof AppError)) throw err;
  }
  return getProductImport({ db, workspaceId, id: importId });
}
