import { fillLinkSlots } from '../../../platform/mail/render.ts';
import { clickSigner, signWithKey } from '../links.ts';

/** What a template may use: `{{ contact.first_name }}`, `{{ contact.custom.industry }}`, `{{ unsubscribe_url }}`… */
export type MailContact = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  title?: string | null;
  country?: string | null;
  language?: string | null;
  tags?: string[];
  custom?: Record<string, unknown>;
};

export function liquidVars(opts: {
  contact: MailContact;
  workspace: { name: string; postalAddress: string | null };
  links: { unsubscribeUrl: string; preferencesUrl: string; viewUrl: string | null };
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  const c = opts.contact;
  return {
    contact: {
      id: c.id,
      email: c.email,
      first_name: c.firstName ?? '',
      last_name: c.lastName ?? '',
      name: [c.firstName, c.lastName].filter(Boolean).join(' '),
      company: c.companyName ?? '',
      title: c.title ?? '',
      country: c.country ?? '',
      language: c.language ?? '',
      tags: c.tags ?? [],
      custom: c.custom ?? {},
    },
    workspace: { name: opts.workspace.name, address: opts.workspace.postalAddress ?? '' },
    unsubscribe_url: opts.links.unsubscribeUrl,
    preferences_url: opts.links.preferencesUrl,
    view_url: opts.links.viewUrl ?? '',
    ...opts.extra,
  };
}

export type LinkKit = { publicUrl: string; workspaceId: string; signingKey: string };

/** The public links of one message; pure and synchronous, so a bulk send can call it per recipient. */
export function messageLinks(kit: LinkKit, messageId: string, contactId: string | null) {
  const clicks = new Map<string, string>();
  const sign = (purpose: 'open' | 'unsubscribe' | 'view' | 'preferences', subjectId: string) =>
    signWithKey(kit.signingKey, { purpose, workspaceId: kit.workspaceId, subjectId });
  const clickToken = clickSigner(kit.signingKey, kit.workspaceId).forMessage(messageId);
  return {
    unsubscribeUrl: `${kit.publicUrl}/p/u/${sign('unsubscribe', messageId)}`,
    preferencesUrl: contactId ? `${kit.publicUrl}/p/prefs/${sign('preferences', contactId)}` : '',
    viewUrl: `${kit.publicUrl}/p/v/${sign('view', messageId)}`,
    openPixelUrl: `${kit.publicUrl}/p/o/${sign('open', messageId)}.gif`,
    clickUrl: (url: string) => {
      // The same link usually appears in the HTML and the text part (and twice in the HTML): one token.
      let tracked = clicks.get(url);
      if (tracked === undefined) {
        // The target travels inside the signed token: a click needs no look-up, and nobody can make us redirect
        // to a URL we did not send (no open redirect).
        tracked = `${kit.publicUrl}/p/c/${clickToken(url)}`;
        clicks.set(url, tracked);
      }
      return tracked;
    },
  };
}

const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gi;

/**
 * Rewrites http(s) links for click tracking and adds the open pixel. Our own unsubscribe/preferences links are left
 * alone (a click on them is not interest), as are mailto: and tel:.
 */
export function addTracking(
  html: string,
  links: ReturnType<typeof messageLinks>,
  opts: { clicks: boolean; opens: boolean; publicUrl: string },
): string {
  const track = (raw: string): string | null => {
    const url = decodeEntities(raw.trim());
    if (!/^https?:\/\//i.test(url) || url.startsWith(`${opts.publicUrl}/p/`)) return null;
    return links.clickUrl(url);
  };
  const pixel = opts.opens
    ? `<img src="${links.openPixelUrl}" width="1" height="1" alt="" style="display:block;height:1px;width:1px;border:0" />`
    : '';
  // A campaign's template is compiled with link slots (much cheaper per message); other mail is rewritten here.
  const slotted = fillLinkSlots(html, (raw) => (opts.clicks ? (track(raw) ?? raw) : raw), pixel);
  if (slotted !== html) return slotted;
  let out = html;
  if (opts.clicks) {
    out = out.replace(HREF, (whole, pre: string, q: string, raw: string) => {
      const tracked = track(raw);
      return tracked ? `${pre}${q}${tracked}${q}` : whole;
    });
  }
  if (pixel) out = /<\/body>/i.test(out) ? out.replace(/<\/body>/i, `${pixel}</body>`) : out + pixel;
  return out;
}

/** The same link rewriting for the plain-text part, where URLs stand bare or in brackets. */
export function addTextTracking(text: string, links: ReturnType<typeof messageLinks>, publicUrl: string): string {
  return text.replace(/https?:\/\/[^\s<>\])"]+/g, (url) =>
    url.startsWith(`${publicUrl}/p/`) ? url : links.clickUrl(url),
  );
}

/** RFC 2369 + RFC 8058: mailbox providers show an unsubscribe button and POST to the URL with one click. */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/**
 * The character references an href holds as rendered: what the escape filter writes (`&amp;`, `&lt;`, `&gt;`,
 * `&quot;`, `&#39;`) and numeric ones (a template compiled for the wire writes every non-ASCII character so).
 */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(?:(amp|lt|gt|quot)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi,
    (ref, name?: string, dec?: string, hex?: string) => {
      if (name !== undefined) return NAMED[name.toLowerCase()] ?? ref;
      const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : ref;
    },
  );
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
