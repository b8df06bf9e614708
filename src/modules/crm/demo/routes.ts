import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { loadDemoData } from './load-demo.ts';

export const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/demo',
    {
      schema: {
        tags: ['Demo'],
        summary: 'Fill the workspace with realistic demo data (once)',
        response: {
          201: z.object({ companies: z.number(), contacts: z.number(), deals: z.number(), tasks: z.number() }),
        },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      return reply
        .status(201)
        .send(await loadDemoData({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId }));
    },
  );
};
