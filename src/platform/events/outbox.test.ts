import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startWorkers } from '../../app.ts';
import { createLogger } from '../logger.ts';
import { testConfig, testDatabase } from '../testing.ts';
import { type DomainEvent, emitEvent, emitEvents, subscribe } from './outbox.ts';

describe('transactional outbox', async () => {
  const { db, url } = await testDatabase();
  const workspaceId = '01a20000-0000-7000-8000-000000000001';

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

    const runner = await startWorkers(
      { db, url, close: async () => undefined },
      testConfig(),
      createLogger('silent'),
      1,
    );
    try {
      for (let i = 0; i < 100 && seen.length < 1; i++) await new Promise((r) => setTimeout(r, 50));
      // Give a wrongly queued rolled-back event the chance to show up too.
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await runner.stop();
    }
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
    const runner = await startWorkers(
      { db, url, close: async () => undefined },
      testConfig(),
      createLogger('silent'),
      1,
    );
    try {
      for (let i = 0; i < 200 && seen.length < 250; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await runner.stop();
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, n) => n));
    const rows = await db.execute<{ delivered: number }>(
      sql`select count(delivered_at)::int as delivered from domain_events where type = 'test.bulk'`,
    );
    expect(rows.rows[0]?.delivered).toBe(250);
  });
});
