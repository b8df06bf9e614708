import { z } from 'zod';
import { defineJob } from '../../../../platform/jobs/queue.ts';
import { runProductImport } from './run-product-import.ts';

/** Runs a product import in the worker; safe to run twice or after a crash (it resumes from its checkpoint). */
export const productImportJob = defineJob({
  name: 'commerce.product-import.run',
  payload: z.object({ workspaceId: z.string().uuid(), importId: z.string().uuid() }),
  maxAttempts: 5,
  handler: async (p, ctx) => {
    const r = await runProductImport({ db: ctx.db, workspaceId: p.workspaceId, importId: p.importId });
    ctx.logger.info({ importId: p.importId, status: r.status, rejected: r.rejected }, 'product import finished');
  },
});
