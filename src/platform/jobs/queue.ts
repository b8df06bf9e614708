import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Logger } from '../logger.ts';

export type JobContext = { db: Db; config: Config; logger: Logger };

/** A job is data (a name and a Zod payload) plus an idempotent handler: graphile-worker may run it twice. */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  // Method syntax on purpose: parameters are then bivariant, so every JobDefinition<S> fits in a JobDefinition[].
  handler(payload: z.infer<S>, ctx: JobContext): Promise<void>;
  /** graphile-worker retries with exponential back-off up to this many attempts. */
  maxAttempts?: number;
};

export const defineJob = <S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> => def;

export type AddJobOptions = { jobKey?: string; runAt?: Date; maxAttempts?: number; priority?: number };

/**
 * Enqueues a job through graphile-worker's SQL API, so it can share the caller's transaction: the job exists if and
 * only if the business write committed.
 */
export async function addJob<S extends z.ZodType>(
  db: DbOrTx,
  job: JobDefinition<S>,
  payload: z.infer<S>,
  opts: AddJobOptions = {},
): Promise<void> {
  job.payload.parse(payload);
  await db.execute(sql`select graphile_worker.add_job(
    ${job.name}::text,
    ${JSON.stringify(payload)}::json,
    run_at => ${opts.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? job.maxAttempts ?? 10}::int,
    job_key => ${opts.jobKey ?? null}::text,
    priority => ${opts.priority ?? 0}::int
  )`);
}
