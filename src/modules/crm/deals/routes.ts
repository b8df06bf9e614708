import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../contracts/common.ts';
import * as C from './contracts.ts';
import { createDeal } from './create-deal.ts';
import { getDeal } from './deal-row.ts';
import { deleteDeal } from './delete-deal.ts';
import { listDeals } from './list-deals.ts';
import { moveDeal } from './move-deal.ts';
import { updateDeal } from './update-deal.ts';

const tags = ['Deals'];

export const dealRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/deals',
    { schema: { tags, summary: 'List deals', querystring: C.ZDealListQuery, response: { 200: page(C.ZDeal) } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listDeals({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/deals',
    { schema: { tags, summary: 'Create a deal', body: C.ZDealCreate, response: { 201: C.ZDeal } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createDeal({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, input: req.body });
    },
  );

  app.get(
    '/deals/:id',
    { schema: { tags, summary: 'A deal', params: ZUuidParams, response: { 200: C.ZDeal } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getDeal({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/deals/:id',
    {
      schema: {
        tags,
        summary: 'Change a deal (stage changes: the move endpoint)',
        params: ZUuidParams,
        body: C.ZDealUpdate,
        response: { 200: C.ZDeal },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateDeal({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/deals/:id',
    { schema: { tags, summary: 'Delete a deal', params: ZUuidParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteDeal({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/deals/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a deal on the board (stage and position); won/lost need a reason',
        params: ZUuidParams,
        body: C.ZDealMove,
        response: { 200: C.ZDeal },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return moveDeal({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        id: req.params.id,
        input: req.body,
      });
    },
  );
};
