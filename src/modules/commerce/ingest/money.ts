// Money as storefronts and exports write it ("199.00", "1500", "12.3456") turned into integer minor units of the
// order's currency, without floating point: a price is never 0.1 + 0.2 away from what the shop charged.
import { currencyDigits } from '../../../platform/money.ts';

/** Decimals of a currency's minor unit (platform/money.ts); 2 for a code that is no currency. */
export const currencyExponent = (currency: string): number => currencyDigits(currency.toUpperCase()) ?? 2;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * "12.345" in a two-decimal currency → 1235: digits beyond the currency's minor unit round half away from zero
 * (WooCommerce keeps line totals to four or more decimals). Returns null for anything that is not a plain decimal
 * number (thousands separators, currency signs and exponents are refused rather than guessed).
 */
export function toMinor(value: string | number | null | undefined, currency: string): number | null {
  if (value === null || value === undefined) return null;
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // toFixed(8) keeps the decimal form (String(1e-7) would be "1e-7"); eight places is below any currency's unit.
    s = value.toFixed(8);
  } else s = value.trim();
  const m = DECIMAL.exec(s);
  if (!m || (!m[2] && !m[3])) return null;
  const exp = currencyExponent(currency);
  const frac = (m[3] ?? '').padEnd(exp + 1, '0');
  let units = BigInt(`${m[2] || '0'}${frac.slice(0, exp)}`);
  if (Number(frac[exp]) >= 5) units += 1n;
  const n = Number(units);
  if (!Number.isSafeInteger(n)) return null;
  return m[1] === '-' && n !== 0 ? -n : n;
}

/**
 * A storefront line in the order contract's shape, where the line total is quantity × unit price − discount + tax.
 * `subtotal` is the line before discounts as the shop shows it. When the shop's prices include tax (EU shops,
 * Shopify's `taxes_included`), the unit price becomes net of tax, so the total still equals what the customer paid.
 * A subtotal that does not divide by the quantity (10.00 for 3) rounds the unit price up and adds the few minor
 * units to the discount: the total stays exact and the discount is never negative.
 */
export function lineAmounts(o: {
  subtotal: number;
  quantity: number;
  discount: number;
  tax: number;
  taxIncluded: boolean;
}): { unitPriceMinor: number; discountMinor: number; taxMinor: number } {
  const base = Math.max(0, o.taxIncluded ? o.subtotal - o.tax : o.subtotal);
  const unit = Math.ceil(base / o.quantity);
  return { unitPriceMinor: unit, discountMinor: unit * o.quantity - base + Math.max(0, o.discount), taxMinor: o.tax };
}

/**
 * Splits `total` over `weights` in proportion, in whole minor units that add up exactly (largest remainder): an
 * order-level amount (the tax of a Shopify export, a WooCommerce fee) becomes per-line amounts.
 */
export function allocate(total: number, weights: number[]): number[] {
  if (!weights.length) return [];
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  const base = sum > 0 ? weights.map((w) => Math.max(0, w)) : weights.map(() => 1);
  const baseSum = sum > 0 ? sum : weights.length;
  const exact = base.map((w) => (total * w) / baseSum);
  const out = exact.map((x) => Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]! += 1;
  return out;
}
