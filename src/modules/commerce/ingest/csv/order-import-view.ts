import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { commerceOrderImports } from '../schema.ts';

export type OrderImportRow = typeof commerceOrderImports.$inferSelect;
export type OrderImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export function toOrderImportView(r: OrderImportRow) {
  const progress = r.status === 'done' ? 1 : r.sizeBytes > 0 ? Math.min(1, r.bytesDone / r.sizeBytes) : 0;
  return {
    id: r.id,
    filename: r.filename,
    format: r.format,
    encoding: r.encoding,
    delimiter: r.delimiter,
    sizeBytes: r.sizeBytes,
    bytesDone: r.bytesDone,
    progress,
    headers: r.headers,
    preview: r.preview,
    shopDomain: r.shopDomain,
    status: r.status as OrderImportStatus,
    rowsDone: r.rowsDone,
    rowsTotal: r.rowsTotal,
    ordersDone: r.ordersDone,
    created: r.created,
    existing: r.existing,
    failed: r.failed,
    skipped: r.skipped,
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
export type OrderImportView = ReturnType<typeof toOrderImportView>;

export const importWhere = (workspaceId: string, id: string) =>
  and(eq(commerceOrderImports.workspaceId, workspaceId), eq(commerceOrderImports.id, id));

export async function findOrderImport(db: DbOrTx, workspaceId: string, id: string): Promise<OrderImportRow> {
  const [row] = await db.select().from(commerceOrderImports).where(importWhere(workspaceId, id));
  if (!row) throw AppError.notFound('Order import');
  return row;
}

export async function getOrderImport(opts: { db: DbOrTx; workspaceId: string; id: string }) {
  return toOrderImportView(await findOrderImport(opts.db, opts.workspaceId, opts.id));
}
