import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZTimelineEntry, ZTimelineQuery } from '../contacts/contracts.ts';
import { ZUuidParams } from '../contracts/common.ts';
import { appendTimeline, listTimeline } from '../timeline.ts';
import { createCompany, deleteCompany, getCompany, listCompanies, updateCompany } from './company-use-cases.ts';
import * as C from './contracts.ts';

const tags = ['Companies'];

export const companyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/companies',
    {
      schema: {
        tags,
        summary: 'List and search companies',
        querystring: C.ZCompanyListQuery,
        response: { 200: page(C.ZCompany) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listCompanies({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );
  app.post(
    '/companies',
    { schema: { tags, summary: 'Create a company', body: C.ZCompanyCreate, response: { 201: C.ZCompany } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      return reply
        .status(201)
        .send(
          await createCompany({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: req.auth.userId, input: req.body }),
        );
    },
  );
  app.get(
    '/companies/:id',
    { schema: { tags, summary: 'Get a company', params: ZUuidParams, response: { 200: C.ZCompany } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getCompany({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );
  app.patch(
    '/companies/:id',
    {
      schema: {
        tags,
        summary: 'Update a company',
        params: ZUuidParams,
        body: C.ZCompanyUpdate,
        response: { 200: C.ZCompany },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateCompany({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: req.auth.userId,
        id: req.params.id,
        input: req.body,
      });
    },
  );
  app.delete(
    '/companies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a company (its contacts stay, unlinked)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteCompany({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/companies/:id/timeline',
    {
      schema: {
        tags,
        summary: "The company's timeline, with its contacts' entries",
        params: ZUuidParams,
        querystring: ZTimelineQuery,
        response: { 200: page(ZTimelineEntry) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      await getCompany({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return listTimeline({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        subject: { companyId: req.params.id },
        ...req.query,
      });
    },
  );
  app.post(
    '/companies/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note to the company timeline',
        params: ZUuidParams,
        body: z.object({ body: z.string().trim().min(1).max(50_000) }),
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await getCompany({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      await appendTimeline(ctx.db, {
        workspaceId: ctx.workspaceId,
        companyId: req.params.id,
        kind: 'note',
        actorId: req.auth.userId,
        data: { body: req.body.body },
      });
      return reply.status(201).send({ ok: true as const });
    },
  );
};
