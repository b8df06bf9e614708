import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { imports } from '../schema.ts';

export type ImportRow = typeof imports.$inferSelect;

export function toImportView(r: ImportRow) {
  const progress = r.status === 'done' ? 1 : r.sizeBytes > 0 ? Math.min(1, r.bytesDone / r.sizeBytes) : 0;
  return {
    id: r.id,
    entity: r.entity,
    filename: r.filename,
    format: r.format,
    encoding: r.encoding,
    delimiter: r.delimiter,
    sizeBytes: r.sizeBytes,
    bytesDone: r.bytesDone,
    progress,
    headers: r.headers,
    preview: r.preview,
    suggestedMapping: r.suggestedMapping,
    mapping: r.mapping,
    dedupe: r.dedupe,
    source: r.source,
    tags: r.tags,
    status: r.status as ImportStatus,
    rowsDone: r.rowsDone,
    rowsTotal: r.rowsTotal,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    rejected: r.rejected,
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type ImportView = ReturnType<typeof toImportView>;

export async function findImport({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  if (!row) throw AppError.notFound('Import');
  return row;
}

export async function getImport(opts: { db: DbOrTx; workspaceId: string; id: string }): Promise<ImportView> {
  return toImportView(await findImport(opts));
}
