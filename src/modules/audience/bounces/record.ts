import crypto from 'node:crypto';
import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { appendTimeline, recordConsent } from '../../crm/index.ts';
import { emailEvents } from '../schema.ts';
import { suppress } from '../sending/suppression.ts';
import type { ParsedReport } from './parse.ts';
import { type BounceKind, bounceReports, type ReportSource } from './schema.ts';

/** Soft bounces suppress an address once this many came back within the window. */
export const SOFT_BOUNCE_LIMIT = 3;
export const SOFT_BOUNCE_WINDOW_DAYS = 30;

export type IncomingReport = {
  workspaceId: string;
  source: ReportSource;
  kind: BounceKind;
  email: string;
  status?: string | null;
  diagnostic?: string | null;
  /** RFC 5322 Message-ID of the original (ours are `<uuid>@domain`), with or without angle brackets. */
  originalMessageId?: string | null;
  /** Same key twice = recorded once (a DSN read again, a webhook retried). */
  dedupeKey: string;
  at?: Date;
  data?: Record<string, unknown>;
};

export type RecordOutcome = { recorded: boolean; suppressed: boolean; messageId: string | null };

type MessageMatch = { id: string; contactId: string | null; sourceType: string; sourceId: string | null };

/**
 * Our message a report is about: by the Message-ID found in the returned headers, else the latest message to that
 * address (a report without the original's headers).
 */
export async function matchMessage(
  db: DbOrTx,
  workspaceId: string,
  originalMessageId: string | null | undefined,
  email: string,
): Promise<MessageMatch | null> {
  const mid = originalMessageId?.replace(/^<|>$/g, '').trim();
  if (mid) {
    const r = await db.execute<{
      id: string;
      contact_id: string | null;
      source_type: string;
      source_id: string | null;
    }>(sql`
      select id, contact_id, source_type, source_id from email_messages
       where workspace_id = ${workspaceId} and message_id = ${mid}
       limit 1`);
    const m = r.rows[0];
    if (m) return { id: m.id, contactId: m.contact_id, sourceType: m.source_type, sourceId: m.source_id };
  }
  const r = await db.execute<{
    id: string;
    contact_id: string | null;
    source_type: string;
    source_id: string | null;
  }>(sql`
    select id, contact_id, source_type, source_id from email_messages
     where workspace_id = ${workspaceId} and email = ${email.toLowerCase()} and status = 'sent'
     order by created_at desc
     limit 1`);
  const m = r.rows[0];
  return m ? { id: m.id, contactId: m.contact_id, sourceType: m.source_type, sourceId: m.source_id } : null;
}

/**
 * What is stored of a report's dedupe key: its hex SHA-256. The keys quote the recipient's address, and a stored
 * report must outlive the erasure of the person it is about (migration 0010 hashed the keys stored before).
 */
export function storedReportKey(key: string): string {
  return crypto.createHash('sha256').update(key.slice(0, 500)).digest('hex');
}

/** The live contact with this address (reads the CRM's contacts table: one indexed look-up). */
async function contactByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<string | null> {
  const r = await db.execute<{ id: string }>(sql`
    select id from contacts
     where workspace_id = ${workspaceId} and emails @> array[${email}]::text[]
       and merged_into_id is null and erased_at is null
     order by created_at
     limit 1`);
  return r.rows[0]?.id ?? null;
}

/**
 * Records one bounce or complaint for one recipient, idempotently: the report row, an email event, the timeline, and —
 * for a hard bounce, a complaint, or the third soft bounce within 30 days — the suppression (plus, for a complaint,
 * a withdrawn e-mail consent: the person said "this is spam").
 */
export async function recordReport(db: Db, r: IncomingReport): Promise<RecordOutcome> {
  const email = r.email.toLowerCase().trim();
  const at = r.at ?? new Date();
  return db.transaction(async (tx) => {
    const message = await matchMessage(tx, r.workspaceId, r.originalMessageId, email);
    const contactId = message?.contactId ?? (await contactByEmail(tx, r.workspaceId, email));
    const inserted = await tx
      .insert(bounceReports)
      .values({
        workspaceId: r.workspaceId,
        id: newId(),
        email,
        kind: r.kind,
        status: r.status ?? null,
        diagnostic: r.diagnostic?.slice(0, 1000) ?? null,
        source: r.source,
        messageId: message?.id ?? null,
        contactId,
        dedupeKey: storedReportKey(r.dedupeKey),
        at,
      })
      .onConflictDoNothing()
      .returning({ id: bounceReports.id });
    if (inserted.length === 0) return { recorded: false, suppressed: false, messageId: message?.id ?? null };

    const isComplaint = r.kind === 'complaint';
    await tx.insert(emailEvents).values({
      workspaceId: r.workspaceId,
      id: newId(),
      messageId: message?.id ?? null,
      contactId,
      sourceType: (message?.sourceType as typeof emailEvents.$inferInsert.sourceType) ?? null,
      sourceId: message?.sourceId ?? null,
      type: isComplaint ? 'complaint' : 'bounce',
      data: isComplaint
        ? { email, source: r.source, ...r.data }
        : {
            kind: r.kind,
            status: r.status ?? null,
            diagnostic: r.diagnostic ?? null,
            email,
            source: r.source,
            ...r.data,
          },
      at,
    });

    let suppressReason: 'hard_bounce' | 'complaint' | null = null;
    let detail = '';
    if (isComplaint) {
      suppressReason = 'complaint';
      detail = `complaint (${String(r.data?.feedbackType ?? 'abuse')}) via ${r.source}`;
    } else if (r.kind === 'hard') {
      suppressReason = 'hard_bounce';
      detail = [r.status, r.diagnostic].filter(Boolean).join(' ').slice(0, 500) || `hard bounce via ${r.source}`;
    } else {
      const since = new Date(at.getTime() - SOFT_BOUNCE_WINDOW_DAYS * 86_400_000);
      const [row] = await tx
        .select({ n: count() })
        .from(bounceReports)
        .where(
          and(
            eq(bounceReports.workspaceId, r.workspaceId),
            eq(bounceReports.email, email),
            eq(bounceReports.kind, 'soft'),
            gte(bounceReports.at, since),
          ),
        );
      if ((row?.n ?? 0) >= SOFT_BOUNCE_LIMIT) {
        suppressReason = 'hard_bounce';
        detail =
          `${row?.n} soft bounces within ${SOFT_BOUNCE_WINDOW_DAYS} days (last: ${[r.status, r.diagnostic].filter(Boolean).join(' ')})`.slice(
            0,
            500,
          );
      }
    }
    if (suppressReason) await suppress(tx, r.workspaceId, email, suppressReason, detail);

    if (contactId) {
      await appendTimeline(tx, {
        workspaceId: r.workspaceId,
        contactId,
        kind: isComplaint ? 'email_complained' : 'email_bounced',
        module: 'audience',
        actorId: null,
        at,
        data: {
          email,
          messageId: message?.id ?? null,
          source: message?.sourceType ?? null,
          sourceId: message?.sourceId ?? null,
          ...(isComplaint ? {} : { kind: r.kind, status: r.status ?? null, diagnostic: r.diagnostic ?? null }),
          suppressed: !!suppressReason,
        },
      });
      if (isComplaint) {
        await recordConsent({
          db: tx,
          workspaceId: r.workspaceId,
          contactId,
          actorId: null,
          at,
          input: {
            channel: 'email',
            status: 'unsubscribed',
            source: `spam complaint (${r.source})`,
            evidence: { email, reportKey: r.dedupeKey, messageId: message?.id ?? null, ...r.data },
          },
        });
      }
    }
    await emitEvent(tx, {
      workspaceId: r.workspaceId,
      type: isComplaint ? 'audience.email_complained' : 'audience.email_bounced',
      subjectId: contactId ?? message?.id ?? null,
      payload: {
        email,
        kind: r.kind,
        messageId: message?.id ?? null,
        contactId,
        sourceType: message?.sourceType ?? null,
        sourceId: message?.sourceId ?? null,
        suppressed: !!suppressReason,
      },
    });
    return { recorded: true, suppressed: !!suppressReason, messageId: message?.id ?? null };
  });
}

/** A provider's delivery confirmation → one 'delivered' event per message (repeats ignored). */
export async function recordDelivery(
  db: Db,
  d: {
    workspaceId: string;
    originalMessageId: string | null;
    email: string;
    at: Date;
    source: ReportSource;
    data?: Record<string, unknown>;
  },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const message = await matchMessage(tx, d.workspaceId, d.originalMessageId, d.email);
    if (!message) return false;
    const r = await tx.execute(sql`
      insert into email_events (workspace_id, id, message_id, contact_id, source_type, source_id, type, data, at)
      select ${d.workspaceId}, ${newId()}, ${message.id}, ${message.contactId}, ${message.sourceType}, ${message.sourceId},
             'delivered', ${JSON.stringify({ source: d.source, ...d.data })}::jsonb, ${d.at.toISOString()}::timestamptz
       where not exists (select 1 from email_events
                          where workspace_id = ${d.workspaceId} and message_id = ${message.id} and type = 'delivered')`);
    return (r.rowCount ?? 0) > 0;
  });
}

export type ProcessCounts = {
  bounces: number;
  complaints: number;
  ignored: number;
  duplicates: number;
  suppressed: number;
};

/** Records every recipient of a parsed DSN / ARF report. */
export async function processParsedReport(
  db: Db,
  workspaceId: string,
  parsed: ParsedReport,
  source: ReportSource,
  counts: ProcessCounts = { bounces: 0, complaints: 0, ignored: 0, duplicates: 0, suppressed: 0 },
): Promise<ProcessCounts> {
  if (parsed.type === 'ignored') {
    counts.ignored++;
    return counts;
  }
  const items =
    parsed.type === 'bounce'
      ? parsed.recipients.map((rc) => ({
          kind: rc.kind as BounceKind,
          email: rc.email,
          status: rc.status,
          diagnostic: rc.diagnostic,
          data: { format: parsed.format },
        }))
      : parsed.recipients.map((email) => ({
          kind: 'complaint' as BounceKind,
          email,
          status: null,
          diagnostic: null,
          data: { feedbackType: parsed.feedbackType, userAgent: parsed.userAgent },
        }));
  if (items.length === 0) counts.ignored++;
  for (const it of items) {
    const out = await recordReport(db, {
      workspaceId,
      source,
      originalMessageId: parsed.originalMessageId,
      dedupeKey: `${parsed.reportId}:${it.email}`,
      ...it,
    });
    if (!out.recorded) counts.duplicates++;
    else if (it.kind === 'complaint') counts.complaints++;
    else counts.bounces++;
    if (out.suppressed) counts.suppressed++;
  }
  return counts;
}
