// Test-only helpers for the capture tests: lists made directly, queued jobs run in-process (no worker).
import { sql } from 'drizzle-orm';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { createLogger } from '../../../platform/logger.ts';
import { audienceLists } from '../schema.ts';

export async function makeList(
  db: Db,
  workspaceId: string,
  name: string,
  opts: { doubleOptIn?: boolean; visibility?: 'public' | 'private' } = {},
): Promise<string> {
  const id = newId();
  await db.insert(audienceLists).values({
    workspaceId,
    id,
    name,
    doubleOptIn: opts.doubleOptIn ?? true,
    visibility: opts.visibility ?? 'public',
  });
  return id;
}

/** Runs (and completes) every queued job of this kind, as the worker would; returns their payloads. */
export async function runQueued(db: Db, config: Config, job: JobDefinition): Promise<unknown[]> {
  const rows = await db.execute<{ id: string; payload: unknown }>(
    sql`select j.id, j.payload from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = ${job.name} order by j.id`,
  );
  const logger = createLogger('silent');
  for (const r of rows.rows) {
    await job.handler(job.payload.parse(r.payload), { db, config, logger });
    await db.execute(sql`select graphile_worker.complete_jobs(array[${r.id}]::bigint[])`);
  }
  return rows.rows.map((r) => r.payload);
}
