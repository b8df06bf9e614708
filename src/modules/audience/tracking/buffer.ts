import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { emitEvents, hasSubscribers } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import type { Logger } from '../../../platform/logger.ts';
import { contactTimelineInsert } from '../../crm/index.ts';
import type { ClientInfo } from './user-agent.ts';

export type TrackingHit = {
  workspaceId: string;
  /** Our email_messages row (the token's subject). */
  messageId: string;
  type: 'open' | 'click';
  /** When, in epoch milliseconds (default: when it is added). */
  at?: number;
  /** Clicks: the target followed. */
  url?: string;
  /** Who fetched it, when known (the shared object classifyUserAgent caches). */
  client?: ClientInfo;
};

/** Domain events of a first open and of each click, for modules that subscribe to them. */
export const OPENED = 'audience.email_opened';
export const CLICKED = 'audience.email_clicked';

export type FlushStats = { hits: number; recorded: number; impliedOpens: number; timeline: number; events: number };

/**
 * Opens and clicks are written in batches, not one transaction per hit: the endpoints answer from memory and a timer
 * flushes what came in every `intervalMs` (or as soon as `maxRows` are waiting) in one statement. The message's
 * contact and source are looked up by the insert itself (INSERT … SELECT from email_messages), so a hit costs no query
 * of its own; hits on messages that do not exist (deleted since) simply insert nothing.
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
  private pending = new HitColumns();
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
      const one = new HitColumns();
      one.push(hit);
      void this.write(one).catch((err) => this.logger.error({ err }, 'tracking hit lost at shutdown'));
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
    this.pending = new HitColumns();
    this.flushing = this.write(batch).catch((err: unknown) => {
      // Keep the hits for the next attempt (the database may be restarting), within a bound.
      this.pending = HitColumns.join(batch, this.pending, this.maxPending);
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

  private async write(batch: HitColumns): Promise<FlushStats> {
    const n = batch.length;
    const ids = { event: new Array<string>(n), implied: new Array<string | null>(n) };
    for (let i = 0; i < n; i++) {
      ids.event[i] = newId();
      ids.implied[i] = batch.type[i] === 'click' ? newId() : null;
    }
    const tell = { open: hasSubscribers(OPENED), click: hasSubscribers(CLICKED) };
    // The statement is atomic alone; with domain events to write as well, both go in one transaction.
    return tell.open || tell.click
      ? this.db.transaction((tx) => this.writeWith(tx, batch, ids, tell))
      : this.writeWith(this.db, batch, ids, tell);
  }

  private async writeWith(
    db: DbOrTx,
    h: HitColumns,
    ids: { event: string[]; implied: (string | null)[] },
    tell: { open: boolean; click: boolean },
  ): Promise<FlushStats> {
    // One statement, and one row back: the hits joined to their messages (contact, source), an implied open for every
    // message clicked without any open before (images off, or a text-only client: the click proves it was read), the
    // events, first opens, and the timeline entries (the first open of a message, and each click). Nothing but counts
    // comes back unless a module subscribes to the domain events: rows carried to the app and back were most of a
    // flush's garbage, and a flush's garbage is what made the server's collector pause under load.
    const r = await db.execute<{
      recorded: number;
      implied: number;
      timeline: number;
      notable: NotableHit[] | null;
    }>(sql`
      with hits as (
        select workspace_id, message_id, type, to_timestamp(at_ms / 1000.0) as at,
               jsonb_strip_nulls(jsonb_build_object('url', url, 'client', client, 'proxy', proxy)) as data,
               id, implied_id
          from unnest(
            ${sql.param(h.ws)}::uuid[], ${sql.param(h.msg)}::uuid[], ${sql.param(h.type)}::text[],
            ${sql.param(h.at)}::float8[], ${sql.param(h.url)}::text[], ${sql.param(h.client)}::text[],
            ${sql.param(h.proxy)}::boolean[], ${sql.param(ids.event)}::uuid[], ${sql.param(ids.implied)}::uuid[]
          ) as u(workspace_id, message_id, type, at_ms, url, client, proxy, id, implied_id)
      ),
      msgs as (
        -- One primary-key look-up per message hit (LIMIT 1 keeps it a nested loop, never a scan of all messages).
        select m.workspace_id, m.id, m.contact_id, m.source_type, m.source_id, m.subject,
               m.opened_at is not null as opened
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
        returning workspace_id, id, message_id, contact_id, source_type, source_id, type, data, at
      ),
      first_opens as (
        -- A concurrent flush of another process that set it first wins (the row lock, then the re-check).
        update email_messages m set opened_at = f.at
          from (select workspace_id, message_id, min(at) as at from ins where type = 'open'
                 group by workspace_id, message_id) f
         where m.workspace_id = f.workspace_id and m.id = f.message_id and m.opened_at is null
        returning 1
      ),
      -- What the timeline and the domain events tell: the first open of a message not opened before this flush (the
      -- earliest one in it; repeated opens are only counted), and each click.
      notable as (
        (select distinct on (i.workspace_id, i.message_id) i.*
           from ins i join msgs m on m.workspace_id = i.workspace_id and m.id = i.message_id
          where i.type = 'open' and not m.opened
          order by i.workspace_id, i.message_id, i.at)
        union all
        select i.* from ins i where i.type = 'click'
      ),
      tl as (
        -- The entry's id is its event's: one event, one entry, and an id made in the app like every other.
        ${contactTimelineInsert(sql`
          select n.workspace_id, n.id, n.contact_id,
                 'email_' || case when n.type = 'open' then 'opened' else 'clicked' end as kind, 'audience' as module,
                 n.at, jsonb_build_object('messageId', n.message_id, 'source', n.source_type, 'sourceId', n.source_id,
                                          'subject', m.subject)
                   || case when n.type = 'click' then jsonb_build_object('url', n.data->'url') else '{}'::jsonb end
                   || case when n.data->>'proxy' = 'true' then '{"proxy":true}'::jsonb else '{}'::jsonb end as data
            from notable n join msgs m on m.workspace_id = n.workspace_id and m.id = n.message_id
           where n.contact_id is not null`)}
      )
      select (select count(*) from ins)::int as recorded,
             (select count(*) from ins where type = 'open' and data ? 'implied')::int as implied,
             (select count(*) from tl)::int as timeline,
             (select jsonb_agg(jsonb_build_object('workspaceId', workspace_id, 'messageId', message_id,
                                                  'contactId', contact_id, 'sourceType', source_type,
                                                  'sourceId', source_id, 'type', type, 'url', data->>'url'))
                from notable
               where (type = 'open' and ${tell.open}) or (type = 'click' and ${tell.click})) as notable
    `);
    const counts = r.rows[0];
    const notable = counts?.notable ?? [];
    if (notable.length) {
      await emitEvents(
        db,
        notable.map((h) => ({
          workspaceId: h.workspaceId,
          type: h.type === 'open' ? OPENED : CLICKED,
          subjectId: h.contactId ?? h.messageId,
          payload: {
            messageId: h.messageId,
            contactId: h.contactId,
            sourceType: h.sourceType,
            sourceId: h.sourceId,
            url: h.url,
          },
        })),
      );
    }
    return {
      hits: h.length,
      recorded: counts?.recorded ?? 0,
      impliedOpens: counts?.implied ?? 0,
      timeline: counts?.timeline ?? 0,
      events: notable.length,
    };
  }
}

/** A first open or a click, as the flush hands it to the domain events. */
type NotableHit = {
  workspaceId: string;
  messageId: string;
  contactId: string | null;
  sourceType: string;
  sourceId: string | null;
  type: 'open' | 'click';
  url: string | null;
};

/**
 * Pending hits, a column each. A hit waits up to a flush interval, so the young-generation collections that run
 * meanwhile copy every waiting hit: columns of strings and numbers (workspace ids shared, user-agent classes the
 * cached objects) are fewer objects to copy than an object, a Date and a data object per hit — and they are the
 * statement's parameters as they stand.
 */
class HitColumns {
  ws: string[] = [];
  msg: string[] = [];
  type: ('open' | 'click')[] = [];
  at: number[] = [];
  url: (string | null)[] = [];
  client: (string | null)[] = [];
  proxy: (boolean | null)[] = [];

  get length(): number {
    return this.ws.length;
  }

  push(hit: TrackingHit): void {
    this.ws.push(sharedWorkspaceId(hit.workspaceId));
    this.msg.push(hit.messageId);
    this.type.push(hit.type);
    this.at.push(hit.at ?? Date.now());
    this.url.push(hit.url ?? null);
    this.client.push(hit.client?.client ?? null);
    this.proxy.push(hit.client?.proxy ?? null);
  }

  /** `a`'s hits, then `b`'s, keeping the newest `max`. */
  static join(a: HitColumns, b: HitColumns, max: number): HitColumns {
    const out = new HitColumns();
    out.ws = a.ws.concat(b.ws).slice(-max);
    out.msg = a.msg.concat(b.msg).slice(-max);
    out.type = a.type.concat(b.type).slice(-max);
    out.at = a.at.concat(b.at).slice(-max);
    out.url = a.url.concat(b.url).slice(-max);
    out.client = a.client.concat(b.client).slice(-max);
    out.proxy = a.proxy.concat(b.proxy).slice(-max);
    return out;
  }
}

const workspaceIds = new Map<string, string>();
/** One string per workspace id, however many hits carry it (each token's parse makes a new one). */
function sharedWorkspaceId(id: string): string {
  const known = workspaceIds.get(id);
  if (known) return known;
  if (workspaceIds.size >= 10_000) workspaceIds.clear();
  workspaceIds.set(id, id);
  return id;
}
