/*
 * Freehold pickup-point picker. Paste on a checkout page:
 *
 *   <div id="freehold-pickup"></div>
 *   <input type="hidden" name="pickup_point_id">
 *   <script src="https://YOUR-FREEHOLD/p/pickup/widget.js" data-key="pk_…" data-country="DE" async></script>
 *
 * The shopper types a postcode or shares their location; the nearest points are listed; the chosen point's id is
 * written into the input (and a `change` event fired), a `freehold-pickup:select` event with the point as `detail`
 * is dispatched on the container, and `onSelect` is called when mounted by script:
 *   FreeholdPickup.mount({ key, target, input, country, capability, limit, onSelect, texts })
 * Plain JS, no framework, no markup parsing: every text is set as text, so point names cannot inject HTML.
 */
(() => {
  const script = document.currentScript;
  const base = script?.src ? new URL(script.src).origin : '';
  const TEXTS = {
    postcode: 'Postcode',
    search: 'Find pickup points',
    locate: 'Use my location',
    locating: 'Finding you…',
    loading: 'Searching…',
    none: 'No pickup point near there. Try another postcode.',
    denied: 'Location is not available; enter a postcode instead.',
    failed: 'The pickup points could not be loaded. Try again.',
    open: 'open now',
    free: 'free',
    chosen: 'Chosen',
  };

  function el(tag, props, children) {
    const n = document.createElement(tag);
    if (props) for (const k in props) if (Object.hasOwn(props, k)) n[k] = props[k];
    (children || []).forEach((c) => {
      if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return n;
  }

  function money(minor, currency) {
    try {
      const f = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency });
      return f.format(minor / 10 ** (f.resolvedOptions().maximumFractionDigits || 0));
    } catch (_e) {
      return `${minor} ${currency}`;
    }
  }

  function mount(opts) {
    const root = typeof opts.target === 'string' ? document.querySelector(opts.target) : opts.target;
    if (!root) return null;
    const input = typeof opts.input === 'string' ? document.querySelector(opts.input) : opts.input;
    const t = {};
    for (const k in TEXTS) t[k] = opts.texts?.[k] || TEXTS[k];
    const server = opts.server || base;
    const uid = `fhp${Math.random().toString(36).slice(2, 8)}`;

    const field = el('input', { type: 'text', id: `${uid}-pc`, autocomplete: 'postal-code', required: true });
    const form = el('form', { className: 'fh-pickup-search' }, [
      el('label', { htmlFor: field.id }, [t.postcode]),
      field,
      el('button', { type: 'submit' }, [t.search]),
    ]);
    const locate = el('button', { type: 'button', className: 'fh-pickup-locate' }, [t.locate]);
    const status = el('p', { className: 'fh-pickup-status' });
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const list = el('div', { className: 'fh-pickup-list' });
    list.setAttribute('role', 'radiogroup');
    [form, locate, status, list].forEach((n) => {
      n.style.marginBlockEnd = '8px';
    });
    form.style.display = 'flex';
    form.style.gap = '8px';
    form.style.alignItems = 'center';
    form.style.flexWrap = 'wrap';
    if (!navigator.geolocation) locate.hidden = true;
    root.replaceChildren(form, locate, status, list);

    function select(p, option) {
      if (input) {
        input.value = p.id;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      Array.prototype.forEach.call(list.children, (o) => {
        o.style.outline = o === option ? '2px solid currentColor' : 'none';
      });
      root.dispatchEvent(new CustomEvent('freehold-pickup:select', { detail: p, bubbles: true }));
      if (typeof opts.onSelect === 'function') opts.onSelect(p);
    }

    function render(points) {
      list.replaceChildren();
      if (!points.length) {
        status.textContent = t.none;
        return;
      }
      status.textContent = '';
      points.forEach((p, i) => {
        const radio = el('input', { type: 'radio', name: `${uid}-point`, value: p.id, id: `${uid}-${i}` });
        if (input && input.value === p.id) radio.checked = true;
        const a = p.address;
        const where = [a.line1, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
        const meta = [
          `${p.distanceKm.toFixed(1)} km`,
          p.openNow ? t.open : '',
          p.fee.amountMinor ? money(p.fee.amountMinor, p.fee.currency) : t.free,
        ]
          .filter(Boolean)
          .join(' · ');
        const label = el('label', { htmlFor: radio.id }, [
          el('strong', null, [p.name]),
          el('br'),
          el('span', null, [where]),
          el('br'),
          el('small', null, [meta]),
          p.hoursText ? el('br') : null,
          p.hoursText ? el('small', null, [p.hoursText]) : null,
        ]);
        label.style.flex = '1';
        const option = el('div', { className: 'fh-pickup-option' }, [radio, label]);
        option.setAttribute('data-point-id', p.id);
        option.style.display = 'flex';
        option.style.gap = '8px';
        option.style.padding = '8px';
        option.style.borderBlockEnd = '1px solid #ddd';
        radio.addEventListener('change', () => {
          if (radio.checked) select(p, option);
        });
        list.appendChild(option);
      });
    }

    function search(params) {
      status.textContent = t.loading;
      const q = new URLSearchParams(params);
      q.set('limit', String(opts.limit || 8));
      if (opts.capability) q.set('capability', opts.capability);
      if (opts.radiusKm) q.set('radiusKm', String(opts.radiusKm));
      fetch(`${server}/p/pickup/${encodeURIComponent(opts.key)}/nearest.json?${q}`)
        .then((r) =>
          r.json().then((body) => {
            if (!r.ok) throw new Error(body?.detail || t.failed);
            return body;
          }),
        )
        .then((body) => render(body.data))
        .catch((e) => {
          list.replaceChildren();
          status.textContent = e?.message ? e.message : t.failed;
        });
    }

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (field.value.trim()) search({ postcode: field.value.trim(), country: opts.country || '' });
    });
    locate.addEventListener('click', () => {
      status.textContent = t.locating;
      navigator.geolocation.getCurrentPosition(
        (pos) => search({ lat: pos.coords.latitude.toFixed(5), lng: pos.coords.longitude.toFixed(5) }),
        () => {
          status.textContent = t.denied;
        },
        { timeout: 10000, maximumAge: 600000 },
      );
    });
    return { search: search };
  }

  window.FreeholdPickup = { mount: mount };
  // Auto-mount from the script tag's data attributes.
  const d = script ? script.dataset : null;
  if (d?.key) {
    const start = () => {
      mount({
        key: d.key,
        target: d.target || '#freehold-pickup',
        input: d.input || 'input[name=pickup_point_id]',
        country: d.country,
        capability: d.capability,
        limit: d.limit ? Number(d.limit) : undefined,
      });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})();
