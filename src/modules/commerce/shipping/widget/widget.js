/*! Freehold delivery quote widget — <div data-freehold-shipping="PUBLIC_KEY" data-weight-grams="1200"></div>
    <script src="…/p/shipping/widget.js" async></script>
    Parcel: data-weight-grams (+ data-length-mm, data-width-mm, data-height-mm), or data-sku (+ data-quantity), or
    data-cart='[{"sku":"A-1","quantity":2}]'. Optional: data-currency, data-order-value-minor, data-country,
    data-select (show choices; the page hears a "freehold:shipping-option" event with quoteId and optionId). */
// Plain ES2020, no framework; nothing from the network is parsed as HTML: every text is set with textContent.
(() => {
  const me = document.currentScript;
  const base = me?.src ? new URL(me.src).origin : '';
  const lang = document.documentElement.lang || navigator.language || 'en';
  let seq = 0;
  const CSS =
    '.fh-ship{font:inherit;max-inline-size:520px}.fh-ship form{display:flex;flex-wrap:wrap;gap:8px;align-items:end}' +
    '.fh-ship label{display:flex;flex-direction:column;font-size:.9em;font-weight:600;gap:4px}' +
    '.fh-ship select,.fh-ship input{padding:7px 9px;border:1px solid #c5cad1;border-radius:6px;font:inherit}' +
    '.fh-ship button{padding:8px 14px;border:0;border-radius:6px;background:#2563eb;color:#fff;font:inherit;font-weight:600;cursor:pointer}' +
    '.fh-ship button[disabled]{opacity:.6}.fh-ship ul{list-style:none;padding:0;margin:12px 0 0}' +
    '.fh-ship li{display:flex;justify-content:space-between;gap:12px;padding:8px 0;border-block-end:1px solid #eceef1}' +
    '.fh-ship .fh-tag{display:inline-block;margin-inline-start:6px;padding:0 6px;border-radius:9px;background:#e8f0fe;font-size:.8em}' +
    '.fh-ship .fh-muted{opacity:.75;font-size:.9em}.fh-ship .fh-err{color:#b42318}';
  const TAGS = { cheapest: 'Cheapest', fastest: 'Fastest', best_value: 'Best value' };
  const KINDS = { home: 'Home delivery', pickup_point: 'Pickup point', locker: 'Locker' };

  const el = (tag, attrs, text) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) n.setAttribute(k, v === true ? '' : v);
    }
    if (text) n.textContent = text;
    return n;
  };
  const style = () => {
    if (document.getElementById('fh-ship-css')) return;
    const s = el('style', { id: 'fh-ship-css' });
    s.textContent = CSS;
    (document.head || document.documentElement).appendChild(s);
  };
  const int = (v) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  const money = (minor, currency) => {
    const digits = new Intl.NumberFormat(lang, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(minor / 10 ** digits);
  };
  const day = (iso) =>
    new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );

  /** What the host element says is being shipped. */
  const shipment = (host) => {
    const d = host.dataset;
    const body = {};
    if (d.cart) body.cart = { lines: JSON.parse(d.cart) };
    else if (d.sku) body.cart = { lines: [{ sku: d.sku, quantity: int(d.quantity) || 1 }] };
    else {
      const p = { weightGrams: int(d.weightGrams) ?? 0 };
      for (const k of ['lengthMm', 'widthMm', 'heightMm']) if (int(d[k])) p[k] = int(d[k]);
      body.parcels = [p];
    }
    if (d.currency) body.currency = d.currency;
    if (int(d.orderValueMinor) !== undefined) body.orderValueMinor = int(d.orderValueMinor);
    return body;
  };

  const render = (host, key, config) => {
    style();
    const uid = ++seq;
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    host.textContent = '';
    const box = el('div', { class: 'fh-ship' });
    const form = el('form', { novalidate: true });
    const country = el('select', { id: `fh-ship-c${uid}`, name: 'country', required: true });
    const countries = config.countries
      .map((c) => ({ c, n: names.of(c) || c }))
      .sort((a, b) => a.n.localeCompare(b.n, lang));
    for (const { c, n } of countries) country.appendChild(el('option', { value: c }, n));
    const preferred = (host.dataset.country || lang.split('-')[1] || '').toUpperCase();
    if (config.countries.includes(preferred)) country.value = preferred;
    const postcode = el('input', { id: `fh-ship-p${uid}`, name: 'postcode', autocomplete: 'postal-code', size: '10' });
    const lc = el('label', { for: country.id }, 'Country');
    lc.appendChild(country);
    const lp = el('label', { for: postcode.id }, 'Postcode');
    lp.appendChild(postcode);
    const button = el('button', { type: 'submit' }, 'Delivery options');
    form.append(lc, lp, button);
    const out = el('div', { 'aria-live': 'polite' });
    box.append(form, out);
    host.appendChild(box);
    if (!countries.length) {
      form.hidden = true;
      out.appendChild(el('p', { class: 'fh-muted' }, 'Delivery options are not available yet.'));
      return;
    }

    const show = (q) => {
      out.textContent = '';
      if (!q.options.length) {
        out.appendChild(el('p', { class: 'fh-muted' }, 'No delivery to this address. Check the postcode.'));
        return;
      }
      const list = el('ul', host.dataset.select !== undefined ? { role: 'radiogroup' } : {});
      for (const o of q.options) {
        const li = el('li');
        const left = el('div');
        const title = el('strong', null, o.serviceName);
        left.appendChild(title);
        for (const t of o.tags) left.appendChild(el('span', { class: 'fh-tag' }, TAGS[t] || t));
        const when =
          o.eta.earliest === o.eta.latest ? day(o.eta.latest) : `${day(o.eta.earliest)} – ${day(o.eta.latest)}`;
        left.appendChild(
          el('div', { class: 'fh-muted' }, `${o.carrierName} · ${KINDS[o.serviceKind] || ''} · ${when}`),
        );
        const price = el('div', null, o.freeShipping || o.priceMinor === 0 ? 'Free' : money(o.priceMinor, q.currency));
        if (host.dataset.select !== undefined) {
          const id = `fh-ship-o${uid}-${o.id}`;
          const radio = el('input', { type: 'radio', name: `fh-ship-${uid}`, id, value: o.id });
          radio.addEventListener('change', () => {
            host.setAttribute('data-quote-id', q.quoteId);
            host.setAttribute('data-option-id', o.id);
            host.dispatchEvent(
              new CustomEvent('freehold:shipping-option', {
                bubbles: true,
                detail: {
                  quoteId: q.quoteId,
                  optionId: o.id,
                  priceMinor: o.priceMinor,
                  currency: q.currency,
                  carrierName: o.carrierName,
                  serviceName: o.serviceName,
                },
              }),
            );
          });
          const label = el('label', { for: id, style: 'flex-direction:row;font-weight:400' });
          label.append(radio, left);
          li.append(label, price);
        } else li.append(left, price);
        list.appendChild(li);
      }
      out.appendChild(list);
    };

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      button.disabled = true;
      out.textContent = '';
      try {
        const body = { ...shipment(host), destination: { country: country.value } };
        if (postcode.value.trim()) body.destination.postcode = postcode.value.trim();
        const r = await fetch(`${base}/p/shipping/${encodeURIComponent(key)}/quotes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const j = await r.json().catch(() => ({}));
        if (r.ok) return show(j);
        const msg =
          r.status === 429
            ? 'Too many requests: please wait a minute and try again.'
            : j.errors?.[0]?.message || 'Delivery options could not be calculated.';
        out.appendChild(el('p', { class: 'fh-err', role: 'alert' }, msg));
      } catch {
        out.appendChild(
          el('p', { class: 'fh-err', role: 'alert' }, 'Could not reach the shop. Check your connection.'),
        );
      } finally {
        button.disabled = false;
      }
    });
  };

  const init = () => {
    for (const host of document.querySelectorAll('[data-freehold-shipping]')) {
      if (host.getAttribute('data-fh-ready')) continue;
      host.setAttribute('data-fh-ready', '1');
      const key = host.getAttribute('data-freehold-shipping');
      fetch(`${base}/p/shipping/${encodeURIComponent(key)}/config`)
        .then((r) => {
          if (!r.ok) throw new Error(`config ${r.status}`);
          return r.json();
        })
        .then((config) => render(host, key, config))
        .catch(() => {
          host.textContent = 'Delivery options could not be loaded.';
        });
    }
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
