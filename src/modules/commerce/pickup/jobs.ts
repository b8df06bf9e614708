import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/queue.ts';
import { runPickupImport } from './run-pickup-import.ts';

/**
 * Runs a pickup-point or postcode import in the worker. Safe to run twice or after a crash: the run resumes from the
 * committed checkpoint. A file that cannot be imported fails the import without retries; other errors are retried.
 */
export const pickupImportJob = defineJob({
  name: 'commerce.pickup.import',
  payload: z.object({ workspaceId: z.string().uuid(), importId: z.string().uuid() }),
  maxAttempts: 5,
  handler: async (p, ctx) => {
    try {
      const r = await runPickupImport({ db: ctx.db, workspaceId: p.workspaceId, importId: p.importId });
      ctx.logger.info({ importId: p.importId, workspaceId: p.workspaceId, status: r.status }, 'pickup import finished');
    } catch (err) {
      if (err instanceof AppError) {
        ctx.logger.warn(
          { importId: p.importId, workspaceId: p.workspaceId, err: err.message },
          'pickup import not run',
        );
        return;
      }
      throw err;
    }
  },
});

export const pickupJobs: JobDefinition[] = [pickupImportJob];
