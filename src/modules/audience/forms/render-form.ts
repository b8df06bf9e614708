import type { FieldError } from '../../../platform/errors.ts';
import { type Html, html, publicPage } from '../../../platform/http/public-page.ts';
import type { FormRow } from './form-row.ts';
import type { FieldSpec } from './form-values.ts';

/** The honeypot input: hidden from people (and screen readers), filled in by naive bots. */
export const HONEYPOT = 'fh_hp';

const inputId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function fieldHtml(s: FieldSpec, value: unknown, error: string | undefined): Html {
  const id = inputId(s.name);
  const errId = `${id}-error`;
  const err = error ? html`<p id="${errId}" class="error">${error}</p>` : '';
  const aria = html`${s.required ? html` required aria-required="true"` : ''}${
    error ? html` aria-invalid="true" aria-describedby="${errId}"` : ''
  }`;
  const mark = s.required ? html` <span aria-hidden="true">*</span>` : '';
  const str = Array.isArray(value)
    ? String(value[0] ?? '')
    : value === undefined || value === null
      ? ''
      : String(value);
  if (s.input === 'checkbox') {
    const on = ['on', 'true', '1', 'yes'].includes(str.toLowerCase());
    return html`<label class="check" for="${id}"><input type="checkbox" id="${id}" name="${s.name}" value="on"${
      on ? html` checked` : ''
    }${aria}> <span>${s.label}${mark}</span></label>${err}`;
  }
  if (s.input === 'checkboxes') {
    const picked = new Set((Array.isArray(value) ? value : value ? [value] : []).map(String));
    return html`<fieldset${error ? html` aria-describedby="${errId}"` : ''}><legend>${s.label}${mark}</legend>${s.options.map(
      (o, i) =>
        html`<label class="check" for="${id}-${i}"><input type="checkbox" id="${id}-${i}" name="${s.name}" value="${o.value}"${
          picked.has(o.value) ? html` checked` : ''
        }> <span>${o.label}</span></label>`,
    )}</fieldset>${err}`;
  }
  const label = html`<label for="${id}">${s.label}${mark}</label>`;
  if (s.input === 'select') {
    return html`${label}<select id="${id}" name="${s.name}"${s.autocomplete ? html` autocomplete="${s.autocomplete}"` : ''}${aria}>
<option value="">${s.placeholder || 'Choose…'}</option>${s.options.map(
      (o) => html`<option value="${o.value}"${o.value === str ? html` selected` : ''}>${o.label}</option>`,
    )}</select>${err}`;
  }
  return html`${label}<input type="${s.input}" id="${id}" name="${s.name}" value="${str}"${
    s.autocomplete ? html` autocomplete="${s.autocomplete}"` : ''
  }${s.placeholder ? html` placeholder="${s.placeholder}"` : ''}${s.input === 'email' ? html` inputmode="email"` : ''}${aria}>${err}`;
}

/** The hosted form page; on a failed submission, the typed values come back with each error beside its field. */
export function renderFormPage(opts: {
  form: FormRow;
  specs: FieldSpec[];
  values?: Record<string, unknown>;
  errors?: FieldError[];
  hidden: Record<string, string>;
}): string {
  const { form, specs } = opts;
  const values = opts.values ?? {};
  const errors = new Map((opts.errors ?? []).map((e) => [e.field, e.message]));
  const general = (opts.errors ?? []).filter((e) => !specs.some((s) => s.name === e.field));
  const count = (opts.errors ?? []).length;
  const body = html`<h1>${form.title}</h1>
${form.description ? html`<p>${form.description}</p>` : ''}
${
  count
    ? html`<div role="alert"><p class="error">${count === 1 ? 'Please correct the field marked below.' : `Please correct the ${count} fields marked below.`}</p>${general.map((g) => html`<p class="error">${g.message}</p>`)}</div>`
    : ''
}
${
  form.active
    ? html`<form method="post" action="/p/f/${form.publicId}">
${specs.map((s) => fieldHtml(s, values[s.name], errors.get(s.name)))}
<div class="hp" aria-hidden="true"><label for="f-${HONEYPOT}">Leave this field empty</label><input type="text" id="f-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off" value=""></div>
${Object.entries(opts.hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
${form.consentText ? html`<p class="muted">${form.consentText}</p>` : ''}
<button type="submit">${form.submitLabel || 'Subscribe'}</button>
</form>`
    : html`<p>This form is closed.</p>`
}`;
  return publicPage({ title: form.title, lang: form.language, body });
}
