import fs from 'node:fs/promises';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { commerceOrderImports } from '../schema.ts';
import { importWhere, toOrderImportView } from './order-import-view.ts';

/**
 * Cancels an import that has not finished. A running one stops before its next batch (the runner checks the status
 * under the row lock it commits with) and removes its file itself; otherwise the file goes now. Orders already
 * created stay.
 */
export async function cancelOrderImport({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  const { row, wasRunning } = await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(commerceOrderImports).where(importWhere(workspaceId, id)).for('update');
    if (!cur) throw AppError.notFound('Order import');
    if (cur.status === 'cancelled') return { row: cur, wasRunning: false };
    if (cur.status === 'done') throw new AppError('CONFLICT', 'This import has already finished.');
    const [next] = await tx
      .update(commerceOrderImports)
      .set({ status: 'cancelled', finishedAt: new Date() })
      .where(importWhere(workspaceId, id))
      .returning();
    return { row: next!, wasRunning: cur.status === 'running' };
  });
  if (!wasRunning) await fs.rm(row.storedPath, { force: true });
  return toOrderImportView(row);
}
