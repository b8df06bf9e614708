import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import type { TRule, TRuleCreate, TRuleUpdate } from './contracts.ts';
import { bumpQuoteVersion, forgetQuoteIndex } from './quote-index.ts';
import { shippingCarriers, shippingRules, shippingServices } from './schema.ts';

type RuleRow = typeof shippingRules.$inferSelect;

const toRule = (r: RuleRow): TRule => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  carrierId: r.carrierId,
  serviceId: r.serviceId,
  countries: r.countries,
  currency: r.currency,
  percent: r.percent,
  fixedMinor: r.fixedMinor,
  minOrderMinor: r.minOrderMinor,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
});

/** A rule may name this workspace's carrier and service only (and the service must be the carrier's). */
async function checkScope(
  db: DbOrTx,
  workspaceId: string,
  r: Pick<RuleRow, 'kind' | 'carrierId' | 'serviceId' | 'currency' | 'fixedMinor'>,
) {
  const errors: FieldError[] = [];
  let serviceCarrier: string | null = null;
  if (r.serviceId) {
    const [s] = await db
      .select({ carrierId: shippingServices.carrierId })
      .from(shippingServices)
      .where(and(eq(shippingServices.workspaceId, workspaceId), eq(shippingServices.id, r.serviceId)));
    if (!s) errors.push({ field: 'body.serviceId', message: 'no such service' });
    serviceCarrier = s?.carrierId ?? null;
  }
  if (r.carrierId) {
    const [c] = await db
      .select({ id: shippingCarriers.id })
      .from(shippingCarriers)
      .where(and(eq(shippingCarriers.workspaceId, workspaceId), eq(shippingCarriers.id, r.carrierId)));
    if (!c) errors.push({ field: 'body.carrierId', message: 'no such carrier' });
    else if (serviceCarrier && serviceCarrier !== r.carrierId)
      errors.push({ field: 'body.serviceId', message: 'is a service of another carrier' });
  }
  if (r.kind === 'margin' && r.fixedMinor && !r.currency)
    errors.push({ field: 'body.currency', message: 'is required with a fixed amount' });
  if (errors.length) throw AppError.validation(errors);
}

export async function listRules({
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
    .from(shippingRules)
    .where(and(eq(shippingRules.workspaceId, workspaceId), after ? gt(shippingRules.id, String(after[0])) : undefined))
    .orderBy(asc(shippingRules.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { data: page.map(toRule), nextCursor: more ? encodeCursor([page[page.length - 1]!.id]) : null };
}

export async function createRule({ db, workspaceId, input }: { db: Db; workspaceId: string; input: TRuleCreate }) {
  const values: typeof shippingRules.$inferInsert = {
    workspaceId,
    id: newId(),
    kind: input.kind,
    name: input.name,
    carrierId: input.carrierId ?? null,
    serviceId: input.serviceId ?? null,
    countries: input.countries ?? [],
    currency: input.currency ?? null,
    percent: input.kind === 'margin' ? input.percent : null,
    fixedMinor: input.kind === 'margin' ? input.fixedMinor : null,
    minOrderMinor: input.kind === 'free_shipping' ? input.minOrderMinor : null,
    active: input.active ?? true,
  };
  const row = await db.transaction(async (tx) => {
    await checkScope(tx, workspaceId, {
      ...values,
      carrierId: values.carrierId ?? null,
      serviceId: values.serviceId ?? null,
      currency: values.currency ?? null,
      fixedMinor: values.fixedMinor ?? null,
    });
    const [r] = await tx.insert(shippingRules).values(values).returning();
    await bumpQuoteVersion(tx, workspaceId);
    return r!;
  });
  forgetQuoteIndex(workspaceId);
  return toRule(row);
}

export async function updateRule({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TRuleUpdate;
}) {
  const row = await db.transaction(async (tx) => {
    const where = and(eq(shippingRules.workspaceId, workspaceId), eq(shippingRules.id, id));
    const [cur] = await tx.select().from(shippingRules).where(where).for('update');
    if (!cur) throw AppError.notFound('Shipping rule');
    const next = { ...cur };
    for (const k of ['name', 'carrierId', 'serviceId', 'countries', 'active', 'currency'] as const)
      if (input[k] !== undefined) (next as Record<string, unknown>)[k] = input[k];
    if (cur.kind === 'margin') {
      if (input.percent !== undefined) next.percent = input.percent;
      if (input.fixedMinor !== undefined) next.fixedMinor = input.fixedMinor;
    } else {
      if (input.minOrderMinor !== undefined) next.minOrderMinor = input.minOrderMinor;
      if (!next.currency)
        throw AppError.validation([{ field: 'body.currency', message: 'free shipping needs a currency' }]);
    }
    await checkScope(tx, workspaceId, next);
    const { workspaceId: _w, id: _i, createdAt: _c, ...set } = next;
    const [r] = await tx
      .update(shippingRules)
      .set({ ...set, updatedAt: new Date() })
      .where(where)
      .returning();
    await bumpQuoteVersion(tx, workspaceId);
    return r!;
  });
  forgetQuoteIndex(workspaceId);
  return toRule(row);
}

export async function deleteRule({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const [r] = await tx
      .delete(shippingRules)
      .where(and(eq(shippingRules.workspaceId, workspaceId), eq(shippingRules.id, id)))
      .returning({ id: shippingRules.id });
    if (!r) throw AppError.notFound('Shipping rule');
    await bumpQuoteVersion(tx, workspaceId);
  });
  forgetQuoteIndex(workspaceId);
}
