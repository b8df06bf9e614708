// Order ingest rate through `POST /api/v1/orders/batch`: the real server (createServer, own process, no job workers)
// on a fresh embedded PostgreSQL with 20,000 CRM contacts and a catalog of 200 variants in stock at a warehouse and a
// shop. Realistic orders: 2–3 catalog lines each, shipping address, a carrier price, 70 % paid at placement; 40 % from
// returning customers (an existing contact's email), the rest new (a contact is created, its stage moves to customer).
// Batches of 500 are sent by 4 clients at once. Three scenarios, in this order, each on fresh external ids:
//   1. catalog orders (stock reserved for the whole batch through stock's reserveStockForOrders),
//   2. the same orders with lines outside the catalog (no stock effect): what the stock contract costs,
//   3. the floor: the same orders' rows and lines written by one `insert … select from json_to_recordset` per batch
//      into copies of the two tables (same indexes), over the same pool size and concurrency — storing alone.
// After the run, the database is checked: every order is there once, reserved units equal the units ordered.
// `npm run bench -- orders-ingest`. Env: BENCH_ORDERS (20,000), BENCH_ORDERS_BATCH (500), BENCH_ORDERS_CONCURRENCY (4),
// BENCH_DATABASE_URL (use that server instead of an embedded one).
import { createProduct } from '../src/modules/commerce/catalog/create-product.ts';
import { createLocation } from '../src/modules/commerce/stock/create-location.ts';
import { receiveStock } from '../src/modules/commerce/stock/receive-stock.ts';
import { newId } from '../src/platform/ids.ts';
import {
  type BenchResult,
  log,
  machineInfo,
  type ResultRow,
  round2,
  rssSampler,
  runCleanups,
  summarize,
  writeResult,
} from './lib/common.ts';
import { startServer } from './lib/server-process.ts';
import { prepare } from './lib/setup.ts';

const int = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.floor(Number(v)) : d);

/** A deterministic generator, so two runs send the same orders. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Order = Record<string, unknown>;

function makeOrders(opts: {
  count: number;
  tag: string;
  skus: { sku: string; price: number }[];
  returning: string[];
  inCatalog: boolean;
}): Order[] {
  const rand = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const cities = ['Amsterdam', 'Utrecht', 'Rotterdam', 'Antwerpen', 'Köln', 'Lyon', 'Bologna'];
  const countries = ['NL', 'NL', 'NL', 'BE', 'DE', 'FR', 'IT'];
  return Array.from({ length: opts.count }, (_, i) => {
    const lines = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => {
      const v = pick(opts.skus);
      return opts.inCatalog
        ? { sku: v.sku, quantity: 1 + Math.floor(rand() * 2), unitPriceMinor: v.price }
        : {
            sku: `X-${v.sku}`,
            title: `Storefront item ${v.sku}`,
            quantity: 1 + Math.floor(rand() * 2),
            unitPriceMinor: v.price,
          };
    });
    const returning = rand() < 0.4 && opts.returning.length > 0;
    const c = Math.floor(rand() * cities.length);
    const total = lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0) + 695;
    return {
      source: 'shopify',
      externalId: `${opts.tag}-${i}`,
      number: `#${100000 + i}`,
      currency: 'EUR',
      customer: returning
        ? { email: pick(opts.returning) }
        : { email: `buyer.${opts.tag}.${i}@bench.example`, firstName: 'Bench', lastName: `Buyer ${i}` },
      lines,
      shippingAddress: {
        name: 'Bench Buyer',
        line1: `Street ${i % 500}`,
        city: cities[c],
        postcode: `${1000 + (i % 8000)}`,
        country: countries[c],
      },
      shipping: { carrier: 'PostNL', service: 'Standard', priceMinor: 695 },
      ...(rand() < 0.7 ? { payment: { amountMinor: total, method: 'card', reference: `pi_${opts.tag}_${i}` } } : {}),
    };
  });
}

type RunStats = { orders: number; seconds: number; batchMs: number[]; errors: string[] };

/** Sends the batches with `concurrency` clients in a closed loop; answers how long it took and each batch's time. */
async function drive(orders: Order[], batchSize: number, concurrency: number, send: (batch: Order[]) => Promise<void>) {
  const batches: Order[][] = [];
  for (let i = 0; i < orders.length; i += batchSize) batches.push(orders.slice(i, i + batchSize));
  const batchMs: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const b = batches[next++]!;
        const t = performance.now();
        try {
          await send(b);
        } catch (err) {
          errors.push(err instanceof Error ? err.message : String(err));
        }
        batchMs.push(performance.now() - t);
      }
    }),
  );
  return { orders: orders.length, seconds: (performance.now() - started) / 1000, batchMs, errors } satisfies RunStats;
}

function row(name: string, r: RunStats): ResultRow {
  const s = summarize(r.batchMs);
  return {
    scenario: name,
    orders: r.orders,
    orders_per_s: Math.round(r.orders / r.seconds),
    seconds: round2(r.seconds),
    batch_p50_ms: Math.round(s.p50),
    batch_p99_ms: Math.round(s.p99),
    errors: r.errors.length,
  };
}

export async function main(): Promise<void> {
  const started = Date.now();
  const rss = rssSampler();
  const params = {
    orders: int(process.env.BENCH_ORDERS, 20_000),
    batchSize: int(process.env.BENCH_ORDERS_BATCH, 500),
    concurrency: int(process.env.BENCH_ORDERS_CONCURRENCY, 4),
    contacts: 20_000,
    variants: 200,
    serverPool: 10,
  };
  try {
    const p = await prepare('orders', { contacts: params.contacts, companies: 500, notesPerContact: 0 });
    const machine = await machineInfo(p.database.url, p.database.kind);
    const ws = p.workspaceId;
    log('catalog: 50 products × 4 variants, stocked at a warehouse and a shop');
    const skus: { sku: string; price: number; id: string }[] = [];
    for (let i = 0; i < params.variants / 4; i++) {
      const prod = await createProduct({
        db: p.db,
        workspaceId: ws,
        input: {
          title: `Lamp model ${i}`,
          options: ['Size'],
          variants: ['S', 'M', 'L', 'XL'].map((size, j) => ({
            sku: `LMP-${i}-${size}`,
            optionValues: [size],
            prices: [{ currency: 'EUR', amountMinor: 1500 + i * 100 + j * 250 }],
          })),
        },
      });
      for (const v of prod.variants) skus.push({ sku: v.sku, id: v.id, price: 1500 + i * 100 });
    }
    for (const [name, kind] of [
      ['Bench warehouse', 'warehouse'],
      ['Bench shop', 'shop'],
    ] as const) {
      const loc = await createLocation({ db: p.db, workspaceId: ws, input: { name, kind } });
      await receiveStock({
        db: p.db,
        workspaceId: ws,
        actorId: null,
        locationId: loc.id,
        input: { lines: skus.map((s) => ({ variantId: s.id, quantity: 1_000_000 })) },
      });
    }
    const returning = (
      await p.db.$client.query<{ e: string }>(
        `select emails[1] as e from contacts where workspace_id = $1 and cardinality(emails) > 0 order by id limit 5000`,
        [ws],
      )
    ).rows.map((r) => r.e);
    await p.db.$client.query(`
      create table bench_floor_orders (like commerce_orders including all);
      create table bench_floor_lines (like commerce_order_lines including all)`);
    await p.db.$client.query('vacuum analyze');

    const server = await startServer('freehold', p.database.url);
    const headers = { authorization: `Bearer ${p.apiKey}`, 'content-type': 'application/json' };
    const sendApi = async (batch: Order[]) => {
      const r = await fetch(`http://127.0.0.1:${server.port}/api/v1/orders/batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ orders: batch }),
      });
      const body = (await r.json()) as { created?: number; failed?: number; results?: { error?: unknown }[] };
      if (r.status !== 200 || body.failed)
        throw new Error(
          `HTTP ${r.status}: ${JSON.stringify(body.results?.find((x) => x.error) ?? body).slice(0, 300)}`,
        );
    };

    // A warm-up the size of two batches (code paths compiled, caches filled), not counted.
    await drive(
      makeOrders({ count: params.batchSize * 2, tag: 'warm', skus, returning, inCatalog: true }),
      params.batchSize,
      2,
      sendApi,
    );
    log(`scenario 1: ${params.orders} catalog orders`);
    const withStock = await drive(
      makeOrders({ count: params.orders, tag: 'stock', skus, returning, inCatalog: true }),
      params.batchSize,
      params.concurrency,
      sendApi,
    );
    log(`  ${Math.round(withStock.orders / withStock.seconds)} orders/s`);
    const textCount = Math.round(params.orders / 2);
    log(`scenario 2: ${textCount} orders with lines outside the catalog`);
    const noStock = await drive(
      makeOrders({ count: textCount, tag: 'text', skus, returning, inCatalog: false }),
      params.batchSize,
      params.concurrency,
      sendApi,
    );
    log(`  ${Math.round(noStock.orders / noStock.seconds)} orders/s`);
    const serverRss = await server.peakRssMB();
    await server.stop();

    log(`floor: the same ${params.orders} orders' rows, one insert per table and batch`);
    const floorOrders = makeOrders({ count: params.orders, tag: 'floor', skus, returning, inCatalog: true });
    const floor = await drive(floorOrders, params.batchSize, params.concurrency, async (batch) => {
      const orders: (Order & { id: string })[] = batch.map((o) => ({ ...o, id: newId() }));
      const lines = orders.flatMap((o) =>
        (o.lines as { sku: string; quantity: number; unitPriceMinor: number }[]).map((l, position) => ({
          ...l,
          id: newId(),
          orderId: o.id,
          position,
        })),
      );
      const client = await p.db.$client.connect();
      try {
        await client.query('begin');
        await client.query(
          `insert into bench_floor_orders (workspace_id, id, number, source, external_id, status, payment_status,
             currency, customer, email, shipping_address, shipping_minor, total_minor, placed_at)
           select $1, o.id, o.number, o.source, o."externalId", 'placed', 'unpaid', o.currency, o.customer,
             o.customer->>'email', o."shippingAddress", 695, 0, now()
           from json_to_recordset($2::json) as o(id uuid, number text, source text, "externalId" text, currency text,
             customer jsonb, "shippingAddress" jsonb)
           on conflict (workspace_id, source, external_id) do nothing`,
          [ws, JSON.stringify(orders)],
        );
        await client.query(
          `insert into bench_floor_lines (workspace_id, id, order_id, position, sku, title, quantity, unit_price_minor)
           select $1, l.id, l."orderId", l.position, l.sku, l.sku, l.quantity, l."unitPriceMinor"
           from json_to_recordset($2::json) as l(id uuid, "orderId" uuid, position int, sku text, quantity int,
             "unitPriceMinor" bigint)`,
          [ws, JSON.stringify(lines)],
        );
        await client.query('commit');
      } finally {
        client.release();
      }
    });
    log(`  ${Math.round(floor.orders / floor.seconds)} orders/s`);

    // Check what the run wrote: each order once, stock reserved for exactly the units ordered.
    const check = await p.db.$client.query<{ orders: number; stock_orders: number; units: number; reserved: number }>(
      `select (select count(*)::int from commerce_orders where workspace_id = $1) as orders,
         (select count(*)::int from commerce_orders where workspace_id = $1 and external_id like 'stock-%') as stock_orders,
         (select coalesce(sum(l.quantity), 0)::int from commerce_order_lines l where l.workspace_id = $1
            and l.variant_id is not null) as units,
         (select coalesce(sum(reserved), 0)::int from commerce_stock_levels where workspace_id = $1) as reserved`,
      [ws],
    );
    const c = check.rows[0]!;
    const expectedOrders = params.batchSize * 2 + params.orders + textCount;
    const consistent = c.orders === expectedOrders && c.units === c.reserved && c.stock_orders === params.orders;
    await p.db.$client.end();

    const rate = withStock.orders / withStock.seconds;
    const floorRate = floor.orders / floor.seconds;
    const result: BenchResult = {
      name: 'orders-ingest',
      title: `Order ingest through POST /api/v1/orders/batch: ${params.orders.toLocaleString('en')} orders, batches of ${params.batchSize}, ${params.concurrency} clients`,
      date: new Date().toISOString(),
      machine,
      params: {
        ...params,
        returningCustomers: '40 %',
        linesPerOrder: '2–3',
        paidAtPlacement: '70 %',
        server: 'createServer() in its own Node process (no job workers), pg pool 10; HTTP client in the bench process',
      },
      results: [
        row('catalog orders (stock reserved)', withStock),
        row('lines outside the catalog (no stock)', noStock),
        row('floor: rows only, one insert per table and batch', floor),
      ],
      floor: {
        name: 'the same orders and lines stored by one insert … select from json_to_recordset per table and batch, same concurrency, no HTTP',
        orders_per_s: Math.round(floorRate),
      },
      ratio: {
        'catalog orders / floor': round2(rate / floorRate),
        'without stock / floor': round2(noStock.orders / noStock.seconds / floorRate),
      },
      aim: '≥ 2,000 orders/s through the batch API on PostgreSQL',
      verdict: `${Math.round(rate).toLocaleString('en')} orders/s with stock — ${rate >= 2000 ? 'aim met' : 'aim not met'}`,
      peakRssMB: rss.stop(),
      durationS: Math.round((Date.now() - started) / 1000),
      notes: [
        `database check after the run: ${c.orders} orders (expected ${expectedOrders}), ${c.units} catalog units ordered, ${c.reserved} reserved — ${consistent ? 'consistent' : 'INCONSISTENT'}`,
        `server peak RSS ${serverRss} MB`,
        ...(withStock.errors.length || noStock.errors.length
          ? [`first error: ${[...withStock.errors, ...noStock.errors][0]}`]
          : []),
        'each order: contact found by email (40 %, then moved to customer / repeat customer) or created (60 %, at its stage, with its created timeline entry and events); history row, order.placed (+ order.paid for 70 %), timeline entry',
        'server, load generator and PostgreSQL share the CPUs of this machine',
      ],
    };
    writeResult(process.env.BENCH_DATABASE_URL ? 'orders-ingest-external.json' : 'orders-ingest.json', result);
  } finally {
    await runCleanups();
  }
}
