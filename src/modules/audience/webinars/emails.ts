import type { DbOrTx } from '../../../platform/db/client.ts';
import type { TemplateSource } from '../../../platform/mail/render.ts';
import { signWithKey, verifyLink } from '../links.ts';
import type { WebinarRow } from './webinar-row.ts';

/** "Tuesday, 3 March 2026 at 15:00 CET": the start in the workspace's zone, in the reader's language when known. */
export function formatWhen(startsAt: Date, timezone: string, language?: string | null): string {
  const opts: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timezone,
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(language ?? 'en', opts).format(startsAt);
  } catch {
    return new Intl.DateTimeFormat('en', { ...opts, timeZone: 'UTC' }).format(startsAt);
  }
}

const layout = (inner: string) => `<mjml><mj-body><mj-section><mj-column>
${inner}
<mj-text font-size="12px" color="#5b6470">{{ workspace.name }}{% if workspace.address != "" %} · {{ workspace.address }}{% endif %}</mj-text>
</mj-column></mj-section></mj-body></mjml>`;

const details = `<mj-text><strong>{{ webinar.title }}</strong><br/>{{ webinar.when }} ({{ webinar.duration }} min)</mj-text>
<mj-text>{% if webinar.join_url != "" %}<a href="{{ webinar.join_url }}">Join the webinar</a>{% else %}The link to join will follow by email.{% endif %}</mj-text>
<mj-text><a href="{{ webinar.ics_url }}">Add it to your calendar</a> · <a href="{{ webinar.page_url }}">Event page</a></mj-text>`;

export const confirmationTemplate: TemplateSource = {
  subject: "You're registered: {{ webinar.title }}",
  mjml: layout(`<mj-text>Hello {{ contact.first_name | default: "there" }},</mj-text>
<mj-text>Thank you for registering. Here are the details:</mj-text>
${details}
<mj-text>{% if webinar.subscribe_url != "" %}You asked to hear from us about future events: <a href="{{ webinar.subscribe_url }}">please confirm your subscription</a>.{% endif %}</mj-text>`),
};

export const reminderTemplate: TemplateSource = {
  subject: 'Starting {{ webinar.in }}: {{ webinar.title }}',
  mjml: layout(`<mj-text>Hello {{ contact.first_name | default: "there" }},</mj-text>
<mj-text>A reminder: the webinar you registered for starts {{ webinar.in }}.</mj-text>
${details}`),
};

/** "in 1 hour", "tomorrow", "in 2 days": how far ahead a reminder of `offsetMinutes` is. */
export function startsIn(offsetMinutes: number): string {
  if (offsetMinutes < 60) return `in ${offsetMinutes} minutes`;
  if (offsetMinutes < 1440) {
    const h = Math.round(offsetMinutes / 60);
    return h === 1 ? 'in 1 hour' : `in ${h} hours`;
  }
  const d = Math.round(offsetMinutes / 1440);
  return d === 1 ? 'tomorrow' : `in ${d} days`;
}

/**
 * The registrant's personal calendar link: a signed token (purpose "view", subject = the contact, extra = the
 * webinar id) lets the .ics carry the join link; the bare .ics, for anyone, does not.
 */
export function icsToken(signingKey: string, workspaceId: string, webinarId: string, contactId: string): string {
  return signWithKey(signingKey, {
    purpose: 'view',
    workspaceId,
    subjectId: contactId,
    extra: Buffer.from(webinarId.replace(/-/g, ''), 'hex'),
  });
}

/** The contact an .ics token was made for, if it is valid for this workspace and webinar. */
export async function icsTokenContact(
  db: DbOrTx,
  token: string,
  workspaceId: string,
  webinarId: string,
): Promise<string | null> {
  const claims = await verifyLink(db, token, 'view');
  if (!claims || claims.workspaceId !== workspaceId) return null;
  if (claims.extra.length !== 16 || claims.extra.toString('hex') !== webinarId.replace(/-/g, '')) return null;
  return claims.subjectId;
}

export function webinarVars(opts: {
  webinar: WebinarRow;
  timezone: string;
  language?: string | null;
  pageUrl: string;
  icsUrl: string;
  offsetMinutes?: number;
  subscribeUrl?: string;
}) {
  return {
    webinar: {
      title: opts.webinar.title,
      when: formatWhen(opts.webinar.startsAt, opts.timezone, opts.language),
      duration: opts.webinar.durationMinutes,
      join_url: opts.webinar.joinUrl ?? '',
      ics_url: opts.icsUrl,
      page_url: opts.pageUrl,
      in: opts.offsetMinutes === undefined ? '' : startsIn(opts.offsetMinutes),
      subscribe_url: opts.subscribeUrl ?? '',
    },
  };
}
