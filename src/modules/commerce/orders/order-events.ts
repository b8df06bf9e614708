import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { emitEvents } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { currencyDigits } from '../../../platform/money.ts';
import { appendTimeline, type TimelineEntryInput } from '../../crm/index.ts';
import type { OrderStatus, PaymentStatus } from './schema.ts';

// What every step of an order leaves behind, in the step's transaction: a row in the order's history, the domain event
// (`order.placed`, `order.paid`, …) and an entry on the customer's timeline. One function, for a batch of 1,000
// placements and for a single refund alike (three statements whatever the count).

export type OrderFacts = {
  workspaceId: string;
  id: string;
  contactId: string | null;
  number: string;
  source: string;
  externalId: string | null;
  totalMinor: number;
  currency: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
};

export const ORDER_EVENTS = [
  'order.placed',
  'order.paid',
  'order.fulfilled',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'order.refunded',
] as const;
export type OrderEventType = (typeof ORDER_EVENTS)[number];

export type OrderStep = {
  order: OrderFacts;
  /** History type: placed | paid | payment | fulfilled | shipped | delivered | cancelled | refunded. */
  type: string;
  fromStatus: OrderStatus | null;
  /** The domain event, when this step is one (a partial payment is history only). */
  event?: OrderEventType;
  /** Facts of the step (lines, amounts, tracking), in the history row, the event payload and the timeline entry. */
  data?: Record<string, unknown>;
  /** The timeline line ("Order F-1001 shipped — DHL 00340…"); no entry without it or without a customer. */
  summary?: string;
  at?: Date;
  actorId: string | null;
};

/** `EUR 12.50`: the timeline shows the server's words as they are, so amounts go in a neutral spelling. */
export function moneyText(minor: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  return `${currency} ${(minor / 10 ** digits).toFixed(digits)}`;
}

export function eventPayload(o: OrderFacts, data: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: o.id,
    contactId: o.contactId,
    number: o.number,
    source: o.source,
    externalId: o.externalId,
    totalMinor: o.totalMinor,
    currency: o.currency,
    status: o.status,
    paymentStatus: o.paymentStatus,
    ...data,
  };
}

export async function recordOrderSteps(tx: DbOrTx, steps: OrderStep[]): Promise<void> {
  if (!steps.length) return;
  const now = new Date();
  await tx.execute(sql`
    insert into commerce_order_history (workspace_id, id, order_id, type, from_status, to_status, data, actor_id, at)
    select h.workspace_id, h.id, h.order_id, h.type, h.from_status, h.to_status, h.data, h.actor_id, h.at
    from json_to_recordset(${JSON.stringify(
      steps.map((s) => ({
        workspace_id: s.order.workspaceId,
        id: newId(),
        order_id: s.order.id,
        type: s.type,
        from_status: s.fromStatus,
        to_status: s.order.status,
        data: s.data ?? {},
        actor_id: s.actorId,
        at: (s.at ?? now).toISOString(),
      })),
    )}::json) as h(workspace_id uuid, id uuid, order_id uuid, type text, from_status text, to_status text, data jsonb,
      actor_id uuid, at timestamptz)`);
  const events = steps.flatMap((s) =>
    s.event
      ? [
          {
            workspaceId: s.order.workspaceId,
            type: s.event,
            subjectId: s.order.id,
            payload: eventPayload(s.order, s.data),
          },
        ]
      : [],
  );
  await emitEvents(tx, events);
  const timeline: TimelineEntryInput[] = steps.flatMap((s) =>
    s.summary && s.order.contactId
      ? [
          {
            workspaceId: s.order.workspaceId,
            contactId: s.order.contactId,
            kind: `order_${s.type}`,
            module: 'commerce',
            at: s.at ?? now,
            actorId: s.actorId,
            data: {
              orderId: s.order.id,
              number: s.order.number,
              subject: s.summary,
              status: s.order.status,
              totalMinor: s.order.totalMinor,
              currency: s.order.currency,
              ...(s.data ?? {}),
            },
          },
        ]
      : [],
  );
  if (timeline.length) await appendTimeline(tx, timeline);
}
