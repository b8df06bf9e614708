// The hosted "collect near you" page: every active point by region, and a postcode search. Server-rendered HTML with
// no script (public pages run under a CSP without inline scripts); every value goes through the escaping template.
import { type Html, html, publicPage } from '../../../platform/http/public-page.ts';
import type { TNearestResult, TPickupPoint } from './contracts.ts';
import type { RegionGroup } from './list-by-region.ts';

const CAPABILITY_LABELS: Record<string, string> = {
  pickup: 'Collection',
  return_dropoff: 'Returns',
  fitting_room: 'Fitting room',
  cash_on_delivery: 'Pay on collection',
};

const regionName = (code: string) => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

const money = (minor: number, currency: string) => {
  try {
    const f = new Intl.NumberFormat('en', { style: 'currency', currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
};

function pointItem(p: TPickupPoint, extra?: { distanceKm: number; openNow: boolean | null }): Html {
  const a = p.address;
  const where = [a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return html`<li>
    <strong>${p.name}</strong>${p.partner ? html` <span class="muted">at ${p.partner.name}</span>` : ''}
    ${extra ? html` <span class="muted">· ${extra.distanceKm.toFixed(1)} km${extra.openNow ? ' · open now' : ''}</span>` : ''}
    <br><span>${where}</span>
    ${p.hoursText ? html`<br><span class="muted">${p.hoursText}</span>` : ''}
    <br><span class="muted">${p.capabilities.map((c) => CAPABILITY_LABELS[c] ?? c).join(' · ')}${
      p.fee.amountMinor > 0 ? ` · fee ${money(p.fee.amountMinor, p.fee.currency)}` : ' · free'
    }</span>
  </li>`;
}

export function renderCollectPage(opts: {
  shopName: string;
  publicKey: string;
  publicUrl: string;
  regions: RegionGroup[];
  countries: string[];
  search: { postcode: string; country: string; result: TNearestResult | null; error: string | null } | null;
}): string {
  const { regions, search } = opts;
  const countries = opts.countries.length ? opts.countries : ['DE'];
  const title = `Collect near you — ${opts.shopName}`;
  const found = search?.result;
  const body = html`<style>.fh-card{max-inline-size:760px}h2{font-size:1.15rem;margin:24px 0 4px}h3{font-size:1rem;margin:16px 0 0}
    form.search{display:flex;gap:8px;align-items:end;flex-wrap:wrap}form.search label{margin:0}form.search button{margin:0}</style>
    <h1>${title}</h1>
    <p>Pick up your order at one of our points. Search by postcode, or browse by region.</p>
    <form class="search" method="get" action="">
      <div><label for="postcode">Postcode</label><input id="postcode" name="postcode" autocomplete="postal-code" value="${search?.postcode ?? ''}" required></div>
      <div><label for="country">Country</label><select id="country" name="country">${countries.map(
        (c) => html`<option value="${c}" ${c === search?.country ? html`selected` : ''}>${regionName(c)}</option>`,
      )}</select></div>
      <button type="submit">Find points</button>
    </form>
    ${search?.error ? html`<p class="error" role="alert">${search.error}</p>` : ''}
    ${
      found
        ? html`<h2>Nearest to ${found.origin.postcode ?? search?.postcode}${found.origin.placeName ? ` (${found.origin.placeName})` : ''}</h2>
          ${
            found.data.length
              ? html`<ul class="plain">${found.data.map((p) => pointItem(p, p))}</ul>`
              : html`<p class="muted">No pickup point within ${found.radiusKm} km. Browse the regions below.</p>`
          }`
        : ''
    }
    <h2>All pickup points</h2>
    ${
      regions.length
        ? regions.map(
            (
              g,
            ) => html`<h3>${g.region ?? 'Other'}, ${regionName(g.country)} <span class="muted">(${g.count})</span></h3>
              <ul class="plain">${g.points.map((p) => pointItem(p))}</ul>`,
          )
        : html`<p class="muted">There are no pickup points yet.</p>`
    }`;
  return publicPage({ title, body });
}
