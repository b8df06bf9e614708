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

/** Modules register reactions to other modules' events at start-up (from their `subscribers.ts`). */
export function subscribe(type: string, subscriber: Subscriber): void {
  const list = subscribers.get(type) ?? [];
  if (!list.some((s) => s.name === subscriber.name)) list.push(subscriber);
  subscribers.set(type, list);
}

/** Writes the event in the caller's transaction and queues its delivery in the same one (transactional outbox). */
export async function emitEvent(
  tx: DbOrTx,
  event: { workspaceId: string; type: string; subjectId?: string | null; payload: Record<string, unknown> },
): Promise<string> {
  const id = newId();
  await tx.insert(domainEvents).values({
    workspaceId: event.workspaceId,
    id,
    type: event.type,
    subjectId: event.subjectId ?? null,
    payload: event.payload,
  });
  await addJob(tx, deliverEvent, { workspaceId: event.workspaceId, eventId: id });
  return id;
}

/**
 * `emitEvent` for many events in one statement (bulk writers: order batches, the tracking flush): the domain_events
 * rows, and one `platform.deliver-events` job per 100 of them — not one job per event: a flush emits
 * thousands, and a job row costs more to write than its event. Returns the ids in the order given.
 */
export async function emitEvents(
  tx: DbOrTx,
  events: { workspaceId: string; type: string; subjectId?: string | null; payload: Record<string, unknown> }[],
): Promise<string[]> {
  if (!events.length) return [];
  const ids = events.map(() => newId());
  const jobs: string[] = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_JOB) {
    const chunk = events
      .slice(i, i + EVENTS_PER_JOB)
      .map((e, k) => ({ workspaceId: e.workspaceId, eventId: ids[i + k] }));
    jobs.push(JSON.stringify({ events: chunk }));
  }
  // A fixed number of parameters whatever the count (arrays), so no batch size meets PostgreSQL's parameter limit.
  await tx.execute(sql`
    with ev as (
      insert into domain_events (workspace_id, id, type, subject_id, payload)
      select * from unnest(
        ${sql.param(events.map((e) => e.workspaceId))}::uuid[], ${sql.param(ids)}::uuid[],
        ${sql.param(events.map((e) => e.type))}::text[], ${sql.param(events.map((e) => e.subjectId ?? null))}::uuid[],
        ${sql.param(events.map((e) => JSON.stringify(e.payload)))}::jsonb[]
      )
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
  const event: DomainEvent = { ...row, occurredAt: row.occurredAt };
  for (const s of subscribers.get(row.type) ?? []) {
    await s.handle(event, ctx);
  }
  await ctx.db
    .update(domainEvents)
    .set({ deliveredAt: new Date() })
    .where(
      and(eq(domainEvents.workspaceId, workspaceId), eq(domainEvents.id, eventId), isNull(domainEvents.deliveredAt)),
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
 * Delivers the events of one `emitEvents` chunk, in order. A failure retries the job; the events delivered before it
 * are marked and skipped on the retry, so a subscriber sees an event twice only if it failed on it (as with
 * deliverEvent).
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
    for (const e of events) await deliverOne(e.workspaceId, e.eventId, ctx);
  },
});
