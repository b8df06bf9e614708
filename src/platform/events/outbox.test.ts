import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startWorkers } from '../../app.ts';
import { createLogger } from '../logger.ts';
import { testConfig, testDatabase } from '../testing.ts';
import { type DomainEvent, emitEvent, emitEvents, subscribe } from './outbox.ts';

describe('transactional outbox', async () => {
  const { db, url } = await testDatabase();
  const workspaceId = '01a20000-0000-7000-8000-000000000001';

  /** Runs a job worker until `done` says so (or 200 polls of 50 ms), then stops it. */
  const runWorkersUntil = async (done: () => boolean | Promise<boolean>, settleMs = 0) => {
    const runner = await startWorkers(
      { db, url, close: async () => undefined },
      testConfig(),
      createLogger('silent'),
      1,
    );
    try {
      for (let i = 0; i < 200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));
      if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
    } finally {
      await runner.stop();
    }
  };

  it('delivers an event to its subscribers only when the writing transaction commits', async () => {
    const seen: DomainEvent[] = [];
    subscribe('test.happened', { name: 'collector', handle: async (e) => void seen.push(e) });
    await db
      .transaction(async (tx) => {
        await emitEvent(tx, { workspaceId, type: 'test.happened', payload: { n: 1 } });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await db.transaction((tx) => emitEvent(tx, { workspaceId, type: 'test.happened', payload: { n: 2 } }));

    // After the first delivery, give a wrongly queued rolled-back event the chance to show up too.
    await runWorkersUntil(() => seen.length >= 1, 300);
    expect(seen.map((e) => e.payload)).toEqual([{ n: 2 }]);
    const rows = await db.execute<{ n: number; delivered: number }>(
      sql`select count(*)::int as n, count(delivered_at)::int as delivered from domain_events where type = 'test.happened'`,
    );
    expect(rows.rows[0]).toEqual({ n: 1, delivered: 1 });
  });

  it('emits many events with one delivery job per hundred, and delivers each once, in order', async () => {
    const seen: number[] = [];
    subscribe('test.bulk', { name: 'bulk-collector', handle: async (e) => void seen.push(e.payload.n as number) });
    const events = Array.from({ length: 250 }, (_, n) => ({ workspaceId, type: 'test.bulk', payload: { n } }));
    const ids = await db.transaction((tx) => emitEvents(tx, events));
    expect(ids).toHaveLength(250);
    const jobs = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'platform.deliver-events'`,
    );
    expect(jobs.rows[0]?.n).toBe(3);
    await runWorkersUntil(() => seen.length >= 250);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, n) => n));
    const rows = await db.execute<{ delivered: number }>(
      sql`select count(delivered_at)::int as delivered from domain_events where type = 'test.bulk'`,
    );
    expect(rows.rows[0]?.delivered).toBe(250);
  });

  it('stores events nobody subscribes to as delivered, with no job, and delivers the others around them in order', async () => {
    const seen: number[] = [];
    subscribe('test.mixed', { name: 'mixed-collector', handle: async (e) => void seen.push(e.payload.n as number) });
    // Every third event is of a type with no subscriber (like the opens and clicks of a tracking flush).
    const events = Array.from({ length: 150 }, (_, n) => ({
      workspaceId,
      type: n % 3 === 0 ? 'test.nobody-listens' : 'test.mixed',
      payload: { n },
    }));
    const jobCount = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs`)).rows[0]?.n ?? 0;
    const jobsBefore = await jobCount();
    await db.transaction((tx) => emitEvents(tx, events));
    const before = await db.execute<{ jobs: number; quiet_undelivered: number }>(
      sql`select (select count(*)::int from graphile_worker.jobs) - ${jobsBefore}::int as jobs,
                 (select count(*)::int from domain_events where type = 'test.nobody-listens' and delivered_at is null)
                   as quiet_undelivered`,
    );
    // 100 listened-to events: one delivery job; the 50 others are already delivered.
    expect(before.rows[0]).toEqual({ jobs: 1, quiet_undelivered: 0 });
    // An undelivered event of a type nobody listens to (written before its subscriber was removed) in a job too.
    const stale = '01a20000-0000-7000-8000-0000000000ff';
    await db.execute(sql`insert into domain_events (workspace_id, id, type, payload)
      values (${workspaceId}, ${stale}, 'test.nobody-listens', '{}')`);
    await db.execute(sql`select graphile_worker.add_job('platform.deliver-events',
      json_build_object('events', json_build_array(json_build_object('workspaceId', ${workspaceId}::text, 'eventId', ${stale}::text))))`);
    await runWorkersUntil(async () => {
      const left = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from domain_events where type like 'test.%' and delivered_at is null`,
      );
      return left.rows[0]?.n === 0 && seen.length >= 100;
    });
    expect(seen).toEqual(events.filter((e) => e.type === 'test.mixed').map((e) => e.payload.n));
    const rows = await db.execute<{ type: string; n: number; delivered: number }>(
      sql`select type, count(*)::int as n, count(delivered_at)::int as delivered from domain_events
          where type in ('test.mixed', 'test.nobody-listens') group by type order by type`,
    );
    expect(rows.rows).toEqual([
      { type: 'test.mixed', n: 100, delivered: 100 },
      { type: 'test.nobody-listens', n: 51, delivered: 51 },
    ]);
  });
});
