import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { workspaces } from '../../identity/index.ts';
import { checkLinks } from '../links.ts';
import { deals, pipelineStages, pipelines } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { boardPosition } from './board-position.ts';
import type { TDealCreate } from './contracts.ts';
import { getStageRow, type StageRow, toDeal } from './deal-row.ts';

async function resolveStage(db: DbOrTx, workspaceId: string, input: TDealCreate): Promise<StageRow | FieldError> {
  if (input.stageId) {
    const s = await getStageRow(db, workspaceId, input.stageId, { forUpdate: true });
    if (!s) return { field: 'stageId', message: 'no such stage in this workspace' };
    if (input.pipelineId && s.pipelineId !== input.pipelineId)
      return { field: 'stageId', message: 'is not a stage of that pipeline' };
    return s;
  }
  const [p] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(
      and(
        eq(pipelines.workspaceId, workspaceId),
        input.pipelineId ? eq(pipelines.id, input.pipelineId) : eq(pipelines.isDefault, true),
      ),
    );
  if (!p)
    return input.pipelineId
      ? { field: 'pipelineId', message: 'no such pipeline in this workspace' }
      : { field: 'pipelineId', message: 'there is no default pipeline: name one' };
  const [first] = await db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, p.id)))
    .orderBy(asc(pipelineStages.position))
    .limit(1)
    .for('update');
  return first ?? { field: 'pipelineId', message: 'this pipeline has no stages' };
}

export async function createDeal({
  db,
  workspaceId,
  actorId,
  input,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TDealCreate;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    const errors = await checkLinks(tx, workspaceId, {
      contactId: input.contactId,
      companyId: input.companyId,
      members: { ownerId: input.ownerId },
    });
    const stage = await resolveStage(tx, workspaceId, input);
    if ('field' in stage) errors.push(stage);
    else if (stage.kind !== 'open' && !input.reason)
      errors.push({ field: 'reason', message: `is required for a deal created ${stage.kind}` });
    if (errors.length || 'field' in stage) throw AppError.validation(errors);
    let currency = input.currency;
    if (!currency) {
      const [w] = await tx
        .select({ c: workspaces.defaultCurrency })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      currency = w?.c ?? 'EUR';
    }
    const closed = stage.kind !== 'open';
    const [row] = await tx
      .insert(deals)
      .values({
        workspaceId,
        id: newId(),
        pipelineId: stage.pipelineId,
        stageId: stage.id,
        title: input.title,
        amountMinor: input.amountMinor,
        currency,
        expectedClose: input.expectedClose ?? null,
        contactId: input.contactId ?? null,
        companyId: input.companyId ?? null,
        ownerId: input.ownerId === undefined ? actorId : input.ownerId,
        position: await boardPosition(tx, workspaceId, stage.id, {}),
        closeReason: closed ? (input.reason ?? null) : null,
        closedAt: closed ? now : null,
      })
      .returning();
    const deal = row!;
    await appendTimeline(tx, {
      workspaceId,
      dealId: deal.id,
      contactId: deal.contactId,
      companyId: deal.companyId,
      kind: 'deal_created',
      actorId,
      data: { dealId: deal.id, title: deal.title, stageId: stage.id, stage: stage.name },
    });
    await emitEvent(tx, {
      workspaceId,
      type: 'deal.created',
      subjectId: deal.id,
      payload: { dealId: deal.id, pipelineId: deal.pipelineId, stageId: stage.id, status: stage.kind },
    });
    return toDeal(deal, stage.kind);
  });
}
