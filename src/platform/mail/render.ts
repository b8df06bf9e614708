import { convert } from 'html-to-text';
import { type FS, filters, Liquid, type Template } from 'liquidjs';
import mjml2html from 'mjml';
import { AppError } from '../errors.ts';
import { fastPlan, renderFast } from './liquid-fast.ts';
import { toCharRefs, wireReadyHtml } from './wire-html.ts';

/**
 * Templates are written by workspace members, so they are untrusted code: `{% include %}`/`{% render %}`/`{% layout %}`
 * must never read the server's files (LiquidJS's default loader would), and a loop over a billion items must not tie
 * up the process. Every file look-up fails; parse size, render time and memory are capped.
 */
const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => {
    throw new Error(`templates cannot include files (${file})`);
  },
  readFileSync: (file) => {
    throw new Error(`templates cannot include files (${file})`);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};
const limits = {
  fs: noFiles,
  root: [],
  relativeReference: false,
  partials: [],
  layouts: [],
  strictFilters: true,
  cache: false,
  parseLimit: 1_000_000,
  renderLimit: 2_000,
  memoryLimit: 20_000_000,
};
/**
 * Control characters (other than tab and line breaks) have no business in an email, and the link slots below use two
 * of them as markers: every `{{ }}` output drops them, so contact data can never open or close a slot.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
type FilterThis = ThisParameterType<typeof filters.escape>;
const escapeFilter = filters.escape as (this: FilterThis, v: unknown) => string;
/** HTML output escapes every `{{ }}` (a contact named `<script>` stays text); subject and text parts do not. */
const htmlLiquid = new Liquid({
  ...limits,
  outputEscape(this: FilterThis, v: unknown) {
    return escapeFilter.call(this, v).replace(CONTROL, '');
  },
});
/** The same for a template compiled `wire`: every output is ASCII as well (see wire-html.ts). */
const wireLiquid = new Liquid({
  ...limits,
  outputEscape(this: FilterThis, v: unknown) {
    return toCharRefs(escapeFilter.call(this, v).replace(CONTROL, ''));
  },
});
const plainLiquid = new Liquid({
  ...limits,
  outputEscape(v: unknown) {
    return (v == null ? '' : Array.isArray(v) ? v.join('') : String(v)).replace(CONTROL, '');
  },
});

export type TemplateSource = { subject: string; mjml: string; text?: string | null; preheader?: string | null };

/**
 * MJML compiled to HTML once, then parsed by Liquid once: a send renders each recipient from this. `wire`: the HTML
 * was made ready to go as it is (see wire-html.ts) and renders with ASCII output.
 */
export type CompiledTemplate = { subject: Template[]; html: Template[]; text: Template[]; wire?: boolean };

export type RenderedMessage = { subject: string; html: string; text: string };

/**
 * MJML runs before Liquid so the layout work happens once per send, not once per recipient. Liquid therefore lives in
 * text and attribute values, not between MJML tags (a `{% if %}` around an <mj-section> would be dropped by MJML).
 */
export async function compileTemplate(
  src: TemplateSource,
  opts: { linkSlots?: boolean; wire?: boolean } = {},
): Promise<CompiledTemplate> {
  const withPreheader = src.preheader
    ? src.mjml.replace(/<mj-head>/, `<mj-head><mj-preview>${escapeXml(src.preheader)}</mj-preview>`)
    : src.mjml;
  const source =
    /<mj-head>/.test(withPreheader) || !src.preheader ? withPreheader : addHead(withPreheader, src.preheader);
  // fonts: {} — MJML would otherwise link Google Fonts into every email: a third-party request per open, and the
  // outbox viewer's CSP refuses it.
  const out = await mjml2html(source, { validationLevel: 'soft', keepComments: false, fonts: {} });
  const fatal = out.errors.filter((e) => e.tagName === 'mjml' || /is not a valid|malformed/i.test(e.message));
  if (!out.html || fatal.length > 0) {
    throw new AppError(
      'VALIDATION',
      'The template is not valid MJML.',
      fatal.map((e) => ({ field: 'mjml', message: `line ${e.line}: ${e.message}` })),
    );
  }
  const textSource =
    src.text ??
    convert(out.html, {
      // Long lines must not be wrapped: a wrap inside `{{ … }}` would break the Liquid tag.
      wordwrap: false,
      selectors: [
        { selector: 'img', format: 'skip' },
        { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ],
    });
  try {
    let html = opts.linkSlots ? out.html.replace(CONTROL, '') : out.html;
    if (opts.wire) html = wireReadyHtml(html);
    if (opts.linkSlots) html = markLinkSlots(html);
    return {
      subject: plainLiquid.parse(src.subject),
      // The output escape is bound when a template is parsed, so the engine that renders must be the one that parsed.
      html: (opts.wire ? wireLiquid : htmlLiquid).parse(html),
      text: plainLiquid.parse(textSource),
      ...(opts.wire ? { wire: true } : {}),
    };
  } catch (e) {
    throw new AppError('VALIDATION', 'The template has a Liquid error.', [
      { field: 'mjml', message: (e as Error).message },
    ]);
  }
}

export async function renderCompiled(t: CompiledTemplate, vars: Record<string, unknown>): Promise<RenderedMessage> {
  // Synchronous: templates can reach nothing asynchronous (no files, no async filters), and the promise machinery
  // of the async renderer cost as much as the rendering itself in a bulk send.
  const subject = renderWith(plainLiquid, t.subject, vars);
  const html = renderWith(t.wire ? wireLiquid : htmlLiquid, t.html, vars);
  const text = renderWith(plainLiquid, t.text, vars);
  return {
    subject: String(subject)
      .replace(/[\r\n]+/g, ' ')
      .trim(),
    html: String(html),
    text: String(text),
  };
}

/** The fast path where the template allows it (liquid-fast.ts), LiquidJS otherwise: the same string either way. */
function renderWith(engine: Liquid, t: Template[], vars: Record<string, unknown>): unknown {
  const plan = fastPlan(t, engine);
  return (plan && renderFast(plan, engine, vars)) ?? engine.renderSync(t, vars);
}

export async function renderTemplate(src: TemplateSource, vars: Record<string, unknown>): Promise<RenderedMessage> {
  return renderCompiled(await compileTemplate(src), vars);
}

const LINK = '\u0001';
const PIXEL = '\u0002';
const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gi;

/**
 * Link slots: a bulk send rewrites every link of every message (click tracking) and adds a pixel. Doing that with a
 * regular expression over each rendered message cost twice the Liquid render itself (bench/campaign.ts); instead the
 * compiled HTML marks each `href` value and the pixel's place once, and `fillLinkSlots` splits the rendered message
 * on the markers. The markers are control characters that no `{{ }}` output can contain (see CONTROL above).
 */
function markLinkSlots(html: string): string {
  const marked = html.replace(
    HREF,
    (_whole, pre: string, q: string, raw: string) => `${pre}${q}${LINK}${raw}${LINK}${q}`,
  );
  return /<\/body>/i.test(marked) ? marked.replace(/<\/body>/i, `${PIXEL}</body>`) : marked + PIXEL;
}

/**
 * Fills a message rendered from a template compiled with `linkSlots`: each marked href value (as rendered, HTML
 * entities and all) goes through `link`, the pixel marker becomes `pixel`. A message without slots comes back as is.
 */
export function fillLinkSlots(html: string, link: (rawHref: string) => string, pixel: string): string {
  if (!html.includes(LINK) && !html.includes(PIXEL)) return html;
  const parts = html.split(LINK);
  // Markers come in pairs by construction; an odd count would mean a slot was damaged, and then nothing is rewritten
  // rather than a wrong part of the message.
  if (parts.length % 2 === 0) return html.replaceAll(LINK, '').replace(PIXEL, pixel);
  for (let i = 1; i < parts.length; i += 2) parts[i] = link(parts[i] as string);
  return parts.join('').replace(PIXEL, pixel);
}

function addHead(mjml: string, preheader: string): string {
  return mjml.replace(/<mjml([^>]*)>/, `<mjml$1><mj-head><mj-preview>${escapeXml(preheader)}</mj-preview></mj-head>`);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
