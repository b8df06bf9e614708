import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { ZUuidParams } from '../contracts/common.ts';
import { addStage } from './add-stage.ts';
import * as C from './contracts.ts';
import { createPipeline } from './create-pipeline.ts';
import { deletePipeline } from './delete-pipeline.ts';
import { deleteStage } from './delete-stage.ts';
import { getPipeline, listPipelines } from './get-pipeline.ts';
import { pipelineSummary } from './pipeline-summary.ts';
import { reorderStages } from './reorder-stages.ts';
import { updatePipeline } from './update-pipeline.ts';
import { updateStage } from './update-stage.ts';

const tags = ['Deals'];

/** Reading pipelines is for everyone; shaping them (stages, defaults) is for admins. */
export const pipelineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/pipelines',
    {
      schema: {
        tags,
        summary: 'Pipelines with their stages',
        response: { 200: z.object({ data: z.array(C.ZPipeline) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return { data: await listPipelines(ctx) };
    },
  );

  app.post(
    '/pipelines',
    { schema: { tags, summary: 'Create a pipeline', body: C.ZPipelineCreate, response: { 201: C.ZPipeline } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      reply.status(201);
      return createPipeline({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body });
    },
  );

  app.get(
    '/pipelines/:id',
    { schema: { tags, summary: 'A pipeline with its stages', params: ZUuidParams, response: { 200: C.ZPipeline } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getPipeline({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Rename a pipeline or make it the default',
        params: ZUuidParams,
        body: C.ZPipelineUpdate,
        response: { 200: C.ZPipeline },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updatePipeline({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/pipelines/:id',
    { schema: { tags, summary: 'Delete an empty pipeline', params: ZUuidParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deletePipeline({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/pipelines/:id/summary',
    {
      schema: {
        tags,
        summary: 'Deals and amounts per stage and currency',
        params: ZUuidParams,
        response: { 200: C.ZPipelineSummary },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return pipelineSummary({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.post(
    '/pipelines/:id/stages',
    {
      schema: {
        tags,
        summary: 'Add a stage',
        params: ZUuidParams,
        body: C.ZStageCreate,
        response: { 201: C.ZPipeline },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      reply.status(201);
      return addStage({ db: ctx.db, workspaceId: ctx.workspaceId, pipelineId: req.params.id, input: req.body });
    },
  );

  app.put(
    '/pipelines/:id/stages/order',
    {
      schema: {
        tags,
        summary: 'Reorder the stages',
        params: ZUuidParams,
        body: C.ZStageOrder,
        response: { 200: C.ZPipeline },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return reorderStages({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        pipelineId: req.params.id,
        stageIds: req.body.stageIds,
      });
    },
  );

  app.patch(
    '/pipelines/:id/stages/:stageId',
    {
      schema: {
        tags,
        summary: 'Rename a stage or change its probability or kind',
        params: C.ZStageParams,
        body: C.ZStageUpdate,
        response: { 200: C.ZPipeline },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateStage({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        pipelineId: req.params.id,
        stageId: req.params.stageId,
        input: req.body,
      });
    },
  );

  app.delete(
    '/pipelines/:id/stages/:stageId',
    {
      schema: {
        tags,
        summary: 'Delete a stage (its deals move to moveDealsTo)',
        params: C.ZStageParams,
        querystring: C.ZStageDeleteQuery,
        response: { 200: C.ZPipeline },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return deleteStage({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        pipelineId: req.params.id,
        stageId: req.params.stageId,
        moveDealsTo: req.query.moveDealsTo,
      });
    },
  );
};
