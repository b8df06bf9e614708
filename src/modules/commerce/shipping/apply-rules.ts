import type { FreeShippingRule, MarginRule } from './quote-index.ts';
import type { BreakdownLine } from './tariff.ts';

type Target = { carrierId: string; serviceId: string; country: string; currency: string };

const inScope = (r: { carrierId: string | null; serviceId: string | null; countries: string[] }, t: Target) =>
  (!r.carrierId || r.carrierId === t.carrierId) &&
  (!r.serviceId || r.serviceId === t.serviceId) &&
  (!r.countries.length || r.countries.includes(t.country));

/** Service-level rules beat carrier-level ones, which beat workspace-wide ones; then the one made first. */
const specificity = (r: { carrierId: string | null; serviceId: string | null }) =>
  r.serviceId ? 2 : r.carrierId ? 1 : 0;

/**
 * The workspace's rules on top of a carrier's price: the one most specific margin rule that applies (a percentage of
 * the carrier's total plus a fixed amount), then free shipping — when the order value reaches the threshold of any
 * free-shipping rule that applies, a last line cancels everything above it. A rule with an amount applies only to
 * quotes in its currency; without an order value, free shipping never applies.
 */
export function applyRules(
  lines: BreakdownLine[],
  t: Target,
  rules: { margins: MarginRule[]; freeShipping: FreeShippingRule[] },
  orderValueMinor: number | null,
): BreakdownLine[] {
  if (!rules.margins.length && !rules.freeShipping.length) return lines;
  const out = [...lines];
  let carrierTotal = 0;
  for (const l of lines) carrierTotal += l.amountMinor;
  let margin: MarginRule | null = null;
  for (const r of rules.margins) {
    if (!inScope(r, t)) continue;
    if (r.fixedMinor && r.currency !== t.currency) continue;
    if (!margin || specificity(r) > specificity(margin)) margin = r;
  }
  if (margin) {
    const amount = Math.round((carrierTotal * margin.percent) / 100) + margin.fixedMinor;
    if (amount) out.push({ code: 'margin', label: margin.name || 'Handling', amountMinor: amount });
  }
  if (orderValueMinor !== null) {
    const free = rules.freeShipping.find(
      (r) => inScope(r, t) && r.currency === t.currency && orderValueMinor >= r.minOrderMinor,
    );
    const total = out.reduce((s, l) => s + l.amountMinor, 0);
    if (free && total > 0)
      out.push({ code: 'free_shipping', label: free.name || 'Free shipping', amountMinor: -total });
  }
  return out;
}
