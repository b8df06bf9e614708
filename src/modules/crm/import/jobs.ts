import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/queue.ts';
import { runImport } from './run-import.ts';

/**
 * Runs an import in the worker. Safe to run twice or after a crash: `runImport` resumes from the committed
 * checkpoint. A file that cannot be imported fails the import without retries; other errors are retried.
 */
export const importJob = defineJob({
  name: 'crm.import.run',
  payload: z.object({ workspaceId: z.string().uuid(), importId: z.string().uuid() }),
  maxAttempts: 5,
  handler: async (p, ctx) => {
    try {
      const r = await runImport({ db: ctx.db, workspaceId: p.workspaceId, importId: p.importId });
      ctx.logger.info({ importId: p.importId, workspaceId: p.workspaceId, ...r }, 'import finished');
    } catch (err) {
      // Gone with its workspace, or not startable: retrying cannot change that.
      if (err instanceof AppError) {
        ctx.logger.warn({ importId: p.importId, workspaceId: p.workspaceId, err: err.message }, 'import not run');
        return;
      }
      throw err;
    }
  },
});

// Handlers are contravariant in their payload; the registry holds jobs of every payload type, as for deliverEvent.
export const importJobs: JobDefinition[] = [importJob];
