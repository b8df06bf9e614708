import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { ADAPTERS } from './adapters/registry.ts';
import type { TCarrier, TCarrierCreate, TCarrierUpdate } from './contracts.ts';
import { bumpQuoteVersion, forgetQuoteIndex } from './quote-index.ts';
import { toRateCardSummary } from './rate-card-row.ts';
import { shippingCarriers, shippingRateCards, shippingServices } from './schema.ts';

type CarrierRow = typeof shippingCarriers.$inferSelect;

/** Carriers with their services and active card, in one query each (not one per carrier). */
async function toViews(db: DbOrTx, workspaceId: string, rows: CarrierRow[]): Promise<TCarrier[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [services, cards] = await Promise.all([
    db
      .select()
      .from(shippingServices)
      .where(and(eq(shippingServices.workspaceId, workspaceId), inArray(shippingServices.carrierId, ids)))
      .orderBy(asc(shippingServices.code)),
    db
      .select()
      .from(shippingRateCards)
      .where(
        and(
          eq(shippingRateCards.workspaceId, workspaceId),
          inArray(shippingRateCards.carrierId, ids),
          eq(shippingRateCards.active, true),
        ),
      ),
  ]);
  return rows.map((r) => {
    const card = cards.find((c) => c.carrierId === r.id);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      active: r.active,
      adapter: r.adapter,
      adapterConfig: r.adapterConfig,
      hasSecret: !!r.adapterSecret,
      services: services
        .filter((s) => s.carrierId === r.id)
        .map((s) => ({ id: s.id, carrierId: s.carrierId, code: s.code, name: s.name, kind: s.kind, active: s.active })),
      activeRateCard: card ? toRateCardSummary(card) : null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export async function carrierRow(db: DbOrTx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select()
    .from(shippingCarriers)
    .where(
      and(
        eq(shippingCarriers.workspaceId, workspaceId),
        eq(shippingCarriers.id, id),
        isNull(shippingCarriers.archivedAt),
      ),
    );
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Carrier');
  return row;
}

export async function getCarrier({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const [view] = await toViews(db, workspaceId, [await carrierRow(db, workspaceId, id)]);
  return view!;
}

/** Carriers by creation (ids are time-ordered), keyset-paged. */
export async function listCarriers({
  db,
  workspaceId,
  limit,
  cursor,
}: {
  db: DbOrTx;
  workspaceId: string;
  limit: number;
  cursor?: string | undefined;
}) {
  const after = decodeCursor(cursor, 1);
  const rows = await db
    .select()
    .from(shippingCarriers)
    .where(
      and(
        eq(shippingCarriers.workspaceId, workspaceId),
        isNull(shippingCarriers.archivedAt),
        after ? gt(shippingCarriers.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(asc(shippingCarriers.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    data: await toViews(db, workspaceId, page),
    nextCursor: more ? encodeCursor([page[page.length - 1]!.id]) : null,
  };
}

/** Checks an adapter carrier's settings against its adapter's schema; the errors name `body.adapterConfig.<path>`. */
function checkAdapter(
  adapter: string | null | undefined,
  config: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const a = adapter ? ADAPTERS[adapter] : undefined;
  if (!a)
    throw AppError.validation([{ field: 'body.adapter', message: `use one of: ${Object.keys(ADAPTERS).join(', ')}` }]);
  const parsed = a.config.safeParse(config ?? {});
  if (!parsed.success)
    throw AppError.validation(
      parsed.error.issues.map((i) => ({
        field: ['body.adapterConfig', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  return parsed.data as Record<string, unknown>;
}

const nameTaken = (err: unknown) => {
  if (pgCode(err) === PG.UNIQUE_VIOLATION)
    return AppError.validation([{ field: 'body.name', message: 'another carrier already has this name' }]);
  return err;
};

export async function createCarrier({
  db,
  workspaceId,
  input,
}: {
  db: Db;
  workspaceId: string;
  input: TCarrierCreate;
}) {
  const id = newId();
  const adapterConfig = input.kind === 'api' ? checkAdapter(input.adapter, input.adapterConfig) : null;
  if (input.kind === 'rate_card' && (input.adapter || input.adapterConfig || input.adapterSecret))
    throw AppError.validation([{ field: 'body.adapter', message: 'only api carriers have an adapter' }]);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(shippingCarriers).values({
        workspaceId,
        id,
        name: input.name,
        kind: input.kind,
        adapter: input.kind === 'api' ? (input.adapter ?? null) : null,
        adapterConfig,
        adapterSecret: input.adapterSecret ?? null,
      });
      await bumpQuoteVersion(tx, workspaceId);
    });
  } catch (err) {
    throw nameTaken(err);
  }
  forgetQuoteIndex(workspaceId);
  return getCarrier({ db, workspaceId, id });
}

export async function updateCarrier({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TCarrierUpdate;
}) {
  try {
    await db.transaction(async (tx) => {
      const row = await carrierRow(tx, workspaceId, id, { forUpdate: true });
      const set: Partial<typeof shippingCarriers.$inferInsert> = { updatedAt: new Date() };
      if (input.name !== undefined) set.name = input.name;
      if (input.active !== undefined) set.active = input.active;
      if (input.adapterConfig !== undefined || input.adapterSecret !== undefined) {
        if (row.kind !== 'api')
          throw AppError.validation([
            { field: 'body.adapterConfig', message: 'only api carriers have adapter settings' },
          ]);
        if (input.adapterConfig !== undefined) set.adapterConfig = checkAdapter(row.adapter, input.adapterConfig);
        if (input.adapterSecret !== undefined) set.adapterSecret = input.adapterSecret;
      }
      await tx
        .update(shippingCarriers)
        .set(set)
        .where(and(eq(shippingCarriers.workspaceId, workspaceId), eq(shippingCarriers.id, id)));
      await bumpQuoteVersion(tx, workspaceId);
    });
  } catch (err) {
    throw nameTaken(err);
  }
  forgetQuoteIndex(workspaceId);
  return getCarrier({ db, workspaceId, id });
}

/**
 * Archives a carrier: it leaves lists and quotes, and its name is free again. Its rate cards are kept — orders and
 * stored quotes refer to the versions that priced them.
 */
export async function archiveCarrier({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    await carrierRow(tx, workspaceId, id, { forUpdate: true });
    await tx
      .update(shippingCarriers)
      .set({ archivedAt: sql`now()`, active: false, updatedAt: new Date() })
      .where(and(eq(shippingCarriers.workspaceId, workspaceId), eq(shippingCarriers.id, id)));
    await bumpQuoteVersion(tx, workspaceId);
  });
  forgetQuoteIndex(workspaceId);
}

/** For the CLI: a carrier by name (case-insensitive), created as a rate-card carrier when there is none. */
export async function findOrCreateCarrier({ db, workspaceId, name }: { db: Db; workspaceId: string; name: string }) {
  const [row] = await db
    .select({ id: shippingCarriers.id })
    .from(shippingCarriers)
    .where(
      and(
        eq(shippingCarriers.workspaceId, workspaceId),
        isNull(shippingCarriers.archivedAt),
        sql`lower(${shippingCarriers.name}) = lower(${name})`,
      ),
    );
  if (row) return { carrier: await getCarrier({ db, workspaceId, id: row.id }), created: false };
  return { carrier: await createCarrier({ db, workspaceId, input: { name, kind: 'rate_card' } }), created: true };
}
