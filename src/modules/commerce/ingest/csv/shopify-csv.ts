import { address, postcode, splitName, str, tagList } from '../clean.ts';
import { allocate, lineAmounts, toMinor } from '../money.ts';
import type { OrderInput } from '../orders-port.ts';
import { buildTarget, type FieldErrorLike, type MapResult } from '../target.ts';
import type { MapContext } from './layouts.ts';
import { type CsvRow, consistent, first, parseDateTime } from './rows.ts';

// Shopify's order export (Orders → Export): one row per line item, order-level columns filled on the order's first
// row only. Order taxes are one amount per order ("Taxes"), so they are spread over the lines by their value.

const PAID = new Set(['paid', 'partially_paid', 'partially_refunded', 'refunded']);

function shopifyAddress(rows: CsvRow[], prefix: 'Billing' | 'Shipping') {
  const col = (c: string) => first(rows, `${prefix} ${c}`);
  const street = col('Address1') ?? col('Street');
  return {
    name: str(col('Name'), 200),
    company: str(col('Company'), 200),
    line1: str(street, 300),
    line2: str(col('Address2'), 300),
    city: str(col('City'), 120),
    region: str(col('Province'), 120) ?? str(col('Province Name'), 120),
    postcode: postcode(col('Zip')),
    country: str(col('Country'), 2),
    phone: str(col('Phone'), 40),
  };
}

export function mapShopifyCsv(rows: CsvRow[], ctx: MapContext): MapResult {
  const errors: FieldErrorLike[] = [];
  const name = first(rows, 'Name');
  const currency = (consistent(rows, 'Currency', errors) ?? ctx.defaultCurrency).toUpperCase();
  const money = (v: string | undefined, field: string): number => {
    if (v === undefined) return 0;
    const m = toMinor(v, currency);
    if (m === null || m < 0) {
      errors.push({ field, message: `"${v}" is not an amount` });
      return 0;
    }
    return m;
  };

  // Which side of the line price the tax is on: the export's totals tell (Total = Subtotal + Shipping [+ Taxes]).
  const subtotal = money(first(rows, 'Subtotal'), 'Subtotal');
  const shippingPrice = money(first(rows, 'Shipping'), 'Shipping');
  const taxes = money(first(rows, 'Taxes'), 'Taxes');
  const total = money(first(rows, 'Total'), 'Total');
  const taxIncluded = taxes > 0 && total === subtotal + shippingPrice;

  const items = rows.filter((r) => r.get('Lineitem quantity') !== undefined || r.get('Lineitem name') !== undefined);
  const raw = items.map((r) => {
    const q = r.get('Lineitem quantity');
    const quantity = q && /^\d+$/.test(q) ? Number(q) : Number.NaN;
    if (!Number.isSafeInteger(quantity) || quantity < 1)
      errors.push({
        field: `row ${r.rowNumber}: Lineitem quantity`,
        message: `"${q ?? ''}" is not a whole number ≥ 1`,
      });
    const price = money(r.get('Lineitem price'), `row ${r.rowNumber}: Lineitem price`);
    const discount = money(r.get('Lineitem discount'), `row ${r.rowNumber}: Lineitem discount`);
    return { r, quantity: Number.isSafeInteger(quantity) ? quantity : 1, price, discount };
  });
  if (!raw.length) errors.push({ field: 'Lineitem quantity', message: 'the order has no line item rows' });
  // Without the line discount column, the order's discount is spread over the lines like its taxes.
  const lineDiscounts = rows.some((r) => r.get('Lineitem discount') !== undefined)
    ? raw.map((l) => l.discount)
    : allocate(
        money(first(rows, 'Discount Amount'), 'Discount Amount'),
        raw.map((l) => l.price * l.quantity),
      );
  const lineTaxes = allocate(
    taxes,
    raw.map((l, i) => l.price * l.quantity - (lineDiscounts[i] ?? 0)),
  );
  const lines: OrderInput['lines'] = raw.map((l, i) => {
    const sku = str(l.r.get('Lineitem sku'), 100);
    return {
      ...(sku ? { sku } : {}),
      title: str(l.r.get('Lineitem name'), 500) ?? sku ?? `Line ${i + 1}`,
      quantity: l.quantity,
      ...lineAmounts({
        subtotal: l.price * l.quantity,
        quantity: l.quantity,
        discount: lineDiscounts[i] ?? 0,
        tax: lineTaxes[i] ?? 0,
        taxIncluded,
      }),
    };
  });

  const placedAt = parseDateTime(first(rows, 'Created at'), ctx.timeZone);
  if (first(rows, 'Created at') && !placedAt)
    errors.push({ field: 'Created at', message: `"${first(rows, 'Created at')}" is not a date and time` });
  const financial = (first(rows, 'Financial Status') ?? '').toLowerCase();
  const paidAt = parseDateTime(first(rows, 'Paid at'), ctx.timeZone);
  const method = str(first(rows, 'Payment Method', 'Gateway'), 60);
  const reference = str(first(rows, 'Payment Reference', 'Payment ID'), 200);
  const outstanding = money(first(rows, 'Outstanding Balance'), 'Outstanding Balance');
  const fulfilment = (first(rows, 'Fulfillment Status') ?? '').toLowerCase();
  const cancelledAt = first(rows, 'Cancelled at');
  const billing = address(shopifyAddress(rows, 'Billing'), 'Billing', errors);
  const shippingAddress = address(shopifyAddress(rows, 'Shipping'), 'Shipping', errors);
  const blocking = errors.filter((e) => !/^(Billing|Shipping)(\.|$)/.test(e.field));
  if (blocking.length) return { ok: false, message: `Order ${name ?? ''} cannot be read.`, fields: errors };

  const email = str(first(rows, 'Email'), 254);
  const phone = str(first(rows, 'Phone', 'Billing Phone', 'Shipping Phone'), 40);
  const person = splitName(str(first(rows, 'Billing Name', 'Shipping Name'), 240));
  const shippingMethod = str(first(rows, 'Shipping Method'), 120);
  const id = str(first(rows, 'Id'), 100);
  const note = str(first(rows, 'Notes'), 5000);
  const tags = tagList(first(rows, 'Tags'));
  const target = buildTarget(
    {
      source: 'shopify',
      // The export's Id is the order id webhooks carry, so an order imported and later updated is one order.
      externalId: id ?? `name:${name}`,
      ...(name ? { number: name.slice(0, 60) } : {}),
      ...(placedAt ? { placedAt } : {}),
      currency,
      customer: {
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        ...(person.firstName ? { firstName: person.firstName.slice(0, 120) } : {}),
        ...(person.lastName ? { lastName: person.lastName.slice(0, 120) } : {}),
      },
      lines,
      ...(shippingAddress ? { shippingAddress } : {}),
      ...(billing ? { billingAddress: billing } : {}),
      ...(shippingPrice > 0 || shippingMethod
        ? { shipping: { carrier: shippingMethod ?? 'Shipping', priceMinor: shippingPrice } }
        : {}),
      ...(note ? { note } : {}),
      ...(tags ? { tags } : {}),
    },
    {
      paid: PAID.has(financial)
        ? {
            amountMinor: Math.max(0, total - outstanding),
            ...(method ? { method } : {}),
            ...(reference ? { reference } : {}),
            ...((paidAt ?? placedAt) ? { paidAt: (paidAt ?? placedAt)! } : {}),
          }
        : null,
      refundedMinor: money(first(rows, 'Refunded Amount'), 'Refunded Amount'),
      fulfilment: fulfilment === 'fulfilled' ? 'full' : fulfilment === 'partial' ? 'partial' : 'none',
      shipments: [],
      cancelled: cancelledAt ? { at: parseDateTime(cancelledAt, ctx.timeZone), reason: null } : null,
      remoteUpdatedAt: null,
      placedAt,
    },
    financial !== 'partially_paid',
  );
  return { ok: true, target, ...(errors.length ? { warnings: errors } : {}) };
}
