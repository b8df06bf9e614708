import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError, pgCode } from '../../../platform/errors.ts';
import { resolveVariants } from '../catalog/resolve-variants.ts';
import { takeQuotedOption } from '../shipping/take-quoted-option.ts';
import type { OrderInput, TOrderSummary } from './contracts.ts';
import {
  advanceLifecycleStages,
  type CustomerRef,
  insertNewContacts,
  lockContacts,
  resolveCustomers,
} from './customers.ts';
import { moneyText, type OrderStep, recordOrderSteps } from './order-events.ts';
import { allocateOrderNumbers } from './order-numbers.ts';
import { type HoldRequest, placeHolds } from './place-holds.ts';
import { applyVariants, type PreparedOrder, prepareOrder, settle } from './prepare-order.ts';
import { orders } from './schema.ts';
import { type OrderRow, toSummary } from './serialize.ts';
import {
  insertLines,
  insertOrders,
  insertPayments,
  type NewOrder,
  paymentStatusOf,
  rowOf,
  setAllocations,
} from './write-orders.ts';

export type OrderSummary = TOrderSummary;
export type CreateOrderError = { code: string; message: string; fields: FieldError[] };
export type CreateOrderResult =
  | { status: 'created' | 'existing'; order: OrderSummary }
  | { status: 'error'; error: CreateOrderError };

const failure = (fields: FieldError[], code = 'VALIDATION'): CreateOrderResult => ({
  status: 'error',
  error: {
    code,
    message: code === 'VALIDATION' ? AppError.validation(fields).message : (fields[0]?.message ?? code),
    fields,
  },
});
const fromAppError = (e: AppError): CreateOrderResult => ({
  status: 'error',
  error: { code: e.code, message: e.message, fields: e.fields },
});

/** Raised inside an attempt when holds failed: the attempt is rolled back and run again without those orders. */
class RetryWithout extends Error {
  constructor(readonly failed: Map<number, AppError>) {
    super('some orders could not hold stock or pickup capacity');
  }
}

/** Deadlocks (40P01) and serialization failures (40001) are the database asking for a retry. */
const MAX_ATTEMPTS = 6;
const retryable = (err: unknown) => ['40P01', '40001'].includes(pgCode(err) ?? '');

/**
 * Creates orders, idempotently by (workspace, source, externalId): an order already there is answered as `existing`
 * and nothing changes. Each input is validated on its own; a bad one is that order's `error` (naming the field) and
 * the rest are kept. Set-based: a batch of 1,000 costs a fixed number of statements (stock included) besides the
 * pickup claims and purchase requests, which the pickup and stock contracts take per order that has them.
 *
 * Steps, in the order locks are taken (the same in every batch, so concurrent batches queue instead of deadlocking):
 * new customers' addresses → the orders' unique keys → the customers' contact rows → pickup days → the variants'
 * stock.
 */
export async function createOrders(
  db: Db,
  {
    workspaceId,
    actorId,
    inputs,
  }: { workspaceId: string; actorId: string | null; inputs: readonly (OrderInput | unknown)[] },
): Promise<{ results: CreateOrderResult[] }> {
  const now = new Date();
  const results: (CreateOrderResult | undefined)[] = inputs.map(() => undefined);
  const prepared: PreparedOrder[] = [];
  inputs.forEach((raw, i) => {
    const p = prepareOrder(raw, i, now);
    if (p.ok) prepared.push(p.order);
    else results[i] = failure(p.fields);
  });

  // The same external order twice in one batch: the first one is created, the others answer as it does.
  const leaderOf = new Map<number, number>();
  const firstByKey = new Map<string, number>();
  const leaders: PreparedOrder[] = [];
  for (const p of prepared) {
    const first = p.key ? firstByKey.get(p.key) : undefined;
    if (first !== undefined) leaderOf.set(p.index, first);
    else {
      if (p.key) firstByKey.set(p.key, p.index);
      leaders.push(p);
    }
  }

  // Our numbers are taken before the transaction (see allocateOrderNumbers), for the orders not known yet: a repeated
  // delivery takes none. An order created meanwhile by another transaction leaves a gap.
  const unnumbered = leaders.filter((p) => !p.input.number);
  const known = await findExisting(db, workspaceId, unnumbered);
  const numbers = await allocateOrderNumbers(
    db,
    workspaceId,
    unnumbered.filter((p) => !(p.key && known.has(p.key))).length,
  );

  const failed = new Map<number, AppError>();
  let conflicts = 0;
  for (;;) {
    try {
      const out = await db.transaction((tx) =>
        placeBatch(tx, { workspaceId, actorId, now, leaders: leaders.filter((p) => !failed.has(p.index)), numbers }),
      );
      for (const [i, r] of out) results[i] = r;
      break;
    } catch (err) {
      // Each RetryWithout leaves at least one more order out, so this ends.
      if (err instanceof RetryWithout) for (const [i, e] of err.failed) failed.set(i, e);
      else if (!retryable(err) || ++conflicts >= MAX_ATTEMPTS) throw err;
    }
  }
  for (const [i, e] of failed) results[i] = fromAppError(e);
  for (const [i, leader] of leaderOf) {
    const r = results[leader]!;
    results[i] = r.status === 'error' ? r : { status: 'existing', order: r.order };
  }
  return { results: results as CreateOrderResult[] };
}

type BatchInput = {
  workspaceId: string;
  actorId: string | null;
  now: Date;
  leaders: PreparedOrder[];
  numbers: string[];
};

async function placeBatch(tx: Tx, b: BatchInput): Promise<Map<number, CreateOrderResult>> {
  const { workspaceId, actorId, now } = b;
  const out = new Map<number, CreateOrderResult>();
  const fail = (p: PreparedOrder, r: CreateOrderResult) => out.set(p.index, r);

  // 1. Orders that exist already.
  const existing = await findExisting(tx, workspaceId, b.leaders);
  let todo = b.leaders.filter((p) => {
    const row = p.key ? existing.get(p.key) : undefined;
    if (row) out.set(p.index, { status: 'existing', order: toSummary(row) });
    return !row;
  });

  // 2. The catalog lines, then the chosen shipping, then the money.
  const refs = todo.flatMap((p) => p.lines.map((l) => l.ref));
  const variants = await resolveVariants(tx, workspaceId, refs);
  let at = 0;
  todo = todo.filter((p) => {
    const errors = applyVariants(p, variants.slice(at, at + p.lines.length));
    at += p.lines.length;
    if (errors.length) fail(p, failure(errors));
    return !errors.length;
  });
  const shippable: PreparedOrder[] = [];
  for (const p of todo) {
    const s = p.input.shipping;
    if (!s || !('quoteId' in s)) {
      shippable.push(p);
      continue;
    }
    try {
      const c = await takeQuotedOption(tx, { workspaceId, quoteId: s.quoteId, optionId: s.optionId });
      if (c.currency !== p.input.currency) {
        fail(
          p,
          failure([
            { field: 'shipping.quoteId', message: `was quoted in ${c.currency}, the order is in ${p.input.currency}` },
          ]),
        );
        continue;
      }
      p.shipping = {
        quoteId: c.quoteId,
        optionId: c.optionId,
        carrierId: c.carrierId,
        carrierName: c.carrierName,
        serviceId: c.serviceId,
        serviceName: c.serviceName,
        serviceKind: c.serviceKind,
        priceMinor: c.priceMinor,
        breakdown: c.breakdown,
        eta: c.eta,
      };
      shippable.push(p);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(p, fromAppError(err));
    }
  }
  const settled: { p: PreparedOrder; money: NewOrder['money'] }[] = [];
  for (const p of shippable) {
    const s = settle(p);
    if (s.ok) settled.push({ p, money: s.money });
    else fail(p, failure(s.fields));
  }

  // 3. Customers: found, or named for creation, in one pass for the batch.
  const { results: customers, fresh: newContacts } = await resolveCustomers(tx, {
    workspaceId,
    refs: settled.map(({ p }) => customerRef(p)),
  });
  let n = 0;
  const nextNumber = () => {
    const number = b.numbers[n++];
    // Only when an order seen as existing before the transaction is gone in it: orders are never deleted.
    if (!number) throw new Error('more new orders than order numbers taken');
    return number;
  };
  const candidates: NewOrder[] = [];
  settled.forEach(({ p, money }, i) => {
    const c = customers[i]!;
    if ('error' in c) {
      fail(p, failure([c.error]));
      return;
    }
    const paymentStatus = paymentStatusOf(money.paidMinor, money.totalMinor);
    const paidAt =
      paymentStatus === 'paid' ? (p.input.payment?.paidAt ? new Date(p.input.payment.paidAt) : p.placedAt) : null;
    candidates.push({
      prepared: p,
      money,
      number: p.input.number ?? nextNumber(),
      contactId: c.contactId,
      paymentStatus,
      paidAt,
    });
  });

  // 4. The orders themselves; a key another transaction just took makes that order `existing`.
  const rows = new Map(candidates.map((o) => [o.prepared.id, rowOf(workspaceId, o, now)]));
  const inserted = await insertOrders(tx, [...rows.values()]);
  const lost = candidates.filter((o) => !inserted.has(o.prepared.id));
  if (lost.length) {
    const found = await findExisting(
      tx,
      workspaceId,
      lost.map((o) => o.prepared),
    );
    for (const o of lost) {
      const row = o.prepared.key ? found.get(o.prepared.key) : undefined;
      if (!row) throw new Error(`order ${o.prepared.index} was neither inserted nor found`);
      out.set(o.prepared.index, { status: 'existing', order: toSummary(row) });
    }
  }
  const won = candidates.filter((o) => inserted.has(o.prepared.id));

  // 5. The customers: new ones written at their stage; known ones are moved forward in step 7.
  const liveOrders = new Map<string, number>();
  for (const o of won)
    if (o.contactId && o.money.status !== 'cancelled')
      liveOrders.set(o.contactId, (liveOrders.get(o.contactId) ?? 0) + 1);
  const usedContacts = new Set(won.flatMap((o) => (o.contactId ? [o.contactId] : [])));
  const created = newContacts.filter((c) => usedContacts.has(c.id));
  await insertNewContacts(tx, {
    workspaceId,
    actorId,
    contacts: created.map((c) => ({ ...c, liveOrders: liveOrders.get(c.id) ?? 0 })),
  });
  const createdIds = new Set(created.map((c) => c.id));
  const known = [...usedContacts].filter((id) => !createdIds.has(id)).sort();

  // 6. Lines, payments, history, events, timeline: rows of this batch only, written while other batches do the same.
  await insertLines(tx, workspaceId, won);
  await insertPayments(tx, workspaceId, actorId, won);
  await recordOrderSteps(
    tx,
    won.flatMap((o) => placementSteps(rows.get(o.prepared.id)!, o, actorId)),
  );

  // 7. Known customers, locked and moved forward. The locks are held to the commit (the order counts must see every
  //    committed order), so they are taken after the batch's own writes: a batch sharing one customer with this one
  //    waits for the stage step and the stock below, not for all of step 6 as well.
  await lockContacts(tx, workspaceId, known);
  await advanceLifecycleStages(tx, {
    workspaceId,
    actorId,
    contactIds: known.filter((id) => liveOrders.has(id)),
  });

  // 8. Stock and pickup capacity, for live orders (past ones brought in never held any). Last, because from the
  //    first reservation on, every batch reserving the same variants waits for this one to commit.
  const live = won.filter((o) => !o.prepared.imported);
  const holds = await placeHolds(tx, workspaceId, live.map(holdRequest));
  const holdFailed = new Map<number, AppError>();
  holds.forEach((h, i) => {
    if (!h.ok && !h.retry) holdFailed.set(live[i]!.prepared.index, h.error);
  });
  if (holdFailed.size) throw new RetryWithout(holdFailed);
  // placeHolds answers `retry` only beside a final refusal; without one the loop above would never end.
  if (holds.some((h) => !h.ok)) throw new Error('holds asked for a retry without refusing any order');
  await setAllocations(
    tx,
    workspaceId,
    holds.flatMap((h) => (h.ok ? h.allocations : [])),
  );
  for (const o of won) out.set(o.prepared.index, { status: 'created', order: toSummary(rows.get(o.prepared.id)!) });
  return out;
}

async function findExisting(tx: DbOrTx, workspaceId: string, list: PreparedOrder[]): Promise<Map<string, OrderRow>> {
  const keyed = list.filter((p) => p.key);
  if (!keyed.length) return new Map();
  const rows = await tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.workspaceId, workspaceId),
        sql`(${orders.source}, ${orders.externalId}) in (select * from unnest(${textArray(
          keyed.map((p) => p.input.source),
        )}, ${textArray(keyed.map((p) => p.input.externalId!))}))`,
      ),
    );
  return new Map(rows.map((r) => [`${r.source}\u0000${r.externalId}`, r]));
}

function customerRef(p: PreparedOrder): CustomerRef {
  const a = p.input.shippingAddress ?? p.input.billingAddress;
  return {
    source: p.input.source,
    contactId: p.input.customer.contactId ?? null,
    email: p.email,
    phone: p.phone,
    firstName: p.customer.firstName,
    lastName: p.customer.lastName,
    address: a
      ? {
          street: [a.line1, a.line2].filter(Boolean).join(', '),
          city: a.city,
          region: a.region ?? null,
          postcode: a.postcode ?? null,
          country: a.country,
        }
      : null,
  };
}

function holdRequest(o: NewOrder): HoldRequest {
  const p = o.prepared;
  return {
    orderId: p.id,
    number: o.number,
    pickupPointId: p.input.pickupPointId ?? null,
    // The parcel reaches the point on the quoted day when there was a quote; otherwise count it on the order's day.
    pickupDate: p.shipping?.eta?.earliest ?? p.placedAt.toISOString().slice(0, 10),
    lines: p.lines.flatMap((l) =>
      l.variantId ? [{ lineId: l.id, variantId: l.variantId, quantity: l.quantity, position: l.position }] : [],
    ),
  };
}

function placementSteps(row: OrderRow, o: NewOrder, actorId: string | null): OrderStep[] {
  const facts = { ...row };
  const p = o.prepared;
  const total = moneyText(row.totalMinor, row.currency);
  const paid = row.paymentStatus === 'paid';
  const data = {
    lines: p.lines.length,
    items: row.itemCount,
    ...(p.imported ? { imported: true } : {}),
  };
  const steps: OrderStep[] = [
    {
      order: facts,
      type: 'placed',
      fromStatus: null,
      event: 'order.placed',
      data,
      summary: `Order ${row.number} ${p.imported ? `brought in (${row.status})` : paid ? 'placed and paid' : 'placed'} — ${total}`,
      at: row.placedAt,
      actorId,
    },
  ];
  // Past orders announce only their placement: automations must not greet a customer for a year-old delivery.
  if (paid && !p.imported)
    steps.push({
      order: facts,
      type: 'paid',
      fromStatus: 'placed',
      event: 'order.paid',
      at: row.paidAt ?? row.placedAt,
      actorId,
    });
  return steps;
}

/** One order: created (201) or the existing one (200); a bad input throws the AppError naming its fields. */
export async function createOrder(
  db: Db,
  { workspaceId, actorId, input }: { workspaceId: string; actorId: string | null; input: OrderInput | unknown },
): Promise<{ status: 'created' | 'existing'; order: OrderSummary }> {
  const { results } = await createOrders(db, { workspaceId, actorId, inputs: [input] });
  const r = results[0]!;
  if (r.status === 'error') throw new AppError(r.error.code as AppError['code'], r.error.message, r.error.fields);
  return r;
}
