import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { fixtureText, orderImportClient, storefrontClient } from './test-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: API answers are read freely in tests.
type Json = Record<string, any>;

describe('order CSV import', async () => {
  const { app, db } = await testApp();
  const c = orderImportClient(app, db);
  const sc = storefrontClient(app, db);
  const byNumber = async (who: { workspaceId: string; bearer: Record<string, string> }, source: string) => {
    const list = await sc.orders(who, source);
    const full = await Promise.all(list.map((o) => sc.order(who, o.id)));
    return new Map(full.map((o: Json) => [o.number as string, o]));
  };

  it('Shopify export: rows grouped into orders, taxes spread over lines, statuses kept, a bad order reported by row', async () => {
    const ws = await signUpWorkspace(app);
    const up = await c.upload(ws, 'orders_export_1.csv', fixtureText('shopify-orders.csv'));
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ format: 'shopify', encoding: 'utf-8', delimiter: ',', status: 'uploaded' });
    expect(up.json().preview[0].slice(0, 3)).toEqual(['#1001', 'sophie.martin@example.fr', 'paid']);
    const st = await c.start(ws, up.json().id);
    expect(st.statusCode, st.body).toBe(202);
    expect(st.json().status).toBe('queued');
    await c.run(ws, up.json().id);
    const done = await c.get(ws, up.json().id);
    expect(done).toMatchObject({
      status: 'done',
      rowsDone: 5,
      rowsTotal: 5,
      ordersDone: 4,
      created: 3,
      existing: 0,
      failed: 1,
      skipped: 0,
      progress: 1,
    });

    const orders = await byNumber(ws, 'shopify');
    expect([...orders.keys()].sort()).toEqual(['#1001', '#1002', '#1003']);
    const o1 = orders.get('#1001')!;
    expect(o1).toMatchObject({
      externalId: '7410991464714',
      status: 'fulfilled',
      imported: true,
      paymentStatus: 'paid',
      currency: 'EUR',
      totalMinor: 6970,
      shippingMinor: 490,
      taxMinor: 1162,
      placedAt: '2026-01-07T08:50:26.000Z',
      customer: { email: 'sophie.martin@example.fr', firstName: 'Sophie', lastName: 'Martin' },
      shippingAddress: { line1: '13 rue de Berri', city: 'Paris', postcode: '75008', country: 'FR' },
      tags: ['vip', 'newsletter'],
    });
    expect(o1.lines.map((l: Json) => [l.sku, l.quantity, l.totalMinor])).toEqual([
      ['MASK-COL', 2, 5040],
      ['SERUM-C', 1, 1440],
    ]);
    expect(o1.payments).toMatchObject([
      { amountMinor: 6970, method: 'Shopify Payments', reference: 'rIw4QXqrJbXeyKv4gKSgs2b8P' },
    ]);
    expect(orders.get('#1002')).toMatchObject({
      status: 'placed',
      paymentStatus: 'unpaid',
      currency: 'USD',
      totalMinor: 3710,
      taxMinor: 210,
    });
    expect(orders.get('#1003')).toMatchObject({ status: 'cancelled', totalMinor: 1900, paidMinor: 0 });

    expect(await c.errors(ws, up.json().id)).toEqual([
      {
        kind: 'error',
        orderRef: '#1004',
        rows: [6],
        message: 'Order #1004 cannot be read.',
        fields: [{ field: 'row 6: Lineitem quantity', message: '"two" is not a whole number ≥ 1' }],
      },
    ]);

    // The same file again: every order is already there; nothing is created twice.
    const again = await c.importFile(ws, 'orders_export_1.csv', fixtureText('shopify-orders.csv'));
    expect(again).toMatchObject({ status: 'done', created: 0, existing: 3, failed: 1 });
    expect(await sc.orders(ws, 'shopify')).toHaveLength(3);
  });

  it('WooCommerce export: one row per item or items packed per order; drafts skipped; ids scoped by the shop host', async () => {
    const ws = await signUpWorkspace(app);
    const up = await c.upload(ws, 'woocommerce-orders.csv', fixtureText('woocommerce-orders.csv'));
    expect(up.json().format).toBe('woocommerce');
    const noShop = await c.start(ws, up.json().id);
    expect(noShop.statusCode).toBe(400);
    expect(noShop.json().errors).toEqual([
      { field: 'shopDomain', message: 'is required for a WooCommerce file (its order ids are per shop)' },
    ]);
    const sf = await sc.connect(ws, { name: 'Linnen & Co', platform: 'woocommerce', shopDomain: 'shop.example.com' });
    expect((await c.start(ws, up.json().id, { storefrontId: sf.id })).statusCode).toBe(202);
    await c.run(ws, up.json().id);
    expect(await c.get(ws, up.json().id)).toMatchObject({
      status: 'done',
      shopDomain: 'shop.example.com',
      created: 2,
      skipped: 1,
      failed: 1,
    });
    const errors = await c.errors(ws, up.json().id);
    expect(errors.map((e: Json) => [e.kind, e.orderRef, e.rows])).toEqual([
      ['skipped', '4713', [5]],
      ['error', '4714', [6]],
    ]);
    expect(errors[1].fields).toEqual([{ field: 'row 6: item total', message: '"nine" is not an amount' }]);

    const orders = await byNumber(ws, 'woocommerce');
    expect(orders.get('4711')).toMatchObject({ externalId: 'shop.example.com:4711', status: 'paid', totalMinor: 5341 });
    expect(orders.get('4712')).toMatchObject({
      status: 'fulfilled',
      totalMinor: 3630,
      shipping: { carrierName: 'Local pickup' },
    });

    // The shop's webhook for an order the file brought: the same order, not a second one.
    const body = fixtureText('woocommerce-order.wire.txt');
    const hook = await sc.woo(sf.path, body, sf.secret, { 'x-wc-webhook-topic': 'order.updated' });
    expect(hook.statusCode).toBe(200);
    await sc.work(ws.workspaceId);
    expect((await sc.deliveries(ws.workspaceId))[0]).toMatchObject({
      status: 'processed',
      outcome: 'Up to date: nothing to do',
    });
    expect(await sc.orders(ws, 'woocommerce')).toHaveLength(2);

    const packed = await c.importFile(ws, 'export.csv', fixtureText('woocommerce-orders-packed.csv'), {
      shopDomain: 'shop.example.com',
    });
    expect(packed).toMatchObject({ status: 'done', created: 1, failed: 0 });
    const o = (await byNumber(ws, 'woocommerce')).get('4801');
    expect(o).toMatchObject({ status: 'fulfilled', totalMinor: 2898, shippingMinor: 478 });
    expect(o!.lines.map((l: Json) => [l.sku, l.quantity, l.unitPriceMinor, l.taxMinor])).toEqual([
      ['NOTE-A5', 2, 600, 252],
      ['PENCIL-6', 1, 800, 168],
    ]);
  });

  it('Freehold layout: a POS batch and web orders; bad dates, rows without an order and split orders are reported', async () => {
    const ws = await signUpWorkspace(app);
    const done = await c.importFile(ws, 'till-1.csv', fixtureText('freehold-orders.csv'));
    expect(done).toMatchObject({ format: 'csv', status: 'done', created: 2, failed: 3 });
    const pos = await byNumber(ws, 'pos');
    expect(pos.get('T1-0001')).toMatchObject({
      externalId: 'TILL1-20260201-0001',
      status: 'delivered',
      imported: true,
      paymentStatus: 'paid',
      totalMinor: 1883,
    });
    const web = await byNumber(ws, 'csv');
    expect(web.get('W-77')).toMatchObject({
      status: 'placed',
      paymentStatus: 'partially_paid',
      totalMinor: 2495,
      paidMinor: 1000,
      tags: ['gift', 'b2c'],
    });
    const errors = await c.errors(ws, done.id);
    expect(errors.map((e: Json) => [e.orderRef, e.rows, e.fields[0].field])).toEqual([
      ['WEB-78', [5], 'placed_at'],
      [null, [6], 'order_id'],
      ['TILL1-20260201-0001', [7], 'order_id'],
    ]);
    expect(errors[2].message).toMatch(/whose other rows came earlier in the file/);
  });

  it('refuses at upload a file without the columns of the layout asked for, naming them, and keeps nothing', async () => {
    const ws = await signUpWorkspace(app);
    const r = await c.upload(ws, 'till.csv', fixtureText('freehold-orders.csv'), { format: 'shopify' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([
      {
        field: 'file',
        message: 'lacks the Shopify order export columns Name, Lineitem quantity, Lineitem price',
      },
    ]);
    const unknown = await c.upload(ws, 'people.csv', 'name,email\nAnna,anna@example.com\n');
    expect(unknown.statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/order-imports', headers: ws.bearer })).json().data).toHaveLength(0);
  });

  it('a run that dies after creating a batch resumes at its checkpoint and creates nothing twice', async () => {
    const ws = await signUpWorkspace(app);
    const rows = ['order_id,currency,title,quantity,unit_price'];
    for (let i = 1; i <= 30; i++) rows.push(`R-${i},EUR,Item ${i},1,${i}.00`, `R-${i},EUR,Extra ${i},2,0.50`);
    const csv = `${rows.join('\n')}\n`;
    const up = await c.upload(ws, 'big.csv', csv);
    await c.start(ws, up.json().id);
    await expect(
      c.run(ws, up.json().id, {
        batchSize: 10,
        hooks: {
          beforeCheckpoint: (n) => {
            if (n === 2) throw new Error('worker killed');
          },
        },
      }),
    ).rejects.toThrow('worker killed');
    const crashed = await c.get(ws, up.json().id);
    expect(crashed).toMatchObject({ status: 'failed', rowsDone: 20, created: 10 });
    const progress: number[] = [];
    await c.run(ws, up.json().id, { batchSize: 10, onProgress: (p) => progress.push(p.rowsDone) });
    expect(progress).toEqual([40, 60]);
    // Batch 2's orders were made before the crash: the resumed run finds them there.
    expect(await c.get(ws, up.json().id)).toMatchObject({
      status: 'done',
      rowsDone: 60,
      ordersDone: 30,
      created: 20,
      existing: 10,
    });
    const all = await sc.orders(ws, 'csv');
    expect(all).toHaveLength(30);
    expect(new Set(all.map((o) => o.externalId)).size).toBe(30);
  });

  it('a cancelled import stops before its next batch', async () => {
    const ws = await signUpWorkspace(app);
    const up = await c.upload(ws, 'x.csv', fixtureText('freehold-orders.csv'));
    await c.start(ws, up.json().id);
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/order-imports/${up.json().id}/cancel`,
      headers: ws.bearer,
    });
    expect(cancel.json().status).toBe('cancelled');
    expect((await c.run(ws, up.json().id)).status).toBe('cancelled');
    expect(await sc.orders(ws, 'pos')).toHaveLength(0);
  });
});
