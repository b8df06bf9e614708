import crypto from 'node:crypto';
import {
  allParts,
  fieldGroups,
  type Headers,
  header,
  type MimePart,
  parseHeaderBlock,
  parseMessage,
  textOf,
} from './mime.ts';

export type BounceClass = 'hard' | 'soft';

export type BouncedRecipient = {
  email: string;
  kind: BounceClass;
  /** RFC 3463 enhanced status code (5.1.1) when the report has one. */
  status: string | null;
  diagnostic: string | null;
};

export type ParsedReport =
  | {
      type: 'bounce';
      /** The Message-ID of the message that bounced (ours: `<uuid>@domain`), without angle brackets. */
      originalMessageId: string | null;
      recipients: BouncedRecipient[];
      format: 'rfc3464' | 'text';
      /** Stable id of this report (its own Message-ID, else a hash): processing it twice records it once. */
      reportId: string;
    }
  | {
      type: 'complaint';
      originalMessageId: string | null;
      recipients: string[];
      feedbackType: string;
      userAgent: string | null;
      reportId: string;
    }
  /** A delay warning, an auto-reply, anything else: nothing to record. */
  | { type: 'ignored'; reason: string; reportId: string };

const EMAIL =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/;
const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/**
 * Reads what came back to the bounce mailbox: RFC 3464 delivery status notifications (multipart/report;
 * report-type=delivery-status — Postfix, Gmail, Outlook/Exchange, modern Exim), RFC 5965 feedback reports (ARF
 * complaints from feedback loops), and the common plain-text bounces that predate or ignore the RFC (classic Exim,
 * qmail). Auto-replies and delay warnings are recognised and ignored.
 */
export function parseReport(raw: Buffer | string): ParsedReport {
  const root = parseMessage(raw);
  const reportId = reportIdOf(root.headers, raw);
  const parts = allParts(root);

  const feedback = parts.find((p) => p.contentType === 'message/feedback-report');
  if (feedback) return complaintFrom(root, parts, feedback, reportId);

  const dsn = parts.find(
    (p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status',
  );
  if (dsn) return dsnFrom(root, parts, dsn, reportId);

  return textBounce(root, parts, reportId);
}

function reportIdOf(headers: Headers, raw: Buffer | string): string {
  const mid = angle(header(headers, 'message-id'));
  if (mid) return `mid:${mid}`;
  return `sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`;
}

function angle(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = /<([^<>\s]+)>/.exec(v);
  const id = (m ? m[1] : v.trim().split(/\s+/)[0]) ?? '';
  return id.includes('@') ? id : null;
}

function addressOf(v: string | null | undefined): string | null {
  if (!v) return null;
  // "rfc822; user@example.net" (DSN address type), "<user@example.net>", or a bare address.
  const m = EMAIL.exec(v.replace(/^\s*[A-Za-z0-9-]+\s*;/, ''));
  return m ? m[0].toLowerCase() : null;
}

/** The Message-ID of the returned original: from the attached message or headers, else the report's references. */
function originalMessageId(root: MimePart, parts: MimePart[], statusFields?: Headers): string | null {
  for (const p of parts) {
    if (p === root) continue;
    if (
      p.contentType === 'message/rfc822' ||
      p.contentType === 'message/global' ||
      p.contentType === 'text/rfc822-headers'
    ) {
      const h = parseHeaderBlock(headerTextOf(p.body));
      const id = angle(header(h, 'message-id'));
      if (id) return id;
    }
  }
  if (statusFields) {
    const id = angle(header(statusFields, 'x-original-message-id'));
    if (id) return id;
  }
  // Plain-text bounces quote the original inline ("This is a copy of the message, including all the headers").
  for (const p of parts) {
    if (p.contentType !== 'text/plain') continue;
    const m = /^Message-ID:\s*(<[^>\s]+>)/im.exec(textOf(p));
    if (m) return angle(m[1]);
  }
  return angle(header(root.headers, 'in-reply-to')) ?? angle(header(root.headers, 'references'));
}

function headerTextOf(body: Buffer): string {
  const s = body.toString('latin1');
  const end = /\r?\n\r?\n/.exec(s);
  return end ? s.slice(0, end.index) : s;
}

function dsnFrom(root: MimePart, parts: MimePart[], dsn: MimePart, reportId: string): ParsedReport {
  const groups = fieldGroups(textOf(dsn));
  const perMessage = groups[0] ?? [];
  const recipients: BouncedRecipient[] = [];
  let delayed = 0;
  for (const g of groups.slice(1)) {
    const email = addressOf(header(g, 'final-recipient')) ?? addressOf(header(g, 'original-recipient'));
    if (!email) continue;
    const action = (header(g, 'action') ?? '').trim().toLowerCase();
    if (action === 'delayed') {
      delayed++;
      continue;
    }
    // delivered / relayed / expanded are successes: only failures are bounces.
    if (action && action !== 'failed') continue;
    const status = STATUS.exec(header(g, 'status') ?? '')?.[0] ?? null;
    const diagnostic = cleanDiagnostic(header(g, 'diagnostic-code'));
    recipients.push({ email, status, diagnostic, kind: classify(status, diagnostic) });
  }
  if (recipients.length === 0) {
    return { type: 'ignored', reason: delayed ? 'delay warning' : 'no failed recipient', reportId };
  }
  return {
    type: 'bounce',
    originalMessageId: originalMessageId(root, parts, perMessage),
    recipients,
    format: 'rfc3464',
    reportId,
  };
}

function complaintFrom(root: MimePart, parts: MimePart[], feedback: MimePart, reportId: string): ParsedReport {
  const fields = fieldGroups(textOf(feedback)).flat();
  const get = (n: string) => fields.filter(([k]) => k === n).map(([, v]) => v);
  const recipients = new Set<string>();
  for (const v of get('original-rcpt-to')) {
    const a = addressOf(v);
    if (a) recipients.add(a);
  }
  // Without Original-Rcpt-To (many feedback loops redact it), the To of the returned message.
  if (recipients.size === 0) {
    for (const p of parts) {
      if (p.contentType !== 'message/rfc822' && p.contentType !== 'text/rfc822-headers') continue;
      const a = addressOf(header(parseHeaderBlock(headerTextOf(p.body)), 'to'));
      if (a) recipients.add(a);
    }
  }
  return {
    type: 'complaint',
    originalMessageId: originalMessageId(root, parts),
    recipients: [...recipients],
    feedbackType: (get('feedback-type')[0] ?? 'abuse').trim().toLowerCase(),
    userAgent: get('user-agent')[0] ?? null,
    reportId,
  };
}

/** Bounces without a delivery-status part: classic Exim, qmail, some appliances. */
function textBounce(root: MimePart, parts: MimePart[], reportId: string): ParsedReport {
  const from = (header(root.headers, 'from') ?? '').toLowerCase();
  const subject = (header(root.headers, 'subject') ?? '').toLowerCase();
  const returnPath = header(root.headers, 'return-path');
  const failed = header(root.headers, 'x-failed-recipients');
  const looksLikeBounce =
    !!failed ||
    /mailer-daemon|postmaster|mail delivery/.test(from) ||
    /undeliver|delivery (status notification|failure)|failure notice|returned mail|delivery failed|mail delivery failed|could not be delivered/.test(
      subject,
    ) ||
    returnPath?.trim() === '<>';
  if (!looksLikeBounce) {
    const auto = header(root.headers, 'auto-submitted');
    return { type: 'ignored', reason: auto && auto !== 'no' ? 'auto-reply' : 'not a bounce', reportId };
  }
  if (/delay|warning|still being retried/.test(subject)) return { type: 'ignored', reason: 'delay warning', reportId };

  const body = parts
    .filter((p) => p.contentType === 'text/plain')
    .map(textOf)
    .join('\n');
  // The explanation is what comes before the copy of the original message.
  const explanation = body.split(
    /^-{2,}\s*(?:This is a copy of|Below this line is a copy of|Original message|Undelivered message)/im,
  )[0] as string;

  const emails = new Set<string>();
  for (const a of (failed ?? '').split(',')) {
    const e = addressOf(a);
    if (e) emails.add(e);
  }
  if (emails.size === 0) {
    // qmail: "<user@example.com>:" on its own line; Exim: indented addresses after "The following address(es) failed".
    for (const m of explanation.matchAll(/^\s*<([^<>\s]+@[^<>\s]+)>:\s*$/gm))
      emails.add((m[1] as string).toLowerCase());
    const failedBlock = /following addresses? failed:\s*\n([\s\S]*?)(?:\n\s*\n|$)/i.exec(explanation);
    if (failedBlock) {
      for (const line of (failedBlock[1] ?? '').split('\n')) {
        const e = /^\s{1,4}([^\s<>]+@[^\s<>]+)\s*$/.exec(line)?.[1];
        if (e) emails.add(e.toLowerCase());
      }
    }
  }
  if (emails.size === 0) return { type: 'ignored', reason: 'bounce without a recognisable recipient', reportId };

  const status = STATUS.exec(explanation)?.[0] ?? null;
  const smtpLine = /\b([45]\d\d)[ -].{0,300}/.exec(explanation)?.[0] ?? null;
  const qmailCode = /\(#([45]\.\d{1,3}\.\d{1,3})\)/.exec(explanation)?.[1] ?? null;
  const diagnostic = cleanDiagnostic(smtpLine ?? /Sorry[^\n]*|no mailbox[^\n]*/i.exec(explanation)?.[0] ?? null);
  const code = status ?? qmailCode;
  let kind = classify(code, diagnostic ?? explanation);
  // "This is a permanent error" with no code and no soft hint: hard.
  if (!code && /permanent error/i.test(explanation) && !SOFT_HINT.test(explanation)) kind = 'hard';
  return {
    type: 'bounce',
    originalMessageId: originalMessageId(root, parts),
    recipients: [...emails].map((email) => ({ email, status: code, diagnostic, kind })),
    format: 'text',
    reportId,
  };
}

function cleanDiagnostic(v: string | null): string | null {
  if (!v) return null;
  return (
    v
      .replace(/^\s*smtp\s*;\s*/i, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 1000) || null
  );
}

const HARD_HINT =
  /user unknown|unknown user|no such (user|recipient|mailbox|address)|does not exist|doesn't exist|not exist|recipient not found|address rejected|invalid recipient|unknown recipient|mailbox unavailable|account (has been )?(disabled|closed|deactivated)|no mailbox here|mailbox not found|address (couldn't|could not) be found/i;
const SOFT_HINT =
  /mailbox (is )?full|over quota|quota exceeded|insufficient (system )?storage|try again later|temporar|rate limit|too many|greylist|timed out|connection refused/i;

/**
 * Hard means the address will not work (suppress now); soft means this message did not get through (mailbox full,
 * server down, a policy block about the message rather than the address) and may next time.
 * RFC 3463: 4.x.x is transient. Of the permanent 5.x.x, "mailbox full" (5.2.2) and "message too big" (5.3.4) are
 * about this message, and 5.7.x policy rejections (spam filtering, DMARC) are about the sender: none of those prove
 * the address dead, so they count as soft.
 */
export function classify(status: string | null, diagnostic: string | null): BounceClass {
  const d = diagnostic ?? '';
  if (status) {
    const [cls, subject, detail] = status.split('.');
    if (cls === '4') return 'soft';
    if (cls === '5') {
      if (subject === '2' && detail === '2') return 'soft';
      if (subject === '3' && detail === '4') return 'soft';
      if (subject === '7') return HARD_HINT.test(d) ? 'hard' : 'soft';
      if (subject === '1' || subject === '4' || (subject === '2' && detail === '1')) return 'hard';
      if (SOFT_HINT.test(d)) return 'soft';
      return 'hard';
    }
  }
  const smtp = /\b([45])\d\d\b/.exec(d)?.[1];
  if (smtp === '4') return 'soft';
  if (SOFT_HINT.test(d)) return 'soft';
  if (HARD_HINT.test(d)) return 'hard';
  if (smtp === '5') return 'hard';
  return 'soft';
}
