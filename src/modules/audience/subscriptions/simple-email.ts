import { esc } from '../../../platform/http/public-page.ts';

/**
 * A plain one-column email around a message and one button: the confirmation and the lead magnet delivery. The
 * message is the workspace's own text (Liquid allowed): it is XML-escaped for MJML, paragraphs kept, and the button's
 * address comes from a Liquid variable so it is escaped at render time.
 */
export function simpleEmailMjml(opts: {
  message: string;
  buttonLabel: string;
  urlVar: string;
  footer: string;
}): string {
  const paragraphs = opts.message
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<mj-text font-size="16px" line-height="1.5">${esc(p).replace(/\n/g, '<br />')}</mj-text>`)
    .join('\n');
  return `<mjml><mj-body background-color="#f5f6f8"><mj-section background-color="#ffffff" padding="24px">
<mj-column>
${paragraphs}
<mj-button href="{{ ${opts.urlVar} }}" background-color="#2563eb" color="#ffffff" font-size="16px" border-radius="8px">${esc(opts.buttonLabel)}</mj-button>
<mj-text font-size="13px" color="#5b6470" line-height="1.5">${esc(opts.footer)}</mj-text>
</mj-column></mj-section></mj-body></mjml>`;
}
