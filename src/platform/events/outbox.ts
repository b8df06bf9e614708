import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { newId } from '../ids.ts';
import { addJob, defineJob, type JobContext } from '../jobs/queue.ts';
import { domainEvents } from './schema.ts';

export type DomainEvent = {
  workspaceId: string;
  id: string;
  type: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
};

export type Subscriber = { name: string; handle: (event: DomainEvent, ctx: JobContext) => Promise<void> };

const subscribers = new Map<string, Subscriber[]>();

/**
 * Modules register reactions to other modules' events at start-up (from their `subscribers.ts`). Returns the way to
 * take it back (tests, whose files share one process).
 */
export function subscribe(type: string, subscriber: Subscriber): () => void {
  const list = subscribers.get(type) ?? [];
  if (!list.some((s) => s.name === subscriber.name)) list.push(subscriber);
  subscribers.set(type, list);
  return () => {
    const now = subscribers.get(type)?.filter((s) => s.name !== subscriber.name) ?? [];
    if (now.length) subscribers.set(type, now);
    else subscribers.delete(type);
  };
}

/**
 * Whether any subscriber would receive an event of this type. Every process registers the same subscribers at
 * start-up, so the answer holds wherever the event is delivered.
 */
export const hasSubscribers = (type: string): boolean => (subscribers.get(type)?.length ?? 0) > 0;

/**
 * Writes the event in the caller's transaction and queues its delivery in the same one (transactional outbox). An
 * event of a type nobody subscribes to is stored as delivered, with no job: every process registers the same
 * subscribers at start-up, so there is nobody to hand it to.
 */
export async function emitEvent(
  tx: DbOrTx,
  event: { workspaceId: string; type: string; subjectId?: string | null; payload: Record<string, unknown> },
): Promise<string> {
  const id = newId();
  const listened = hasSubscribers(event.type);
  await tx.insert(domainEvents).values({
    workspaceId: event.workspaceId,
    id,
    type: event.type,
    subjectId: event.subjectId ?? null,
    payload: event.payload,
    ...(listened ? {} : { deliveredAt: sql`now()` }),
  });
  if (listened) await addJob(tx, deliverEvent, { workspaceId: event.workspaceId, eventId: id });
  return id;
}

/**
 * `emitEvent` for many events in one statement (bulk writers: order batches, the tracking flush): the domain_events
 * rows, and one `platform.deliver-events` job per 100 of those somebody subscribes to — not one job per event: a
 * flush emits thousands, and a job row costs more to write than its event. Returns the ids in the order given.
 */
export async function emitEvents(
  tx: DbOrTx,
  events: { workspaceId: string; type: string; subjectId?: string | null; payload: Record<string, unknown> }[],
): Promise<string[]> {
  if (!events.length) return [];
  const ids = events.map(() => newId());
  const listened = events.map((e) => hasSubscribers(e.type));
  const toDeliver = events.flatMap((e, i) => (listened[i] ? [{ workspaceId: e.workspaceId, eventId: ids[i]! }] : []));
  const jobs: string[] = [];
  for (let i = 0; i < toDeliver.length; i += EVENTS_PER_JOB) {
    jobs.push(JSON.stringify({ events: toDeliver.slice(i, i + EVENTS_PER_JOB) }));
  }
  // A fixed number of parameters whatever the count (arrays), so no batch size meets PostgreSQL's parameter limit.
  await tx.execute(sql`
    with ev as (
      insert into domain_events (workspace_id, id, type, subject_id, payload, delivered_at)
      select w, i, t, s, p, case when l then null else now() end from unnest(
        ${sql.param(events.map((e) => e.workspaceId))}::uuid[], ${sql.param(ids)}::uuid[],
        ${sql.param(events.map((e) => e.type))}::text[], ${sql.param(events.map((e) => e.subjectId ?? null))}::uuid[],
        ${sql.param(events.map((e) => JSON.stringify(e.payload)))}::jsonb[], ${sql.param(listened)}::boolean[]
      ) as u(w, i, t, s, p, l)
      returning 1
    )
    select (select count(*) from ev) as events, count(*) as jobs from graphile_worker.add_jobs(
      array(select row(${deliverEvents.name}::text, p, null, null, 10, null, 0, null)::graphile_worker.job_spec
            from unnest(${sql.param(jobs)}::json[]) as p)
    )`);
  return ids;
}

const EVENTS_PER_JOB = 100;

async function deliverOne(workspaceId: string, eventId: string, ctx: JobContext): Promise<void> {
  const [row] = await ctx.db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.workspaceId, workspaceId), eq(domainEvents.id, eventId)));
  if (!row || row.deliveredAt) return;
  await handOver(row, ctx);
}

/** Hands the event to every subscriber of its type, then marks it delivered: a retry skips it from then on. */
async function handOver(event: DomainEvent, ctx: JobContext): Promise<void> {
  for (const s of subscribers.get(event.type) ?? []) await s.handle(event, ctx);
  await ctx.db
    .update(domainEvents)
    .set({ deliveredAt: new Date() })
    .where(
      and(
        eq(domainEvents.workspaceId, event.workspaceId),
        eq(domainEvents.id, event.id),
        isNull(domainEvents.deliveredAt),
      ),
    );
}

/**
 * Delivers one event to every subscriber. One job per subscriber would isolate failures better; with few subscribers
 * a retry of the whole event is acceptable because every subscriber must be idempotent anyway.
 */
export const deliverEvent = defineJob({
  name: 'platform.deliver-event',
  payload: z.object({ workspaceId: z.string().uuid(), eventId: z.string().uuid() }),
  handler: async ({ workspaceId, eventId }, ctx) => deliverOne(workspaceId, eventId, ctx),
});

/**
 * Delivers the events of one `emitEvents` chunk, in order. The chunk is read in one statement, and events nobody
 * subscribes to any more (the subscriber went between the emit and the delivery) are marked delivered together in
 * another: two round trips for a hundred such events instead of two each. An event with subscribers is marked as soon
 * as they have all handled it, so a failure retries the job and skips what was delivered before it: a subscriber sees
 * an event twice only if it failed on it (as with deliverEvent).
 */
export const deliverEvents = defineJob({
  name: 'platform.deliver-events',
  payload: z.object({
    events: z
      .array(z.object({ workspaceId: z.string().uuid(), eventId: z.string().uuid() }))
      .min(1)
      .max(EVENTS_PER_JOB),
  }),
  handler: async ({ events }, ctx) => {
    const pairs = (list: typeof events) =>
      sql`unnest(${sql.param(list.map((e) => e.workspaceId))}::uuid[], ${sql.param(list.map((e) => e.eventId))}::uuid[])
        as w(workspace_id, id)`;
    const found = await ctx.db.execute<{
      workspace_id: string;
      id: string;
      type: string;
      subject_id: string | null;
      payload: Record<string, unknown>;
      occurred_at: Date | string;
    }>(sql`select e.workspace_id, e.id, e.type, e.subject_id, e.payload, e.created_at as occurred_at
      from domain_events e join ${pairs(events)} on e.workspace_id = w.workspace_id and e.id = w.id
      where e.delivered_at is null`);
    const byId = new Map(found.rows.map((r) => [r.id, r]));
    const quiet = events.filter((e) => {
      const row = byId.get(e.eventId);
      return row !== undefined && !hasSubscribers(row.type);
    });
    if (quiet.length) {
      await ctx.db.execute(sql`update domain_events e set delivered_at = now() from ${pairs(quiet)}
        where e.workspace_id = w.workspace_id and e.id = w.id and e.delivered_at is null`);
    }
    for (const e of events) {
      const row = byId.get(e.eventId);
      if (!row || !hasSubscribers(row.type)) continue;
      await handOver(
        {
          workspaceId: row.workspace_id,
          id: row.id,
          type: row.type,
          subjectId: row.subject_id,
          payload: row.payload,
          occurredAt: new Date(row.occurred_at),
        },
        ctx,
      );
    }
  },
});
