import type { FieldError } from '../../../platform/errors.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TemplateSource } from '../../../platform/mail/render.ts';

// What a template may do. Personalisation reads only the recipient's own variables (liquidVars): no tag or filter
// reaches the database. LiquidJS's file tags (`include`, `render`, `layout`) would read files of the server's disk,
// so a template that uses them is refused before it is compiled, in any spelling (inside `{% liquid %}` too, or
// hidden behind HTML entities that MJML might decode).

const FILE_TAGS = /(?:^|[\s;])(include|render|layout)(?=[\s'"]|$)/m;
const TAG_BLOCKS = /\{%-?([\s\S]*?)-?%\}/g;

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lbrace;|&lcub;/gi, '{')
    .replace(/&rbrace;|&rcub;/gi, '}')
    .replace(/&percnt;/gi, '%')
    .replace(/&amp;/gi, '&');
}

function fileTagIn(source: string): string | null {
  for (const text of [source, decodeEntities(source)]) {
    for (const m of text.matchAll(TAG_BLOCKS)) {
      const hit = FILE_TAGS.exec(m[1] ?? '');
      if (hit) return hit[1] ?? null;
    }
  }
  return null;
}

/** Refuses Liquid that would read the server's files; names the field and the line. */
export function assertSafeLiquid(src: TemplateSource): void {
  const errors: FieldError[] = [];
  for (const [field, value] of [
    ['subject', src.subject],
    ['preheader', src.preheader ?? ''],
    ['mjml', src.mjml],
    ['text', src.text ?? ''],
  ] as const) {
    const tag = fileTagIn(value);
    if (!tag) continue;
    const at = value.search(new RegExp(`\\b${tag}\\b`));
    const line = at < 0 ? 1 : value.slice(0, at).split('\n').length;
    errors.push({ field, message: `line ${line}: the Liquid tag "${tag}" is not allowed in email templates` });
  }
  if (errors.length) throw new AppError('VALIDATION', 'The template uses a Liquid tag that is not allowed.', errors);
}

const UNSUBSCRIBE = /\{\{-?\s*(unsubscribe_url|preferences_url)\b/;
const ADDRESS = /\{\{-?\s*workspace\.address\b/;

/** Has a way out for the recipient: may be used for marketing email. */
export function marketingReady(src: { mjml: string; text?: string | null }): boolean {
  return UNSUBSCRIBE.test(src.mjml) && (src.text == null || UNSUBSCRIBE.test(src.text));
}

/**
 * What is saved anyway but should be fixed before a marketing send. Drafts are not refused: a half-written template
 * is normal; campaigns refuse templates that are not marketing-ready.
 */
export function templateWarnings(
  src: { subject: string; mjml: string; text?: string | null },
  ctx: { postalAddress: string | null },
): FieldError[] {
  const w: FieldError[] = [];
  if (!src.subject.trim()) w.push({ field: 'subject', message: 'The subject is empty.' });
  if (!UNSUBSCRIBE.test(src.mjml)) {
    w.push({
      field: 'mjml',
      message:
        'No {{ unsubscribe_url }} or {{ preferences_url }} link: add one before using this template for marketing email.',
    });
  } else if (src.text != null && !UNSUBSCRIBE.test(src.text)) {
    w.push({
      field: 'text',
      message: 'The plain-text part has no {{ unsubscribe_url }} or {{ preferences_url }} link.',
    });
  }
  if (!ADDRESS.test(src.mjml)) {
    w.push({
      field: 'mjml',
      message: 'No {{ workspace.address }}: most laws want your postal address in every marketing email.',
    });
  } else if (!ctx.postalAddress?.trim()) {
    w.push({
      field: 'mjml',
      message:
        'The workspace has no postal address yet, so {{ workspace.address }} prints nothing. Set it in Audience settings.',
    });
  }
  return w;
}
