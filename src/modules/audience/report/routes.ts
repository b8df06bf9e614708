import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { contentReport } from './content-report.ts';
import * as C from './contracts.ts';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audience-report',
    {
      schema: {
        tags: ['Content report'],
        summary: 'Content performance: opens, clicks, unsubscribes and sign-ups by channel, by topic tag and per piece',
        querystring: C.ZReportQuery,
        response: { 200: C.ZAudienceReport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return contentReport({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );
};
