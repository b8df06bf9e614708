import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { carrierRow } from './carrier-use-cases.ts';
import { bumpQuoteVersion, forgetQuoteIndex } from './quote-index.ts';
import { summaryColumns, toRateCardSummary } from './rate-card-row.ts';
import { shippingRateCards } from './schema.ts';

type CardRow = typeof shippingRateCards.$inferSelect;

/** A carrier's card versions, newest first. */
export async function listRateCards(opts: {
  db: DbOrTx;
  workspaceId: string;
  carrierId: string;
  limit: number;
  cursor?: string | undefined;
}) {
  const { db, workspaceId, carrierId, limit } = opts;
  await carrierRow(db, workspaceId, carrierId);
  const after = decodeCursor(opts.cursor, 1);
  const rows = await db
    .select(summaryColumns)
    .from(shippingRateCards)
    .where(
      and(
        eq(shippingRateCards.workspaceId, workspaceId),
        eq(shippingRateCards.carrierId, carrierId),
        after ? lt(shippingRateCards.version, Number(after[0])) : undefined,
      ),
    )
    .orderBy(desc(shippingRateCards.version))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    data: page.map(toRateCardSummary),
    nextCursor: more ? encodeCursor([page[page.length - 1]!.version]) : null,
  };
}

async function cardRow(db: DbOrTx, workspaceId: string, carrierId: string, id: string): Promise<CardRow> {
  await carrierRow(db, workspaceId, carrierId);
  const [row] = await db
    .select()
    .from(shippingRateCards)
    .where(
      and(
        eq(shippingRateCards.workspaceId, workspaceId),
        eq(shippingRateCards.carrierId, carrierId),
        eq(shippingRateCards.id, id),
      ),
    );
  if (!row) throw AppError.notFound('Rate card');
  return row;
}

export async function getRateCard(opts: { db: DbOrTx; workspaceId: string; carrierId: string; id: string }) {
  const row = await cardRow(opts.db, opts.workspaceId, opts.carrierId, opts.id);
  return { ...toRateCardSummary(row), definition: row.definition as unknown as Record<string, unknown> };
}

/** The file a version was imported from. */
export async function rateCardSource(opts: { db: DbOrTx; workspaceId: string; carrierId: string; id: string }) {
  const row = await cardRow(opts.db, opts.workspaceId, opts.carrierId, opts.id);
  return { filename: row.filename, source: row.source, version: row.version };
}

/** Makes an earlier (or later) version the active one again: a roll-back after a bad price list. */
export async function activateRateCard(opts: { db: Db; workspaceId: string; carrierId: string; id: string }) {
  const { db, workspaceId, carrierId, id } = opts;
  const row = await db.transaction(async (tx) => {
    await carrierRow(tx, workspaceId, carrierId, { forUpdate: true });
    const card = await cardRow(tx, workspaceId, carrierId, id);
    await setActiveCard(tx, workspaceId, carrierId, id);
    await emitEvent(tx, {
      workspaceId,
      type: 'shipping.rate_card_activated',
      subjectId: carrierId,
      payload: { carrierId, rateCardId: id, version: card.version },
    });
    return cardRow(tx, workspaceId, carrierId, id);
  });
  forgetQuoteIndex(workspaceId);
  return toRateCardSummary(row);
}

/** Deactivates the carrier's current card and activates `id`, in the caller's transaction (carrier row locked). */
export async function setActiveCard(tx: DbOrTx, workspaceId: string, carrierId: string, id: string) {
  const where = and(eq(shippingRateCards.workspaceId, workspaceId), eq(shippingRateCards.carrierId, carrierId));
  await tx
    .update(shippingRateCards)
    .set({ active: false })
    .where(and(where, eq(shippingRateCards.active, true)));
  await tx
    .update(shippingRateCards)
    .set({ active: true, activatedAt: new Date() })
    .where(and(where, eq(shippingRateCards.id, id)));
  await bumpQuoteVersion(tx, workspaceId);
}
