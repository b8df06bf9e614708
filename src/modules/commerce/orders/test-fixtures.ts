// Test support (imported by the orders tests only): a small catalog with stock, made through the catalog and stock
// areas' own use cases, and readers of what a test checks afterwards.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { createProduct } from '../catalog/create-product.ts';
import { createLocation } from '../stock/create-location.ts';
import { receiveStock } from '../stock/receive-stock.ts';

export type Catalog = {
  warehouseId: string;
  shopId: string;
  supplierId: string;
  /** sku → variant id */
  variants: Record<string, string>;
};

/**
 * Three variants in stock at a warehouse (LAMP-S 10, LAMP-L 5, SHADE 3), one at a shop (LAMP-S 4), and DROP-1 that
 * only a dropship supplier (not reporting levels) carries.
 */
export async function seedCatalog(db: Db, workspaceId: string): Promise<Catalog> {
  const product = await createProduct({
    db,
    workspaceId,
    input: {
      title: 'Desk lamp',
      variants: [
        { sku: 'LAMP-S', title: 'Small', prices: [{ currency: 'EUR', amountMinor: 2500 }] },
        { sku: 'LAMP-L', title: 'Large', prices: [{ currency: 'EUR', amountMinor: 4000 }] },
      ],
    },
  });
  const shade = await createProduct({
    db,
    workspaceId,
    input: { title: 'Lamp shade', variants: [{ sku: 'SHADE', prices: [{ currency: 'EUR', amountMinor: 1500 }] }] },
  });
  const drop = await createProduct({
    db,
    workspaceId,
    input: { title: 'Floor rug', variants: [{ sku: 'DROP-1', prices: [{ currency: 'EUR', amountMinor: 9900 }] }] },
  });
  const variants: Record<string, string> = {};
  for (const v of [...product.variants, ...shade.variants, ...drop.variants]) variants[v.sku] = v.id;
  const warehouse = await createLocation({
    db,
    workspaceId,
    input: { name: 'Main warehouse', kind: 'warehouse', code: 'WH1', priority: 0 },
  });
  const shop = await createLocation({ db, workspaceId, input: { name: 'City shop', kind: 'shop', code: 'SHOP' } });
  const supplier = await createLocation({
    db,
    workspaceId,
    input: { name: 'Rug supplier', kind: 'dropship', supplierEmail: 'rugs@supplier.example', tracksLevels: false },
  });
  await receiveStock({
    db,
    workspaceId,
    actorId: null,
    locationId: warehouse.id,
    input: {
      lines: [
        { variantId: variants['LAMP-S']!, quantity: 10 },
        { variantId: variants['LAMP-L']!, quantity: 5 },
        { variantId: variants.SHADE!, quantity: 3 },
      ],
    },
  });
  await receiveStock({
    db,
    workspaceId,
    actorId: null,
    locationId: shop.id,
    input: { lines: [{ variantId: variants['LAMP-S']!, quantity: 4 }] },
  });
  // The supplier carries DROP-1 without counting it: a level row says which variants it supplies.
  await db.execute(sql`
    insert into commerce_stock_levels (workspace_id, location_id, variant_id)
    values (${workspaceId}, ${supplier.id}, ${variants['DROP-1']!})`);
  return { warehouseId: warehouse.id, shopId: shop.id, supplierId: supplier.id, variants };
}

/** on hand and reserved of a variant at a location. */
export async function level(db: Db, workspaceId: string, locationId: string, variantId: string) {
  const r = await db.execute<{ on_hand: number; reserved: number }>(sql`
    select on_hand, reserved from commerce_stock_levels
    where workspace_id = ${workspaceId} and location_id = ${locationId} and variant_id = ${variantId}`);
  const row = r.rows[0];
  return row ? { onHand: row.on_hand, reserved: row.reserved } : null;
}

export async function eventsOf(db: Db, workspaceId: string, orderId: string) {
  const r = await db.execute<{ type: string; payload: Record<string, unknown> }>(sql`
    select type, payload from domain_events where workspace_id = ${workspaceId} and subject_id = ${orderId}
    order by id`);
  return r.rows;
}

export async function timelineOf(db: Db, workspaceId: string, contactId: string) {
  const r = await db.execute<{ kind: string; module: string; data: Record<string, unknown> }>(sql`
    select kind, module, data from timeline_entries where workspace_id = ${workspaceId} and contact_id = ${contactId}
    order by at, id`);
  return r.rows;
}

export async function count(db: Db, table: string, workspaceId: string): Promise<number> {
  const r = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
  );
  return r.rows[0]!.n;
}
