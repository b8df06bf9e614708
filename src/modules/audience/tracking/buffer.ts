import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { emitEvents, hasSubscribers } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import type { Logger } from '../../../platform/logger.ts';
import { appendTimeline, type TimelineEntryInput } from '../../crm/index.ts';

export type TrackingHit = {
  workspaceId: string;
  /** Our email_messages row (the token's subject). */
  messageId: string;
  type: 'open' | 'click';
  at: Date;
  /** {client, proxy} for both; {url} for clicks. */
  data: Record<string, unknown>;
};

/** Domain events of a first open and of each click, for modules that subscribe to them. */
export const OPENED = 'audience.email_opened';
export const CLICKED = 'audience.email_clicked';

export type FlushStats = { hits: number; recorded: number; impliedOpens: number; timeline: number; events: number };

/**
 * Opens and clicks are written in batches, not one transaction per hit: the endpoints answer from memory and a timer
 * flushes what came in every `intervalMs` (or as soon as `maxRows` are waiting) in a handful of multi-row statements.
 * The message's contact and source are looked up by the insert itself (INSERT … SELECT from email_messages), so a hit
 * costs no query of its own; hits on messages that do not exist (deleted since) simply insert nothing.
 *
 * WHAT A CRASH CAN LOSE: hits still in memory when the process dies (kill -9, power loss) — at most one flush
 * interval's worth of opens and clicks (≈ 150 ms), plus a batch whose flush was failing and being retried. A clean
 * shutdown flushes (Fastify onClose). Opens and clicks are statistics, not money: that trade buys the throughput the
 * issue asks for (≥ 5,000 hits/s) on a small box.
 *
 * Several server processes each keep their own buffer; "first open" is decided against what is already stored, so two
 * processes flushing the first opens of one message at the same instant could both write an `email_opened` timeline
 * entry. Flushes of one process never overlap.
 */
export class TrackingBuffer {
  private pending: TrackingHit[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<FlushStats> | null = null;
  private closed = false;
  /** After a failed flush the batch is kept (up to this many hits) and tried again on the next tick. */
  private readonly maxPending: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
    private readonly opts: { intervalMs?: number; maxRows?: number } = {},
  ) {
    this.maxPending = Math.max(50_000, (opts.maxRows ?? 2000) * 20);
  }

  get size(): number {
    return this.pending.length;
  }

  add(hit: TrackingHit): void {
    if (this.closed) {
      // After close (shutting down): write directly rather than drop.
      void this.write([hit]).catch((err) => this.logger.error({ err }, 'tracking hit lost at shutdown'));
      return;
    }
    this.pending.push(hit);
    if (this.pending.length >= (this.opts.maxRows ?? 2000)) this.flushInBackground();
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flushInBackground();
      }, this.opts.intervalMs ?? 150);
      this.timer.unref();
    }
  }

  /** A flush nobody waits for: its failure is logged in `flush` and retried; it must not become an unhandled rejection. */
  private flushInBackground(): void {
    this.flush().catch(() => undefined);
  }

  /** Writes everything waiting now; resolves when it is stored. Concurrent calls share one flush at a time. */
  async flush(): Promise<FlushStats> {
    // One flush at a time: wait for the running one, then take what came in meanwhile.
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending;
    if (batch.length === 0) return { hits: 0, recorded: 0, impliedOpens: 0, timeline: 0, events: 0 };
    this.pending = [];
    this.flushing = this.write(batch).catch((err: unknown) => {
      // Keep the hits for the next attempt (the database may be restarting), within a bound.
      this.pending = batch.concat(this.pending).slice(-this.maxPending);
      this.logger.error({ err, hits: batch.length }, 'tracking flush failed; will retry');
      if (!this.timer && !this.closed) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.flushInBackground();
        }, 1000);
        this.timer.unref();
      }
      throw err;
    });
    try {
      return await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  /** Flushes and stops the timer (server shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }

  private async write(batch: TrackingHit[]): Promise<FlushStats> {
    const n = batch.length;
    const cols = {
      ws: new Array<string>(n),
      msg: new Array<string>(n),
      type: new Array<string>(n),
      at: new Array<string>(n),
      data: new Array<string>(n),
      id: new Array<string>(n),
      implied: new Array<string>(n),
    };
    batch.forEach((h, i) => {
      cols.ws[i] = h.workspaceId;
      cols.msg[i] = h.messageId;
      cols.type[i] = h.type;
      cols.at[i] = h.at.toISOString();
      cols.data[i] = JSON.stringify(h.data);
      cols.id[i] = newId();
      cols.implied[i] = newId();
    });
    return this.db.transaction(async (tx) => {
      // One statement: the hits, joined to their messages (contact, source), plus an implied open for every message
      // clicked without any open before (images off, or a text-only client: the click proves the message was read).
      const rows = await tx.execute<{
        workspace_id: string;
        message_id: string;
        contact_id: string | null;
        source_type: string;
        source_id: string | null;
        type: 'open' | 'click';
        data: Record<string, unknown>;
        at: Date | string;
        opened_before: boolean;
      }>(sql`
        with hits as (
          select * from unnest(
            ${sql.param(cols.ws)}::uuid[], ${sql.param(cols.msg)}::uuid[], ${sql.param(cols.type)}::text[],
            ${sql.param(cols.at)}::timestamptz[], ${sql.param(cols.data)}::jsonb[], ${sql.param(cols.id)}::uuid[],
            ${sql.param(cols.implied)}::uuid[]
          ) as h(workspace_id, message_id, type, at, data, id, implied_id)
        ),
        msgs as (
          -- One primary-key look-up per message hit (LIMIT 1 keeps it a nested loop, never a scan of all messages).
          select m.workspace_id, m.id, m.contact_id, m.source_type, m.source_id, m.opened_at is not null as opened
            from (select distinct workspace_id, message_id from hits) h
            cross join lateral (select * from email_messages m
                                 where m.workspace_id = h.workspace_id and m.id = h.message_id limit 1) m
        ),
        implied as (
          select distinct on (h.workspace_id, h.message_id)
                 h.workspace_id, h.message_id, 'open'::text as type, h.at,
                 jsonb_build_object('implied', true, 'client', h.data->'client', 'proxy', h.data->'proxy') as data,
                 h.implied_id as id
            from hits h join msgs m on m.workspace_id = h.workspace_id and m.id = h.message_id
           where h.type = 'click' and not m.opened
             and not exists (select 1 from hits o
                              where o.workspace_id = h.workspace_id and o.message_id = h.message_id and o.type = 'open')
           order by h.workspace_id, h.message_id, h.at
        ),
        rows as (
          select workspace_id, message_id, type, at, data, id from hits
          union all
          select workspace_id, message_id, type, at, data, id from implied
        ),
        ins as (
          insert into email_events (workspace_id, id, message_id, contact_id, source_type, source_id, type, data, at)
          select r.workspace_id, r.id, m.id, m.contact_id, m.source_type, m.source_id, r.type, r.data, r.at
            from rows r join msgs m on m.workspace_id = r.workspace_id and m.id = r.message_id
          returning workspace_id, message_id, contact_id, source_type, source_id, type, data, at
        ),
        first_opens as (
          -- A concurrent flush of another process that set it first wins (the row lock, then the re-check).
          update email_messages m set opened_at = f.at
            from (select workspace_id, message_id, min(at) as at from ins where type = 'open'
                   group by workspace_id, message_id) f
           where m.workspace_id = f.workspace_id and m.id = f.message_id and m.opened_at is null
          returning 1
        )
        select ins.*, m.opened as opened_before
          from ins join msgs m on m.workspace_id = ins.workspace_id and m.id = ins.message_id
      `);

      // The timeline stays readable: the first open of a message, and each click — not every repeated open.
      const firstOpen = new Map<string, (typeof rows.rows)[number]>();
      const clicks: (typeof rows.rows)[number][] = [];
      let impliedOpens = 0;
      for (const r of rows.rows) {
        if (r.type === 'open') {
          if (r.data.implied) impliedOpens++;
          if (r.opened_before) continue;
          const key = `${r.workspace_id}/${r.message_id}`;
          const prev = firstOpen.get(key);
          if (!prev || new Date(prev.at) > new Date(r.at)) firstOpen.set(key, r);
        } else clicks.push(r);
      }
      const timeline: TimelineEntryInput[] = [];
      const events: { workspaceId: string; type: string; subjectId: string; payload: Record<string, unknown> }[] = [];
      // Every hit is already a row of email_events: the domain event only hands it to subscribers (flows read
      // email_events instead), so with none it is not written. That copy nobody read cost the click endpoint a tenth
      // of its throughput in the tracking bench.
      const tell = { open: hasSubscribers(OPENED), click: hasSubscribers(CLICKED) };
      for (const r of [...firstOpen.values(), ...clicks]) {
        const kind = r.type === 'open' ? 'email_opened' : 'email_clicked';
        const url = r.type === 'click' ? (r.data.url as string) : null;
        if (r.contact_id) {
          timeline.push({
            workspaceId: r.workspace_id,
            contactId: r.contact_id,
            kind,
            module: 'audience',
            actorId: null,
            at: new Date(r.at),
            data: {
              messageId: r.message_id,
              source: r.source_type,
              sourceId: r.source_id,
              ...(url ? { url } : {}),
              ...(r.data.proxy ? { proxy: true } : {}),
            },
          });
        }
        if (!tell[r.type]) continue;
        events.push({
          workspaceId: r.workspace_id,
          type: r.type === 'open' ? OPENED : CLICKED,
          subjectId: r.contact_id ?? r.message_id,
          payload: {
            messageId: r.message_id,
            contactId: r.contact_id,
            sourceType: r.source_type,
            sourceId: r.source_id,
            url,
          },
        });
      }
      if (timeline.length) await appendTimeline(tx, timeline);
      if (events.length) await emitEvents(tx, events);
      return { hits: n, recorded: rows.rows.length, impliedOpens, timeline: timeline.length, events: events.length };
    });
  }
}
