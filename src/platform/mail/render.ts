import { convert } from 'html-to-text';
import { type FS, Liquid, type Template } from 'liquidjs';
import mjml2html from 'mjml';
import { AppError } from '../errors.ts';

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
/** HTML output escapes every `{{ }}` (a contact named `<script>` stays text); subject and text parts do not. */
const htmlLiquid = new Liquid({ ...limits, outputEscape: 'escape' });
const plainLiquid = new Liquid(limits);

export type TemplateSource = { subject: string; mjml: string; text?: string | null; preheader?: string | null };

/** MJML compiled to HTML once, then parsed by Liquid once: a send renders each recipient from this. */
export type CompiledTemplate = { subject: Template[]; html: Template[]; text: Template[] };

export type RenderedMessage = { subject: string; html: string; text: string };

/**
 * MJML runs before Liquid so the layout work happens once per send, not once per recipient. Liquid therefore lives in
 * text and attribute values, not between MJML tags (a `{% if %}` around an <mj-section> would be dropped by MJML).
 */
export async function compileTemplate(src: TemplateSource): Promise<CompiledTemplate> {
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
    return {
      subject: plainLiquid.parse(src.subject),
      html: htmlLiquid.parse(out.html),
      text: plainLiquid.parse(textSource),
    };
  } catch (e) {
    throw new AppError('VALIDATION', 'The template has a Liquid error.', [
      { field: 'mjml', message: (e as Error).message },
    ]);
  }
}

export async function renderCompiled(t: CompiledTemplate, vars: Record<string, unknown>): Promise<RenderedMessage> {
  const [subject, html, text] = await Promise.all([
    plainLiquid.render(t.subject, vars),
    htmlLiquid.render(t.html, vars),
    plainLiquid.render(t.text, vars),
  ]);
  return {
    subject: String(subject)
      .replace(/[\r\n]+/g, ' ')
      .trim(),
    html: String(html),
    text: String(text),
  };
}

export async function renderTemplate(src: TemplateSource, vars: Record<string, unknown>): Promise<RenderedMessage> {
  return renderCompiled(await compileTemplate(src), vars);
}

function addHead(mjml: string, preheader: string): string {
  return mjml.replace(/<mjml([^>]*)>/, `<mjml$1><mj-head><mj-preview>${escapeXml(preheader)}</mj-preview></mj-head>`);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
