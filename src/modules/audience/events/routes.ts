import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import * as C from './contracts.ts';
import { listEventTypes, postContactEvent } from './record-contact-event.ts';

const tags = ['Events'];

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/events',
    {
      schema: {
        tags,
        summary: 'Record a custom event about a contact (flows can trigger on it, segments filter by it)',
        body: C.ZContactEventCreate,
        response: { 201: C.ZContactEvent },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return postContactEvent({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        input: req.body,
        channel: req.auth.apiKeyId ? 'api' : 'manual',
      });
    },
  );

  app.get(
    '/events/types',
    {
      schema: {
        tags,
        summary: 'The custom event types recorded in this workspace, with counts',
        response: { 200: z.object({ data: z.array(C.ZEventTypeSummary) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return { data: await listEventTypes(ctx.db, ctx.workspaceId) };
    },
  );
};
