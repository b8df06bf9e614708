import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Escapes text for HTML content and attribute values. Every interpolated value on a public page goes through it. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A trusted HTML fragment: the result of `html` templates, never user input. */
export type Html = { readonly __html: string };
const raw = (s: string): Html => ({ __html: s });

/** Tagged template that escapes every value unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return raw(out);
}

function render(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  if (typeof v === 'object' && v && '__html' in v) return (v as Html).__html;
  return esc(v);
}

/**
 * A whole public page (hosted form, confirmation, preferences, unsubscribe, archive, webinar registration, "collect near
 * you"): small, server-rendered, no inline script (the CSP forbids it), one shared stylesheet.
 */
export function publicPage(opts: {
  title: string;
  body: Html;
  lang?: string | null;
  dir?: 'ltr' | 'rtl';
  scripts?: string[];
}): string {
  const lang = opts.lang && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(opts.lang) ? opts.lang : 'en';
  const dir = opts.dir ?? (/^(he|ar|fa|ur)\b/.test(lang) ? 'rtl' : 'ltr');
  return `<!doctype html>
<html lang="${esc(lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(opts.title)}</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<link rel="stylesheet" href="/p/assets/public.css">
${(opts.scripts ?? []).map((s) => `<script src="${esc(s)}" defer></script>`).join('\n')}
</head>
<body><main class="fh-card">${opts.body.__html}</main></body>
</html>`;
}

const CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b6470;--bg:#f5f6f8;--card:#fff;--accent:#2563eb;--border:#d9dde3;--err:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--muted:#a0a7b1;--bg:#14171b;--card:#1d2127;--border:#343a42}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.fh-card{max-inline-size:560px;margin:48px auto;padding:32px;background:var(--card);border:1px solid var(--border);border-radius:12px}
h1{font-size:1.5rem;margin:0 0 8px}p{margin:0 0 16px}.muted{color:var(--muted);font-size:.9rem}
label{display:block;font-weight:600;margin:16px 0 4px}input,select,textarea{inline-size:100%;padding:10px 12px;border:1px solid var(--border);border-radius:8px;font:inherit;background:var(--card);color:var(--fg)}
input[type=checkbox],input[type=radio]{inline-size:auto;margin-inline-end:8px}
.check{display:flex;align-items:flex-start;font-weight:400;gap:4px}
button,.button{display:inline-block;margin-block-start:20px;padding:10px 18px;border:0;border-radius:8px;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
button.secondary{background:transparent;color:var(--accent);border:1px solid var(--accent)}
.error{color:var(--err);font-size:.9rem;margin-block-start:4px}.hp{position:absolute;inset-inline-start:-10000px;block-size:0;overflow:hidden}
ul.plain{list-style:none;padding:0}ul.plain li{padding:8px 0;border-block-end:1px solid var(--border)}
a{color:var(--accent)}
`;

/** The shared stylesheet for public pages, at /p/assets/public.css. */
export const publicAssetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/assets/public.css', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return reply.type('text/css; charset=utf-8').send(CSS);
  });
};
