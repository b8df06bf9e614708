import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../platform/http/params.ts';
import * as C from './contracts.ts';
import { getOutboxMessage, listOutbox } from './read-outbox.ts';

const tags = ['Outbox'];

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outbox',
    {
      schema: {
        tags,
        summary: 'Messages kept instead of sent (no SMTP server configured), newest first',
        querystring: C.ZOutboxQuery,
        response: { 200: page(C.ZOutboxItem) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listOutbox({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/outbox/:id',
    { schema: { tags, summary: 'One kept message, whole', params: ZUuidParams, response: { 200: C.ZOutboxMessage } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getOutboxMessage({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );
};
