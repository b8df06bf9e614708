import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/client.ts';

// Seeding through the API, as a user would (imported by *.test.ts only).

type Who = { bearer: Record<string, string> };

export function stockApi(app: FastifyInstance, who: Who) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.bearer,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const r = await call(method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.statusCode === 204 ? {} : r.json();
  };
  return {
    call,
    ok,
    /** A product with one variant per SKU; answers the variant ids in order. */
    product: async (title: string, skus: string[], extra: Record<string, unknown> = {}) => {
      const p = await ok('POST', '/products', {
        title,
        variants: skus.map((sku) => ({ sku, prices: [{ currency: 'EUR', amountMinor: 1000 }], weightGrams: 500 })),
        ...extra,
      });
      return { productId: p.id as string, variantIds: (p.variants as { id: string }[]).map((v) => v.id) };
    },
    location: async (name: string, kind: 'warehouse' | 'shop' | 'dropship', extra: Record<string, unknown> = {}) =>
      (
        await ok('POST', '/stock-locations', {
          name,
          kind,
          ...(kind === 'dropship'
            ? { supplierEmail: `${name.toLowerCase().replace(/\W+/g, '-')}@supplier.example` }
            : {}),
          ...extra,
        })
      ).id as string,
    receive: (locationId: string, variantId: string, quantity: number) =>
      ok('POST', `/stock-locations/${locationId}/receive`, { lines: [{ variantId, quantity }] }),
    level: async (locationId: string, variantId: string) =>
      (await ok('GET', `/stock-levels?locationId=${locationId}&variantId=${variantId}`)).data[0] as
        | { onHand: number; reserved: number; available: number | null; low: boolean }
        | undefined,
  };
}

/**
 * The ledger invariant: for every level, the sum of its movements' deltas equals what the level says. Answers the
 * levels that disagree (none, when the ledger is consistent).
 */
export async function ledgerMismatches(db: Db, workspaceId: string) {
  const r = await db.execute(sql`
    select l.location_id, l.variant_id, l.on_hand, l.reserved,
      coalesce(sum(m.on_hand_delta), 0)::int as ledger_on_hand, coalesce(sum(m.reserved_delta), 0)::int as ledger_reserved
    from commerce_stock_levels l
    left join commerce_stock_movements m
      on m.workspace_id = l.workspace_id and m.location_id = l.location_id and m.variant_id = l.variant_id
    where l.workspace_id = ${workspaceId}
    group by l.location_id, l.variant_id, l.on_hand, l.reserved
    having l.on_hand <> coalesce(sum(m.on_hand_delta), 0) or l.reserved <> coalesce(sum(m.reserved_delta), 0)`);
  return r.rows;
}

/** Levels whose `reserved` differs from what the reservations still hold there. */
export async function reservationMismatches(db: Db, workspaceId: string) {
  const r = await db.execute(sql`
    select l.location_id, l.variant_id, l.reserved, coalesce(sum(r.quantity - r.released_qty - r.shipped_qty), 0)::int as held
    from commerce_stock_levels l
    left join commerce_stock_reservations r
      on r.workspace_id = l.workspace_id and r.location_id = l.location_id and r.variant_id = l.variant_id
    where l.workspace_id = ${workspaceId}
    group by l.location_id, l.variant_id, l.reserved
    having l.reserved <> coalesce(sum(r.quantity - r.released_qty - r.shipped_qty), 0)`);
  return r.rows;
}
