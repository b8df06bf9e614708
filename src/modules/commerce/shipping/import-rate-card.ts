import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import type { CardIssue } from './card-types.ts';
import { carrierRow } from './carrier-use-cases.ts';
import { parseRateCard } from './parse-rate-card.ts';
import { forgetQuoteIndex } from './quote-index.ts';
import { toRateCardSummary } from './rate-card-row.ts';
import { setActiveCard } from './rate-card-use-cases.ts';
import { shippingRateCards, shippingServices } from './schema.ts';

export type ImportRateCardOptions = {
  db: Db;
  workspaceId: string;
  carrierId: string;
  userId: string | null;
  csv: string;
  filename?: string | undefined;
  dryRun?: boolean | undefined;
};

/** Validation issues as field errors: `row.<line>.<column>`, the message saying what is wrong. */
export const issuesToFields = (issues: CardIssue[]) =>
  issues.slice(0, 200).map((i) => ({ field: `row.${i.line}${i.column ? `.${i.column}` : ''}`, message: i.message }));

/**
 * Imports a rate card as the carrier's next version and makes it the active one, all in one transaction: with any
 * issue in the file nothing is written and the previous version stays active. Services the card defines are created
 * (or renamed and re-typed) on the way.
 *
 * Synchronous on purpose, not a background job like the contact import: a card is small (20,000 rows parse, check
 * and store in well under a second), it is all-or-nothing (a half-imported card must never price anything, so
 * there is no partial progress to resume), and the person importing needs the per-row errors at once.
 */
export async function importRateCard(opts: ImportRateCardOptions) {
  const { db, workspaceId, carrierId } = opts;
  const carrier = await carrierRow(db, workspaceId, carrierId);
  if (carrier.kind !== 'rate_card')
    throw AppError.validation([
      { field: 'carrier', message: `${carrier.name} quotes through its API, not a rate card` },
    ]);
  const known = await db
    .select({ code: shippingServices.code, name: shippingServices.name, kind: shippingServices.kind })
    .from(shippingServices)
    .where(and(eq(shippingServices.workspaceId, workspaceId), eq(shippingServices.carrierId, carrierId)));
  const parsed = parseRateCard(opts.csv, { knownServices: known });
  if (!parsed.definition) throw AppError.validation(issuesToFields(parsed.issues));
  const def = parsed.definition;
  const servicesCreated = parsed.definedServices
    .filter((s) => !known.some((k) => k.code === s.code))
    .map((s) => s.code);
  if (opts.dryRun) return { rateCard: null, warnings: parsed.warnings, servicesCreated };

  const row = await db.transaction(async (tx) => {
    // The carrier row lock serialises imports of one carrier: two at once would claim the same version number.
    await carrierRow(tx, workspaceId, carrierId, { forUpdate: true });
    for (const s of parsed.definedServices) {
      await tx
        .insert(shippingServices)
        .values({ workspaceId, id: newId(), carrierId, code: s.code, name: s.name, kind: s.kind })
        .onConflictDoUpdate({
          target: [shippingServices.workspaceId, shippingServices.carrierId, shippingServices.code],
          set: { name: s.name, kind: s.kind, updatedAt: new Date() },
        });
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${shippingRateCards.version}), 0) + 1` })
      .from(shippingRateCards)
      .where(and(eq(shippingRateCards.workspaceId, workspaceId), eq(shippingRateCards.carrierId, carrierId)))) as [
      { next: number },
    ];
    const id = newId();
    const [inserted] = await tx
      .insert(shippingRateCards)
      .values({
        workspaceId,
        id,
        carrierId,
        version: Number(next),
        currency: def.currency,
        filename: (opts.filename ?? 'rate-card.csv').slice(0, 255),
        rowCount: parsed.rowCount,
        zoneCount: new Set(def.zones.map((z) => z.zone)).size,
        serviceCount: def.services.length,
        warnings: parsed.warnings,
        definition: def,
        source: opts.csv,
        createdBy: opts.userId,
      })
      .returning();
    await setActiveCard(tx, workspaceId, carrierId, id);
    await emitEvent(tx, {
      workspaceId,
      type: 'shipping.rate_card_activated',
      subjectId: carrierId,
      payload: { carrierId, rateCardId: id, version: inserted!.version },
    });
    return { ...inserted!, active: true, activatedAt: new Date() };
  });
  forgetQuoteIndex(workspaceId);
  return { rateCard: toRateCardSummary(row), warnings: parsed.warnings, servicesCreated };
}
