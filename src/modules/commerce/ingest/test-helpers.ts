// Test-only: a storefront as the platforms drive it — signed deliveries over the public URL — and the worker's part
// run in-process.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/client.ts';
import { runOrderImport } from './csv/run-order-import.ts';
import { commerceWebhookDeliveries } from './schema.ts';
import { processDelivery } from './webhooks/process-delivery.ts';
import { signBase64 } from './webhooks/signatures.ts';

export type Who = { workspaceId: string; bearer: Record<string, string> };

export const fixtureText = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
export const fixtureJson = <T = Record<string, unknown>>(name: string): T => JSON.parse(fixtureText(name)) as T;

export function storefrontClient(app: FastifyInstance, db: Db) {
  const connect = async (who: Who, body: Record<string, unknown>) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/storefronts', headers: who.bearer, payload: body });
    if (r.statusCode !== 201) throw new Error(`connect failed: ${r.statusCode} ${r.body}`);
    const sf = r.json() as { id: string; webhookUrl: string; secret: string };
    return { ...sf, path: new URL(sf.webhookUrl).pathname };
  };

  /** A Shopify delivery as Shopify sends it: the body's exact bytes, signed, with its id and time headers. */
  const shopify = (path: string, body: string, secret: string, headers: Record<string, string | undefined> = {}) => {
    const h: Record<string, string> = {};
    const all: Record<string, string | undefined> = {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': signBase64(body, secret),
      'x-shopify-shop-domain': 'lampenwinkel.myshopify.com',
      'x-shopify-api-version': '2026-01',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
      ...headers,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) h[k] = v;
    return app.inject({ method: 'POST', url: path, headers: h, payload: body });
  };

  /** A WooCommerce delivery: the JSON bytes WordPress sends, signed, with topic and delivery headers. */
  const woo = (path: string, body: string, secret: string, headers: Record<string, string | undefined> = {}) => {
    const h: Record<string, string> = {};
    const all: Record<string, string | undefined> = {
      'content-type': 'application/json',
      'user-agent': 'WooCommerce/8.6.1 Hookshot (WordPress/6.4.3)',
      'x-wc-webhook-source': 'https://shop.example.com/',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'created',
      'x-wc-webhook-signature': signBase64(body, secret),
      'x-wc-webhook-id': '17',
      'x-wc-webhook-delivery-id': randomUUID().replaceAll('-', ''),
      ...headers,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) h[k] = v;
    return app.inject({ method: 'POST', url: path, headers: h, payload: body });
  };

  const deliveries = (workspaceId: string) =>
    db
      .select()
      .from(commerceWebhookDeliveries)
      .where(eq(commerceWebhookDeliveries.workspaceId, workspaceId))
      .orderBy(commerceWebhookDeliveries.id);

  /** What the worker does: every queued delivery of the workspace, oldest first. */
  const work = async (workspaceId: string) => {
    const queued = await db
      .select({ id: commerceWebhookDeliveries.id })
      .from(commerceWebhookDeliveries)
      .where(
        and(eq(commerceWebhookDeliveries.workspaceId, workspaceId), eq(commerceWebhookDeliveries.status, 'queued')),
      )
      .orderBy(commerceWebhookDeliveries.id);
    for (const d of queued) await processDelivery(db, workspaceId, d.id);
    return queued.length;
  };

  const orders = async (who: Who, source: string) => {
    const r = await app.inject({ url: `/api/v1/orders?source=${source}&limit=500`, headers: who.bearer });
    if (r.statusCode !== 200) throw new Error(r.body);
    return r.json().data as { id: string; externalId: string; status: string; totalMinor: number }[];
  };
  const order = async (who: Who, id: string) =>
    (await app.inject({ url: `/api/v1/orders/${id}`, headers: who.bearer })).json();

  return { connect, shopify, woo, deliveries, work, orders, order };
}

/** A multipart/form-data body with text fields first (the upload reads the fields that precede the file). */
export function multipart(fields: Record<string, string>, file: { name: string; content: string | Buffer }) {
  const boundary = `----freehold-orders-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function orderImportClient(app: FastifyInstance, db: Db) {
  const upload = (who: Who, name: string, content: string | Buffer, fields: Record<string, string> = {}) => {
    const mp = multipart(fields, { name, content });
    return app.inject({
      method: 'POST',
      url: '/api/v1/order-imports',
      payload: mp.payload,
      headers: { ...mp.headers, ...who.bearer },
    });
  };
  const start = (who: Who, id: string, body: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: `/api/v1/order-imports/${id}/start`, headers: who.bearer, payload: body });
  const get = async (who: Who, id: string) =>
    (await app.inject({ url: `/api/v1/order-imports/${id}`, headers: who.bearer })).json();
  const errors = async (who: Who, id: string) =>
    (await app.inject({ url: `/api/v1/order-imports/${id}/errors`, headers: who.bearer })).json().data;
  const run = (who: Who, id: string, opts: Partial<Parameters<typeof runOrderImport>[0]> = {}) =>
    runOrderImport({ db, workspaceId: who.workspaceId, importId: id, ...opts });
  /** Upload → start → run in-process → the finished import. */
  const importFile = async (who: Who, name: string, content: string | Buffer, start_: Record<string, unknown> = {}) => {
    const up = await upload(who, name, content);
    if (up.statusCode !== 201) throw new Error(`upload failed: ${up.body}`);
    const st = await start(who, up.json().id, start_);
    if (st.statusCode !== 202) throw new Error(`start failed: ${st.body}`);
    await run(who, up.json().id);
    return get(who, up.json().id);
  };
  return { upload, start, get, errors, run, importFile };
}
