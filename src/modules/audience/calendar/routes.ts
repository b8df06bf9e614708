import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../platform/http/params.ts';
import * as C from './contracts.ts';
import { createCalendarItem } from './create-calendar-item.ts';
import { deleteCalendarItem } from './delete-calendar-item.ts';
import { getCalendarItem } from './item-row.ts';
import { listCalendarItems } from './list-calendar-items.ts';
import { updateCalendarItem } from './update-calendar-item.ts';

const tags = ['Content calendar'];

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar',
    {
      schema: {
        tags,
        summary: 'Content calendar items of a date range, or the undated ideas, with their figures',
        querystring: C.ZCalendarListQuery,
        response: { 200: page(C.ZCalendarItem) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listCalendarItems({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/calendar',
    {
      schema: {
        tags,
        summary: 'Plan a content item',
        body: C.ZCalendarItemCreate,
        response: { 201: C.ZCalendarItem },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createCalendarItem({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, input: req.body });
    },
  );

  app.get(
    '/calendar/:id',
    { schema: { tags, summary: 'A content item', params: ZUuidParams, response: { 200: C.ZCalendarItem } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getCalendarItem({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/calendar/:id',
    {
      schema: {
        tags,
        summary: 'Change a content item: fields, day (drag and drop) or status (one step at a time)',
        params: ZUuidParams,
        body: C.ZCalendarItemUpdate,
        response: { 200: C.ZCalendarItem },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateCalendarItem({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/calendar/:id',
    { schema: { tags, summary: 'Delete a content item', params: ZUuidParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteCalendarItem({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
};
