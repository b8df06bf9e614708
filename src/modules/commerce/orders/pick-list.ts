import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { ZPickList } from './contracts.ts';
import type { LineAllocation, PaymentStatus } from './schema.ts';

type PickList = z.infer<typeof ZPickList>;
type Group = PickList['locations'][number];

/** A pick list is a working sheet, not an archive: the oldest open lines first, this many at most. */
const MAX_LINES = 2000;

type Row = {
  order_id: string;
  number: string;
  placed_at: Date;
  payment_status: PaymentStatus;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  line_id: string;
  sku: string | null;
  title: string;
  open: number;
  allocations: LineAllocation[];
};

/**
 * Where a line's `open` units are. Fulfilment (stock's shipStock) takes a line's first allocations first, so the
 * open units are its last ones.
 */
export function openAllocations(allocations: LineAllocation[], open: number): LineAllocation[] {
  let skip = allocations.reduce((s, a) => s + a.quantity, 0) - open;
  const out: LineAllocation[] = [];
  for (const a of allocations) {
    const here = Math.max(0, a.quantity - Math.max(0, skip));
    skip -= a.quantity;
    if (here > 0) out.push({ ...a, quantity: here });
  }
  return out;
}

/**
 * What is still to pick, per stock location: every open unit of live orders, placed on the location stock
 * allocated it to (a split line appears under each of its locations). Units of lines outside the catalog have no
 * location (`locationId` null). A dropship supplier's units are the supplier's to send and are left out.
 */
export async function getPickList(db: DbOrTx, workspaceId: string, locationId?: string): Promise<PickList> {
  const r = await db.execute<Row>(sql`
    select o.id as order_id, o.number, o.placed_at, o.payment_status, o.customer->>'firstName' as first_name,
      o.customer->>'lastName' as last_name, o.email, l.id as line_id, l.sku, l.title,
      l.quantity - l.fulfilled_qty as open, l.allocations
    from commerce_order_lines l
    join commerce_orders o on o.workspace_id = l.workspace_id and o.id = l.order_id
    where l.workspace_id = ${workspaceId} and l.fulfilled_qty < l.quantity
      and o.status in ('placed', 'paid', 'partially_fulfilled', 'partially_shipped')
    order by o.placed_at, o.id, l.position
    limit ${MAX_LINES}`);
  const groups = new Map<string, Group>();
  const add = (loc: string | null, kind: 'warehouse' | 'shop' | null, row: Row, quantity: number) => {
    if (locationId && loc !== locationId) return;
    const key = loc ?? '';
    let g = groups.get(key);
    if (!g) {
      g = { locationId: loc, locationKind: kind, units: 0, lines: [] };
      groups.set(key, g);
    }
    g.units += quantity;
    g.lines.push({
      orderId: row.order_id,
      orderNumber: row.number,
      placedAt: new Date(row.placed_at),
      paymentStatus: row.payment_status,
      customerName: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email,
      lineId: row.line_id,
      sku: row.sku,
      title: row.title,
      quantity,
    });
  };
  for (const row of r.rows) {
    if (!row.allocations.length) add(null, null, row, row.open);
    for (const a of openAllocations(row.allocations, row.open))
      if (a.locationKind !== 'dropship') add(a.locationId, a.locationKind, row, a.quantity);
  }
  return { locations: [...groups.values()] };
}
