/*! Freehold form embed — <div data-freehold-form="ID"></div><script src="…/p/forms/embed.js" async></script> */
// Plain ES2020, no framework; nothing from the network is parsed as HTML: every text is set with textContent.
(() => {
  const me = document.currentScript;
  const base = me?.src ? new URL(me.src).origin : '';
  let seq = 0;
  const CSS =
    '.fh-form{font:inherit;max-inline-size:480px}.fh-form label{display:block;font-weight:600;margin-block:12px 4px}' +
    '.fh-form input,.fh-form select{box-sizing:border-box;inline-size:100%;padding:8px 10px;border:1px solid #c5cad1;border-radius:6px;font:inherit}' +
    '.fh-form .fh-check{display:flex;gap:6px;font-weight:400}.fh-form .fh-check input{inline-size:auto}' +
    '.fh-form fieldset{border:0;padding:0;margin:12px 0 0}.fh-form legend{font-weight:600;padding:0}' +
    '.fh-form .fh-err{color:#b42318;font-size:.9em;margin:4px 0 0}.fh-form .fh-muted{opacity:.75;font-size:.9em}' +
    '.fh-form button{margin-block-start:16px;padding:10px 18px;border:0;border-radius:6px;background:#2563eb;color:#fff;font:inherit;font-weight:600;cursor:pointer}' +
    '.fh-form button[disabled]{opacity:.6}.fh-hp{position:absolute;inset-inline-start:-10000px;block-size:0;overflow:hidden}';

  const el = (tag, attrs, text) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) n.setAttribute(k, v === true ? '' : v);
    }
    if (text) n.textContent = text;
    return n;
  };

  const style = () => {
    if (document.getElementById('fh-form-css')) return;
    const s = el('style', { id: 'fh-form-css' });
    s.textContent = CSS;
    (document.head || document.documentElement).appendChild(s);
  };

  const field = (f, uid) => {
    const id = `fh${uid}-${f.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const wrap = el('div', { 'data-field': f.name });
    const label = f.label + (f.required ? ' *' : '');
    const err = el('p', { id: `${id}-err`, class: 'fh-err', hidden: true });
    let input;
    if (f.input === 'checkbox') {
      const lab = el('label', { class: 'fh-check', for: id });
      input = el('input', { type: 'checkbox', id, name: f.name, value: 'on', required: f.required });
      lab.append(input, el('span', null, label));
      wrap.appendChild(lab);
    } else if (f.input === 'checkboxes') {
      input = el('fieldset');
      input.appendChild(el('legend', null, label));
      f.options.forEach((o, i) => {
        const l = el('label', { class: 'fh-check', for: `${id}-${i}` });
        l.append(
          el('input', { type: 'checkbox', id: `${id}-${i}`, name: f.name, value: o.value }),
          el('span', null, o.label),
        );
        input.appendChild(l);
      });
      wrap.appendChild(input);
    } else {
      wrap.appendChild(el('label', { for: id }, label));
      if (f.input === 'select') {
        input = el('select', { id, name: f.name, required: f.required, autocomplete: f.autocomplete });
        input.appendChild(el('option', { value: '' }, f.placeholder || '…'));
        for (const o of f.options) input.appendChild(el('option', { value: o.value }, o.label));
      } else {
        input = el('input', {
          type: f.input,
          id,
          name: f.name,
          required: f.required,
          autocomplete: f.autocomplete,
          placeholder: f.placeholder,
        });
      }
      wrap.appendChild(input);
    }
    wrap.appendChild(err);
    return { name: f.name, wrap, input, err, errId: `${id}-err` };
  };

  const values = (form) => {
    const out = {};
    for (const n of form.elements) {
      if (!n.name || n.disabled) continue;
      if (n.type === 'checkbox') {
        if (!n.checked) continue;
        out[n.name] = out[n.name] === undefined ? n.value : [].concat(out[n.name], n.value);
      } else out[n.name] = n.value;
    }
    return out;
  };

  const render = (host, def) => {
    style();
    const uid = ++seq;
    host.textContent = '';
    const form = el('form', { class: 'fh-form', novalidate: true });
    if (def.title) form.appendChild(el('h3', null, def.title));
    if (def.description) form.appendChild(el('p', null, def.description));
    const general = el('p', { class: 'fh-err', role: 'alert' });
    form.appendChild(general);
    host.appendChild(form);
    if (!def.active) {
      form.appendChild(el('p', null, 'This form is closed.'));
      return;
    }
    const fields = def.fields.map((f) => {
      const x = field(f, uid);
      form.appendChild(x.wrap);
      return x;
    });
    const hp = el('div', { class: 'fh-hp', 'aria-hidden': 'true' });
    hp.appendChild(el('input', { type: 'text', name: def.honeypot, tabindex: '-1', autocomplete: 'off' }));
    form.appendChild(hp);
    if (def.consentText) form.appendChild(el('p', { class: 'fh-muted' }, def.consentText));
    const button = el('button', { type: 'submit' }, def.submitLabel);
    form.appendChild(button);

    const showErrors = (errors) => {
      let first = null;
      general.textContent = '';
      for (const x of fields) {
        x.err.hidden = true;
        x.err.textContent = '';
        x.input.removeAttribute('aria-invalid');
        x.input.removeAttribute('aria-describedby');
      }
      for (const e of errors) {
        const x = fields.find((f) => f.name === e.field);
        if (!x) {
          general.textContent += (general.textContent ? ' ' : '') + e.message;
          continue;
        }
        x.err.textContent = e.message;
        x.err.hidden = false;
        x.input.setAttribute('aria-invalid', 'true');
        x.input.setAttribute('aria-describedby', x.errId);
        first = first || x.input;
      }
      first?.focus?.();
    };

    const done = (body) => {
      if (body.redirectUrl && /^https?:\/\//i.test(body.redirectUrl)) {
        location.href = body.redirectUrl;
        return;
      }
      const box = el('div', { class: 'fh-form', role: 'status' });
      box.appendChild(el('p', null, body.message || 'Thank you!'));
      if (body.confirmNote) box.appendChild(el('p', null, body.confirmNote));
      host.textContent = '';
      host.appendChild(box);
    };

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { ...values(form), page_url: location.href, referrer: document.referrer || '' };
      button.disabled = true;
      try {
        const r = await fetch(def.action, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const j = await r.json().catch(() => ({}));
        if (r.ok && j.ok) return done(j);
        if (r.status === 429)
          return showErrors([{ field: '', message: 'Too many attempts: please wait a minute and try again.' }]);
        showErrors(j.errors || [{ field: '', message: 'Something went wrong. Please try again.' }]);
      } catch {
        showErrors([{ field: '', message: 'Could not reach the server. Check your connection and try again.' }]);
      } finally {
        button.disabled = false;
      }
    });
  };

  const init = () => {
    for (const host of document.querySelectorAll('[data-freehold-form]')) {
      if (host.getAttribute('data-fh-ready')) continue;
      host.setAttribute('data-fh-ready', '1');
      const id = host.getAttribute('data-freehold-form');
      fetch(`${base}/p/f/${encodeURIComponent(id)}.json`)
        .then((r) => {
          if (!r.ok) throw new Error(`form ${r.status}`);
          return r.json();
        })
        .then((def) => render(host, def))
        .catch(() => {
          host.textContent = 'This form could not be loaded.';
        });
    }
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
