import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { ZUuidParams } from '../contracts/common.ts';
import * as C from './contracts.ts';
import { eraseContact } from './erase-contact.ts';
import { exportContact } from './export-contact.ts';

const tags = ['Privacy'];

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/contacts/:id/export',
    {
      schema: {
        tags,
        summary: 'Everything held about a person, as JSON (right of access); logged',
        params: ZUuidParams,
        response: { 200: C.ZContactExport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const doc = await exportContact({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        id: req.params.id,
      });
      reply.header('content-disposition', `attachment; filename="contact-${req.params.id}.json"`);
      return doc;
    },
  );

  app.post(
    '/contacts/:id/erase',
    {
      schema: {
        tags,
        summary: 'Erase a person’s data, keeping an anonymous stub for the counts (admins)',
        params: ZUuidParams,
        response: { 200: C.ZEraseResult },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return eraseContact({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, id: req.params.id });
    },
  );
};
