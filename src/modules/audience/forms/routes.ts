import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../crm/contracts/common.ts';
import * as C from './contracts.ts';
import { createForm } from './create-form.ts';
import { deleteForm } from './delete-form.ts';
import { getForm } from './form-row.ts';
import { getFormStats } from './form-stats.ts';
import { listForms } from './list-forms.ts';
import { listSubmissions } from './list-submissions.ts';
import { updateForm } from './update-form.ts';

const tags = ['Forms'];

export const formRoutes: FastifyPluginAsyncZod = async (app) => {
  const { publicUrl } = app.deps.config;

  app.get(
    '/forms',
    {
      schema: {
        tags,
        summary: 'Subscribe forms, newest first, with views, submissions and conversion',
        querystring: ZListQuery,
        response: { 200: page(C.ZFormListItem) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listForms({ db: ctx.db, workspaceId: ctx.workspaceId, publicUrl, ...req.query });
    },
  );

  app.post(
    '/forms',
    { schema: { tags, summary: 'Create a form', body: C.ZFormCreate, response: { 201: C.ZForm } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createForm({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body, publicUrl });
    },
  );

  app.get(
    '/forms/:id',
    {
      schema: {
        tags,
        summary: 'A form, with its hosted URL and embed code',
        params: ZUuidParams,
        response: { 200: C.ZForm },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getForm({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, publicUrl });
    },
  );

  app.patch(
    '/forms/:id',
    {
      schema: { tags, summary: 'Change a form', params: ZUuidParams, body: C.ZFormUpdate, response: { 200: C.ZForm } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateForm({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body, publicUrl });
    },
  );

  app.delete(
    '/forms/:id',
    {
      schema: {
        tags,
        summary: 'Delete a form (its submissions stay, as consent evidence)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteForm({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/forms/:id/stats',
    {
      schema: {
        tags,
        summary: 'Views, submissions, confirmations and conversion, in total and per day',
        params: ZUuidParams,
        querystring: C.ZFormStatsQuery,
        response: { 200: C.ZFormStats },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getFormStats({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, days: req.query.days });
    },
  );

  app.get(
    '/forms/:id/submissions',
    {
      schema: {
        tags,
        summary: "A form's submissions, newest first",
        params: ZUuidParams,
        querystring: C.ZSubmissionListQuery,
        response: { 200: page(C.ZFormSubmission) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listSubmissions({ db: ctx.db, workspaceId: ctx.workspaceId, formId: req.params.id, ...req.query });
    },
  );
};
