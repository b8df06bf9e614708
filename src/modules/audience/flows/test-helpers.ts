import { sql } from 'drizzle-orm';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { createLogger } from '../../../platform/logger.ts';
import { jobDefinitions } from '../../registry.ts';
import { runFlowStep, runFlowStepJob } from './run-step.ts';

/**
 * Test-only job runner with a clock: runs every queued job due at `now` (or due now, really) (oldest first, including jobs queued by the
 * jobs it runs), through the same handlers graphile-worker calls. Flow steps get `now`, so a test can jump past a
 * wait. Returns the task names it ran, in order.
 */
export async function runDueJobs(
  db: Db,
  config: Config,
  opts: { now?: Date; allowPrivateWebhooks?: boolean; max?: number } = {},
): Promise<string[]> {
  const logger = createLogger('silent');
  const ran: string[] = [];
  for (let i = 0; i < (opts.max ?? 500); i++) {
    // Due by the test's clock or by the real one (jobs queued a moment ago are due now, whatever the test's date).
    const real = new Date();
    const now = opts.now ?? real;
    const due = new Date(Math.max(now.getTime(), real.getTime()));
    const r = await db.execute<{ id: string; task_identifier: string; payload: unknown }>(sql`
      select j.id, t.identifier as task_identifier, j.payload
      from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where j.run_at <= ${due.toISOString()}::timestamptz and j.locked_at is null
      order by j.run_at, j.id limit 1`);
    const job = r.rows[0];
    if (!job) break;
    await db.execute(sql`select graphile_worker.complete_jobs(array[${job.id}]::bigint[])`);
    const def = jobDefinitions.find((j) => j.name === job.task_identifier);
    if (!def) throw new Error(`no handler for ${job.task_identifier}`);
    if (def.name === runFlowStepJob.name)
      await runFlowStep(db, config, runFlowStepJob.payload.parse(job.payload), {
        now,
        allowPrivateWebhooks: opts.allowPrivateWebhooks ?? false,
      });
    else await def.handler(def.payload.parse(job.payload), { db, config, logger });
    ran.push(job.task_identifier);
  }
  return ran;
}

/** The flow-step jobs still queued, with when they will run. */
export async function queuedSteps(db: Db) {
  const r = await db.execute<{
    payload: { enrolmentId: string; stepId: string };
    run_at: Date;
    key: string | null;
  }>(sql`
    select j.payload, j.run_at, j.key
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${runFlowStepJob.name} order by j.run_at`);
  return r.rows.map((j) => ({ ...j.payload, runAt: new Date(j.run_at), key: j.key }));
}
