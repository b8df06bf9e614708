import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { ZUuidParams } from '../contracts/common.ts';
import * as C from './contracts.ts';
import { createView } from './create-view.ts';
import { deleteView } from './delete-view.ts';
import { getView, listViews } from './list-views.ts';
import { updateView } from './update-view.ts';

const tags = ['Saved views'];

export const viewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/views',
    {
      schema: {
        tags,
        summary: 'Saved views of contact, company or deal lists',
        querystring: C.ZSavedViewListQuery,
        response: { 200: z.object({ data: z.array(C.ZSavedView) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return { data: await listViews({ db: ctx.db, workspaceId: ctx.workspaceId, entity: req.query.entity }) };
    },
  );

  app.post(
    '/views',
    { schema: { tags, summary: 'Save a view', body: C.ZSavedViewCreate, response: { 201: C.ZSavedView } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createView({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, input: req.body });
    },
  );

  app.get(
    '/views/:id',
    { schema: { tags, summary: 'A saved view', params: ZUuidParams, response: { 200: C.ZSavedView } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getView({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/views/:id',
    {
      schema: {
        tags,
        summary: 'Rename a view or change its filters',
        params: ZUuidParams,
        body: C.ZSavedViewUpdate,
        response: { 200: C.ZSavedView },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateView({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, actor: ctx, input: req.body });
    },
  );

  app.delete(
    '/views/:id',
    { schema: { tags, summary: 'Delete a view', params: ZUuidParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteView({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, actor: ctx });
      return reply.status(204).send(null);
    },
  );
};
