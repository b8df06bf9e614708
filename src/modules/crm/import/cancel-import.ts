import fs from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { imports } from '../schema.ts';
import { type ImportView, toImportView } from './get-import.ts';

/**
 * Cancels an import that has not finished. A running import stops at its next batch (the runner checks the status
 * under the same row lock it commits with) and removes the file itself; otherwise the file goes now.
 */
export async function cancelImport({
  db,
  workspaceId,
  id,
}: {
  db: Db;
  workspaceId: string;
  id: string;
}): Promise<ImportView> {
  const where = and(eq(imports.workspaceId, workspaceId), eq(imports.id, id));
  const { row, wasRunning } = await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(imports).where(where).for('update');
    if (!cur) throw AppError.notFound('Import');
    if (cur.status === 'cancelled') return { row: cur, wasRunning: false };
    if (cur.status === 'done') throw new AppError('CONFLICT', 'This import has already finished.');
    const [next] = await tx
      .update(imports)
      .set({ status: 'cancelled', finishedAt: new Date() })
      .where(where)
      .returning();
    return { row: next!, wasRunning: cur.status === 'running' };
  });
  if (!wasRunning) await fs.rm(row.storedPath, { force: true });
  return toImportView(row);
}
