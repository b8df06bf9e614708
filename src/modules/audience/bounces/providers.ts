import type { Db } from '../../../platform/db/client.ts';
import type { BounceClass } from './parse.ts';
import { type ProcessCounts, recordDelivery, recordReport } from './record.ts';

// Provider webhook payloads → the same records a DSN read from the bounce mailbox makes.

type Counts = ProcessCounts & { delivered: number };
const zero = (): Counts => ({ bounces: 0, complaints: 0, ignored: 0, duplicates: 0, suppressed: 0, delivered: 0 });

const str = (v: unknown): string | null => (typeof v === 'string' && v.length ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The original Message-ID from SES's `mail` object (commonHeaders, else the raw header list). */
function sesOriginalMessageId(mail: Record<string, unknown>): string | null {
  const common = str(obj(mail.commonHeaders).messageId);
  if (common) return common;
  for (const h of arr(mail.headers)) {
    const o = obj(h);
    if (typeof o.name === 'string' && o.name.toLowerCase() === 'message-id') return str(o.value);
  }
  return null;
}

/**
 * One Amazon SES notification (the SNS Message, parsed): Bounce, Complaint or Delivery, in either the classic
 * notification format (`notificationType`) or event publishing (`eventType`).
 * https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
 */
export async function handleSesNotification(db: Db, workspaceId: string, n: Record<string, unknown>): Promise<Counts> {
  const counts = zero();
  const type = str(n.notificationType) ?? str(n.eventType);
  const mail = obj(n.mail);
  const originalMessageId = sesOriginalMessageId(mail);
  if (type === 'Bounce') {
    const b = obj(n.bounce);
    // Permanent: the address is bad. Transient (mailbox full, too large, content rejected) and Undetermined: soft.
    const kind: BounceClass = b.bounceType === 'Permanent' ? 'hard' : 'soft';
    const feedbackId = str(b.feedbackId) ?? str(mail.messageId) ?? 'unknown';
    const at = new Date(str(b.timestamp) ?? Date.now());
    for (const r of arr(b.bouncedRecipients)) {
      const rc = obj(r);
      const email = str(rc.emailAddress);
      if (!email) continue;
      const out = await recordReport(db, {
        workspaceId,
        source: 'ses',
        kind,
        email,
        status: str(rc.status),
        diagnostic: str(rc.diagnosticCode) ?? `${String(b.bounceType)}/${String(b.bounceSubType)}`,
        originalMessageId,
        dedupeKey: `ses:${feedbackId}:${email.toLowerCase()}`,
        at: Number.isNaN(at.getTime()) ? new Date() : at,
        data: { bounceType: b.bounceType ?? null, bounceSubType: b.bounceSubType ?? null },
      });
      tally(counts, out, 'bounces');
    }
  } else if (type === 'Complaint') {
    const c = obj(n.complaint);
    const feedbackType = str(c.complaintFeedbackType) ?? 'abuse';
    // "not-spam" reports that a message was moved out of spam: the opposite of a complaint.
    if (feedbackType === 'not-spam') {
      counts.ignored++;
      return counts;
    }
    const feedbackId = str(c.feedbackId) ?? str(mail.messageId) ?? 'unknown';
    const at = new Date(str(c.timestamp) ?? Date.now());
    for (const r of arr(c.complainedRecipients)) {
      const email = str(obj(r).emailAddress);
      if (!email) continue;
      const out = await recordReport(db, {
        workspaceId,
        source: 'ses',
        kind: 'complaint',
        email,
        originalMessageId,
        dedupeKey: `ses:${feedbackId}:${email.toLowerCase()}`,
        at: Number.isNaN(at.getTime()) ? new Date() : at,
        data: { feedbackType, userAgent: str(c.userAgent) },
      });
      tally(counts, out, 'complaints');
    }
  } else if (type === 'Delivery') {
    const d = obj(n.delivery);
    const at = new Date(str(d.timestamp) ?? Date.now());
    for (const r of arr(d.recipients)) {
      const email = str(r);
      if (!email) continue;
      const ok = await recordDelivery(db, {
        workspaceId,
        originalMessageId,
        email,
        at: Number.isNaN(at.getTime()) ? new Date() : at,
        source: 'ses',
        data: { smtpResponse: str(d.smtpResponse) },
      });
      if (ok) counts.delivered++;
      else counts.ignored++;
    }
  } else counts.ignored++;
  return counts;
}

const POSTMARK_HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated']);
const POSTMARK_SOFT = new Set([
  'SoftBounce',
  'Transient',
  'DnsError',
  'Blocked',
  'SpamNotification',
  'DMARCPolicy',
  'SMTPApiError',
  'Unknown',
]);

/**
 * One Postmark webhook (Bounce, SpamComplaint or Delivery).
 * https://postmarkapp.com/developer/webhooks/webhooks-overview — Postmark's MessageID is its own id, so a report is
 * matched to our message by the Message-ID in the bounce dump when Postmark includes it, else by recipient.
 */
export async function handlePostmark(db: Db, workspaceId: string, p: Record<string, unknown>): Promise<Counts> {
  const counts = zero();
  const record = str(p.RecordType) ?? (p.Type === 'SpamComplaint' ? 'SpamComplaint' : p.Type ? 'Bounce' : null);
  const originalMessageId = /^Message-ID:\s*(<[^>\s]+>)/im.exec(str(p.Content) ?? '')?.[1] ?? null;
  if (record === 'Bounce' || record === 'SpamComplaint') {
    const email = str(p.Email);
    const type = str(p.Type) ?? record;
    const complaint = record === 'SpamComplaint' || type === 'SpamComplaint';
    const kind = complaint ? 'complaint' : POSTMARK_HARD.has(type) ? 'hard' : POSTMARK_SOFT.has(type) ? 'soft' : null;
    if (!email || !kind) {
      // AutoResponder, AddressChange, ChallengeVerification, Subscribe…: not about deliverability.
      counts.ignored++;
      return counts;
    }
    const at = new Date(str(p.BouncedAt) ?? Date.now());
    const out = await recordReport(db, {
      workspaceId,
      source: 'postmark',
      kind,
      email,
      status: null,
      diagnostic: complaint ? null : [str(p.Description), str(p.Details)].filter(Boolean).join(' — ') || type,
      originalMessageId,
      dedupeKey: `postmark:${String(p.ID ?? `${email}:${p.BouncedAt}`)}`,
      at: Number.isNaN(at.getTime()) ? new Date() : at,
      data: complaint
        ? { feedbackType: 'abuse', postmarkType: type }
        : { postmarkType: type, typeCode: p.TypeCode ?? null },
    });
    tally(counts, out, complaint ? 'complaints' : 'bounces');
  } else if (record === 'Delivery') {
    const email = str(p.Recipient);
    const at = new Date(str(p.DeliveredAt) ?? Date.now());
    if (
      email &&
      (await recordDelivery(db, {
        workspaceId,
        originalMessageId,
        email,
        at: Number.isNaN(at.getTime()) ? new Date() : at,
        source: 'postmark',
        data: { details: str(p.Details) },
      }))
    ) {
      counts.delivered++;
    } else counts.ignored++;
  } else counts.ignored++;
  return counts;
}

function tally(counts: Counts, out: { recorded: boolean; suppressed: boolean }, key: 'bounces' | 'complaints') {
  if (!out.recorded) counts.duplicates++;
  else counts[key]++;
  if (out.suppressed) counts.suppressed++;
}
