import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkLinks } from '../links.ts';
import { deals } from '../schema.ts';
import type { TDealUpdate } from './contracts.ts';
import { type DealRow, getDealRow, getStageRow, toDeal } from './deal-row.ts';

export async function updateDeal({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TDealUpdate;
}) {
  return db.transaction(async (tx) => {
    const before = await getDealRow(tx, workspaceId, id, { forUpdate: true });
    const errors = await checkLinks(tx, workspaceId, {
      contactId: input.contactId,
      companyId: input.companyId,
      members: { ownerId: input.ownerId },
    });
    if (input.closeReason !== undefined && !before.closedAt)
      errors.push({ field: 'closeReason', message: 'only a won or lost deal has a reason' });
    if (errors.length) throw AppError.validation(errors);
    const set: Partial<DealRow> = { updatedAt: new Date() };
    if (input.title !== undefined) set.title = input.title;
    if (input.amountMinor !== undefined) set.amountMinor = input.amountMinor;
    if (input.currency !== undefined) set.currency = input.currency;
    if (input.expectedClose !== undefined) set.expectedClose = input.expectedClose;
    if (input.contactId !== undefined) set.contactId = input.contactId;
    if (input.companyId !== undefined) set.companyId = input.companyId;
    if (input.ownerId !== undefined) set.ownerId = input.ownerId;
    if (input.closeReason !== undefined) set.closeReason = input.closeReason;
    const [row] = await tx
      .update(deals)
      .set(set)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
      .returning();
    const stage = await getStageRow(tx, workspaceId, row!.stageId);
    return toDeal(row!, stage?.kind ?? 'open');
  });
}
