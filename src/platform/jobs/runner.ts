import { type Runner, run, type TaskList, Logger as WorkerLogger } from 'graphile-worker';
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
  // An empty crontab string makes graphile-worker look for a ./crontab file; a lone comment means "no schedules".
  const crontab =
    (opts.cron ?? []).map((c) => `${c.pattern} ${c.job.name} ?id=${c.identifier ?? c.job.name}`).join('\n') ||
    '# no schedules';
  return run({
    pgPool: ctx.db.$client,
    concurrency: opts.concurrency ?? 4,
    taskList,
    crontab,
    noHandleSignals: true,
    logger: new WorkerLogger((scope) => (level, message, meta) => {
      const lvl = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
      ctx.logger[lvl]({ worker: scope, ...meta }, message);
    }),
    pollInterval: 2000,
  });
}
