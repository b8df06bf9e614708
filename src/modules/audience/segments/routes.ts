import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import * as C from './contracts.ts';
import { countSegment, segmentContacts } from './evaluate.ts';
import {
  assertValidRules,
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  updateSegment,
} from './segment-use-cases.ts';

const tags = ['Segments'];
const ZId = z.object({ id: z.string().uuid() });

export const segmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/segments',
    {
      schema: { tags, summary: 'Saved segments', querystring: C.ZSegmentQuery, response: { 200: page(C.ZSegment) } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listSegments({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/segments',
    {
      schema: {
        tags,
        summary: 'Save a segment (its rules are checked: each error names the offending rule path)',
        body: C.ZSegmentCreate,
        response: { 201: C.ZSegment },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createSegment({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body });
    },
  );

  app.post(
    '/segments/preview',
    {
      schema: {
        tags,
        summary: 'Count and sample an unsaved rule set (the live count while editing)',
        body: C.ZSegmentPreviewBody,
        response: { 200: C.ZSegmentPreview },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      await assertValidRules(ctx.db, ctx.workspaceId, req.body.rules);
      const { count, tookMs } = await countSegment(ctx.db, ctx.workspaceId, req.body.rules);
      const sample = await segmentContacts(ctx.db, ctx.workspaceId, req.body.rules, { limit: 20 });
      return { count, sample: sample.data, tookMs };
    },
  );

  app.get(
    '/segments/:id',
    { schema: { tags, summary: 'A segment', params: ZId, response: { 200: C.ZSegment } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getSegment(ctx.db, ctx.workspaceId, req.params.id);
    },
  );

  app.patch(
    '/segments/:id',
    {
      schema: {
        tags,
        summary: 'Change a segment',
        params: ZId,
        body: C.ZSegmentUpdate,
        response: { 200: C.ZSegment },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateSegment({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/segments/:id',
    { schema: { tags, summary: 'Delete a segment', params: ZId, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteSegment({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/segments/:id/count',
    {
      schema: {
        tags,
        summary: 'How many contacts match the segment now',
        params: ZId,
        response: { 200: C.ZSegmentCount },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const s = await getSegment(ctx.db, ctx.workspaceId, req.params.id);
      return countSegment(ctx.db, ctx.workspaceId, s.rules);
    },
  );

  app.get(
    '/segments/:id/contacts',
    {
      schema: {
        tags,
        summary: 'The contacts matching the segment now, newest first',
        params: ZId,
        querystring: C.ZSegmentContactsQuery,
        response: { 200: page(C.ZSegmentContact) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const s = await getSegment(ctx.db, ctx.workspaceId, req.params.id);
      return segmentContacts(ctx.db, ctx.workspaceId, s.rules, req.query);
    },
  );
};
