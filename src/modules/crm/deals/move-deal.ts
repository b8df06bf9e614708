import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { deals } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { boardPosition } from './board-position.ts';
import type { TDealMove } from './contracts.ts';
import { type DealRow, getDealRow, getStageRow, type StageRow, toDeal } from './deal-row.ts';

/**
 * Records a stage change where everyone looks: one timeline entry on the deal that also shows on its contact and
 * company, and a `deal.stage_changed` event — in the caller's transaction, so they exist exactly when the move does.
 */
export async function recordStageChange(
  tx: DbOrTx,
  opts: {
    workspaceId: string;
    actorId: string | null;
    deal: DealRow;
    from: StageRow;
    to: StageRow;
    reason: string | null;
  },
): Promise<void> {
  const { workspaceId, deal, from, to, reason } = opts;
  const stage = (s: StageRow) => ({ stageId: s.id, name: s.name, kind: s.kind });
  await appendTimeline(tx, {
    workspaceId,
    dealId: deal.id,
    contactId: deal.contactId,
    companyId: deal.companyId,
    kind: 'deal_stage',
    actorId: opts.actorId,
    data: { dealId: deal.id, title: deal.title, from: stage(from), to: stage(to), reason },
  });
  await emitEvent(tx, {
    workspaceId,
    type: 'deal.stage_changed',
    subjectId: deal.id,
    payload: {
      dealId: deal.id,
      pipelineId: to.pipelineId,
      fromStageId: from.id,
      toStageId: to.id,
      status: to.kind,
      reason,
      amountMinor: deal.amountMinor,
      currency: deal.currency,
      contactId: deal.contactId,
      companyId: deal.companyId,
    },
  });
}

/**
 * Drag and drop on the board: places the deal in `stageId` between its new neighbours. Entering a won or lost stage
 * needs the reason and closes the deal; leaving one reopens it.
 */
export async function moveDeal({
  db,
  workspaceId,
  actorId,
  id,
  input,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
  input: TDealMove;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    const deal = await getDealRow(tx, workspaceId, id, { forUpdate: true });
    // Locking the target column serialises concurrent drops into it, so they never compute the same key.
    const to = await getStageRow(tx, workspaceId, input.stageId, { forUpdate: true });
    if (!to) throw AppError.validation([{ field: 'stageId', message: 'no such stage in this workspace' }]);
    const from = (await getStageRow(tx, workspaceId, deal.stageId)) ?? to;
    const changed = from.id !== to.id;
    if (changed && to.kind !== 'open' && !input.reason)
      throw AppError.validation([{ field: 'reason', message: `is required when a deal is marked ${to.kind}` }]);
    const position = await boardPosition(tx, workspaceId, to.id, {
      afterId: input.afterId,
      beforeId: input.beforeId,
      excludeId: id,
    });
    const set: Partial<DealRow> = { stageId: to.id, pipelineId: to.pipelineId, position, updatedAt: now };
    if (changed) {
      set.closeReason = to.kind === 'open' ? null : (input.reason ?? null);
      set.closedAt = to.kind === 'open' ? null : now;
    }
    const [row] = await tx
      .update(deals)
      .set(set)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
      .returning();
    if (changed)
      await recordStageChange(tx, {
        workspaceId,
        actorId,
        deal: row!,
        from,
        to,
        reason: to.kind === 'open' ? null : (input.reason ?? null),
      });
    return toDeal(row!, to.kind);
  });
}
