import { parseCronItems, type Runner, run, type TaskList, Logger as WorkerLogger } from 'graphile-worker';
import type { JobContext, JobDefinition } from './queue.ts';

export type CronItem = { job: JobDefinition; pattern: string; identifier?: string };

/** Starts graphile-worker with every module's jobs. Payloads are validated before a handler sees them. */
export async function startWorker(
  ctx: JobContext,
  jobs: JobDefinition[],
  opts: { concurrency?: number; cron?: CronItem[] } = {},
): Promise<Runner> {
  const taskList: TaskList = {};
  for (const job of jobs) {
    taskList[job.name] = async (raw) => {
      const payload = job.payload.parse(raw);
      await job.handler(payload, ctx);
    };
  }
  // Structured cron items: the crontab text format does not allow dots in task names ("crm.remind-due-tasks").
  const parsedCronItems = parseCronItems(
    (opts.cron ?? []).map((c) => ({ task: c.job.name, match: c.pattern, identifier: c.identifier ?? c.job.name })),
  );
  return run({
    pgPool: ctx.db.$client,
    concurrency: opts.concurrency ?? 4,
    taskList,
    parsedCronItems,
    noHandleSignals: true,
    logger: new WorkerLogger((scope) => (level, message, meta) => {
      const lvl = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
      ctx.logger[lvl]({ worker: scope, ...meta }, message);
    }),
    pollInterval: 2000,
  });
}
