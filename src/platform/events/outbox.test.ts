import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startWorkers } from '../../app.ts';
import { createLogger } from '../logger.ts';
import { testConfig, testDatabase } from '../testing.ts';
import { type DomainEvent, emitEvent, subscribe } from './outbox.ts';

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
});
