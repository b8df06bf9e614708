import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { deals, pipelineStages } from '../schema.ts';
import type { StageKind, TDeal } from './contracts.ts';

export type DealRow = typeof deals.$inferSelect;
export type StageRow = typeof pipelineStages.$inferSelect;

/** A deal's status is its stage's kind: a deal is won exactly when it sits in a won stage. */
export function toDeal(r: DealRow, status: StageKind): TDeal {
  return {
    id: r.id,
    pipelineId: r.pipelineId,
    stageId: r.stageId,
    status,
    title: r.title,
    amountMinor: r.amountMinor,
    currency: r.currency,
    expectedClose: r.expectedClose,
    contactId: r.contactId,
    companyId: r.companyId,
    ownerId: r.ownerId,
    position: r.position,
    closeReason: r.closeReason,
    closedAt: r.closedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function getDealRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<DealRow> {
  const q = db
    .select()
    .from(deals)
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Deal');
  return row;
}

export async function getStageRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<StageRow | undefined> {
  const q = db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function getDeal({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const row = await getDealRow(db, workspaceId, id);
  const stage = await getStageRow(db, workspaceId, row.stageId);
  return toDeal(row, stage?.kind ?? 'open');
}
