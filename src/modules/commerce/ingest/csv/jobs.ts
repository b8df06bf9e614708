import { z } from 'zod';
import { AppError } from '../../../../platform/errors.ts';
import { defineJob } from '../../../../platform/jobs/queue.ts';
import { runOrderImport } from './run-order-import.ts';

/**
 * Runs an order import in the worker. Safe to run twice or after a crash: the run resumes from the committed
 * checkpoint, and orders already created come back as "existing" (createOrders is idempotent by source + id).
 */
export const orderImportJob = defineJob({
  name: 'commerce.ingest.order-import',
  payload: z.object({ workspaceId: z.string().uuid(), importId: z.string().uuid() }),
  maxAttempts: 5,
  handler: async (p, ctx) => {
    try {
      const r = await runOrderImport({ db: ctx.db, workspaceId: p.workspaceId, importId: p.importId });
      ctx.logger.info({ ...p, ...r }, 'order import finished');
    } catch (err) {
      // Gone with its workspace, or a file that cannot be read: a retry cannot change that.
      if (err instanceof AppError) {
        ctx.logger.warn({ ...p, err: err.message }, 'order import not run');
        return;
      }
      throw err;
    }
  },
});
