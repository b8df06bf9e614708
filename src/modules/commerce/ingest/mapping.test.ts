import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocate, lineAmounts, toMinor } from './money.ts';
import { orderTotal } from './target.ts';
import { mapShopifyOrder } from './webhooks/shopify-order.ts';
import { checkShopify, checkWooCommerce, signBase64, wpSpecialcharsDecode } from './webhooks/signatures.ts';
import { mapWooOrder } from './webhooks/woocommerce-order.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const shopify = () => JSON.parse(fixture('shopify-order.json').toString('utf8'));
const woo = () => JSON.parse(fixture('woocommerce-order.wire.txt').toString('utf8'));

describe('money in minor units', () => {
  it('reads decimals by the currency’s minor unit, rounding half away from zero, and refuses what is not a number', () => {
    expect(toMinor('199.00', 'EUR')).toBe(19900);
    expect(toMinor('0.1', 'EUR')).toBe(10);
    expect(toMinor('12.345', 'EUR')).toBe(1235);
    expect(toMinor('12.3449', 'EUR')).toBe(1234);
    expect(toMinor('-4.13', 'EUR')).toBe(-413);
    expect(toMinor('1500.00', 'JPY')).toBe(1500);
    expect(toMinor('1500.5', 'JPY')).toBe(1501);
    expect(toMinor('1.234', 'KWD')).toBe(1234);
    expect(toMinor(20.66, 'EUR')).toBe(2066);
    for (const bad of ['1,234.56', '€5', '1e3', '', 'abc', '.']) expect(toMinor(bad, 'EUR')).toBeNull();
  });

  it('spreads an amount over weights exactly (largest remainder)', () => {
    expect(allocate(1162, [5040, 1440])).toEqual([904, 258]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
  });

  it('fits a line to quantity × unit − discount + tax with the total kept exact', () => {
    // 10.00 for 3 units: the unit rounds up and the 2 cents go to the discount.
    expect(lineAmounts({ subtotal: 1000, quantity: 3, discount: 0, tax: 0, taxIncluded: false })).toEqual({
      unitPriceMinor: 334,
      discountMinor: 2,
      taxMinor: 0,
    });
    // Tax included: 2 × 28.00 with 5.60 off and 9.04 tax inside → 50.40 paid.
    const l = lineAmounts({ subtotal: 5600, quantity: 2, discount: 560, tax: 904, taxIncluded: true });
    expect(l.unitPriceMinor * 2 - l.discountMinor + l.taxMinor).toBe(5040);
    expect(l).toEqual({ unitPriceMinor: 2348, discountMinor: 560, taxMinor: 904 });
  });
});

describe('Shopify order body → OrderInput', () => {
  it('maps the documented order shape: customer, lines with discounts and taxes, addresses, shipping, payment', () => {
    const r = mapShopifyOrder(shopify());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { input } = r.target;
    expect(input).toMatchObject({
      source: 'shopify',
      externalId: '5871230091234',
      number: '#1042',
      placedAt: '2026-03-02T09:14:04.000Z',
      currency: 'EUR',
      customer: { email: 'anna.devries@example.nl', firstName: 'Anna', lastName: 'de Vries', phone: '+31 20 555 0143' },
      shippingAddress: {
        name: 'Anna de Vries',
        line1: 'Prinsengracht 263',
        line2: '2nd floor',
        city: 'Amsterdam',
        postcode: '1016 GV',
        country: 'NL',
      },
      billingAddress: { line1: 'Prinsengracht 263', city: 'Amsterdam', country: 'NL' },
      // 6.95 shipping and its 1.46 tax: the order keeps one shipping price.
      shipping: { carrier: 'PostNL Standard', service: 'Standard', priceMinor: 841 },
      payment: { amountMinor: 13353, method: 'shopify_payments' },
      status: 'paid',
      note: 'Please leave at the back door',
      tags: ['first-order', 'newsletter'],
    });
    expect(input.lines).toEqual([
      {
        sku: 'LAMP-DESK-BLK',
        title: 'Desk lamp - Black',
        quantity: 2,
        unitPriceMinor: 4995,
        discountMinor: 1000,
        taxMinor: 1888,
      },
      { sku: 'BULB-E27', title: 'E27 bulb', quantity: 3, unitPriceMinor: 450, discountMinor: 0, taxMinor: 284 },
    ]);
    // The order adds up to what Shopify charged (total_price 133.53).
    expect(orderTotal(input)).toBe(13353);
    expect(r.target.remoteUpdatedAt).toBe('2026-03-02T09:14:06.000Z');
  });

  it('keeps tax-inclusive totals, drops lines removed by edits, and reads pending, fulfilled and cancelled orders', () => {
    const o = shopify();
    o.taxes_included = true;
    o.total_price = '113.40';
    o.line_items[1].current_quantity = 0;
    o.financial_status = 'pending';
    o.shipping_lines = [];
    const r = mapShopifyOrder(o);
    if (!r.ok) throw new Error(r.message);
    expect(r.target.input.lines).toHaveLength(1);
    const [line] = r.target.input.lines;
    // 2 × 49.95 − 10.00 = 89.90 paid, 18.88 of it tax: stored net, total unchanged.
    expect(line!.quantity * line!.unitPriceMinor - (line!.discountMinor ?? 0) + (line!.taxMinor ?? 0)).toBe(8990);
    expect(r.target.input.status).toBe('placed');
    expect(r.target.input.payment).toBeUndefined();

    const shipped = shopify();
    shipped.fulfillment_status = 'fulfilled';
    shipped.fulfillments = [
      {
        id: 555,
        status: 'success',
        created_at: '2026-03-03T08:00:00+01:00',
        tracking_company: 'PostNL',
        tracking_number: '3SABCD1234567',
        shipment_status: 'in_transit',
        line_items: [{ id: 14011220000001, sku: 'LAMP-DESK-BLK', quantity: 2 }],
      },
    ];
    const s = mapShopifyOrder(shipped);
    if (!s.ok) throw new Error(s.message);
    expect(s.target.input.status).toBe('shipped');
    expect(s.target.shipments).toEqual([
      {
        ref: '555',
        trackingNumber: '3SABCD1234567',
        carrier: 'PostNL',
        shippedAt: '2026-03-03T07:00:00.000Z',
        delivered: false,
        lines: [{ sku: 'LAMP-DESK-BLK', title: 'Desk lamp - Black', quantity: 2 }],
      },
    ]);

    const cancelled = shopify();
    cancelled.cancelled_at = '2026-03-02T12:00:00+01:00';
    cancelled.cancel_reason = 'customer';
    cancelled.financial_status = 'refunded';
    const c = mapShopifyOrder(cancelled);
    if (!c.ok) throw new Error(c.message);
    expect(c.target.input.status).toBe('cancelled');
    // Brought in cancelled: no payment on it (the money went back).
    expect(c.target.input.payment).toBeUndefined();
    expect(c.target.cancelled).toEqual({ at: '2026-03-02T11:00:00.000Z', reason: 'customer' });
  });

  it('reads zero-decimal currencies by their minor unit', () => {
    const o = shopify();
    o.currency = 'JPY';
    o.line_items = [{ id: 1, sku: 'TEA', name: 'Matcha', quantity: 2, price: '1500', tax_lines: [{ price: '240' }] }];
    o.shipping_lines = [];
    const r = mapShopifyOrder(o);
    if (!r.ok) throw new Error(r.message);
    expect(r.target.input.lines[0]).toMatchObject({ unitPriceMinor: 1500, taxMinor: 240 });
  });

  it('refuses a body that is not an order, naming the fields', () => {
    const r = mapShopifyOrder({ id: 1, currency: 'EURO', line_items: 'none' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields.map((f) => f.field).sort()).toEqual(['currency', 'line_items']);
    const bad = shopify();
    bad.line_items[0].price = '49,95';
    const b = mapShopifyOrder(bad);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.fields).toEqual([{ field: 'line_items.0.price', message: '"49,95" is not an amount' }]);
  });
});

describe('WooCommerce order body → OrderInput', () => {
  it('maps the REST v3 order: line subtotal/total/tax, fees, shipping with its tax, payment, shop-scoped id', () => {
    const r = mapWooOrder(woo(), 'shop.example.com');
    if (!r.ok) throw new Error(r.message);
    const { input } = r.target;
    expect(input).toMatchObject({
      source: 'woocommerce',
      externalId: 'shop.example.com:4711',
      number: '4711',
      placedAt: '2026-03-02T09:14:05.000Z',
      currency: 'EUR',
      customer: { email: 'jan.jansen@example.nl', phone: '+31 30 555 0199', firstName: 'Jan', lastName: 'Jansen' },
      shippingAddress: {
        name: 'Jan Jansen',
        line1: 'Oudegracht 12',
        city: 'Utrecht',
        postcode: '3511 AR',
        country: 'NL',
      },
      shipping: { carrier: 'Flat rate', priceMinor: 599 },
      payment: {
        amountMinor: 5341,
        method: 'Credit card (Stripe)',
        reference: 'pi_3OabcDEFghiJKL',
        paidAt: '2026-03-02T09:15:10.000Z',
      },
      status: 'paid',
      note: 'Gift – no invoice in the box please',
    });
    expect(input.lines).toEqual([
      { sku: 'APRON-LIN', title: 'Linen apron', quantity: 1, unitPriceMinor: 2479, discountMinor: 413, taxMinor: 434 },
      { sku: 'TOWEL-3', title: 'Tea towel', quantity: 3, unitPriceMinor: 551, discountMinor: 0, taxMinor: 347 },
      { title: 'Gift wrap', quantity: 1, unitPriceMinor: 200, taxMinor: 42 },
    ]);
    expect(orderTotal(input)).toBe(5341);
  });

  it('maps statuses: pending is placed, completed with Shipment Tracking is shipped, cancelled, drafts are not orders', () => {
    const pending = woo();
    pending.status = 'pending';
    pending.date_paid_gmt = null;
    const p = mapWooOrder(pending, 'shop.example.com');
    if (!p.ok) throw new Error(p.message);
    expect(p.target.input.status).toBe('placed');
    expect(p.target.input.payment).toBeUndefined();

    const done = woo();
    done.status = 'completed';
    done.meta_data.push({
      id: 9100,
      key: '_wc_shipment_tracking_items',
      value: [
        {
          tracking_provider: 'PostNL',
          custom_tracking_provider: '',
          tracking_number: '3SXYZ0000001',
          date_shipped: '1772528400',
          tracking_id: 'a1b2',
        },
      ],
    });
    const d = mapWooOrder(done, 'shop.example.com');
    if (!d.ok) throw new Error(d.message);
    expect(d.target.input.status).toBe('shipped');
    expect(d.target.shipments[0]).toMatchObject({ ref: 'a1b2', trackingNumber: '3SXYZ0000001', carrier: 'PostNL' });

    const draft = woo();
    draft.status = 'checkout-draft';
    const x = mapWooOrder(draft, 'shop.example.com');
    expect(x).toMatchObject({ ok: false, ignore: true });

    // Saved in the WordPress admin before its items were added: nothing to take yet, not an error.
    const empty = woo();
    empty.status = 'pending';
    empty.line_items = [];
    expect(mapWooOrder(empty, 'shop.example.com')).toMatchObject({
      ok: false,
      ignore: true,
      message: 'The WooCommerce order has no items yet.',
    });
  });
});

describe('signatures, computed as the platforms document', () => {
  const body = fixture('shopify-order.json');
  const secret = 'shpss_0123456789abcdef0123456789abcdef';
  const good = signBase64(body, secret);

  it('accepts base64(HMAC-SHA256(raw body, secret)) and nothing else', () => {
    expect(checkShopify(body, secret, good)).toEqual({ ok: true });
    expect(checkShopify(Buffer.concat([body, Buffer.from(' ')]), secret, good)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(checkShopify(body, `${secret}x`, good)).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkShopify(body, secret, undefined)).toEqual({ ok: false, reason: 'missing' });
    // The hex digest, or base64 of another length, is not what Shopify sends.
    expect(checkShopify(body, secret, Buffer.from(good, 'base64').toString('hex'))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    // The same JSON re-serialised is other bytes: the check must run on the body as received.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    expect(checkShopify(reserialised, secret, good)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('WooCommerce signs with wp_specialchars_decode($secret, ENT_QUOTES)', () => {
    const wbody = fixture('woocommerce-order.wire.txt');
    expect(checkWooCommerce(wbody, 'abc&amp;def', signBase64(wbody, 'abc&def'))).toEqual({ ok: true });
    expect(wpSpecialcharsDecode('a&amp;lt;b &#039;q&#39; &#x27; &quot;x&#34; &#0038; &AMP;')).toBe(
      `a&lt;b 'q' ' "x" & &AMP;`,
    );
  });
});
