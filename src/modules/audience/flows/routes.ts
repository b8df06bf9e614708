import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../platform/http/params.ts';
import * as C from './contracts.ts';
import { createFlow } from './create-flow.ts';
import { deleteFlow } from './delete-flow.ts';
import { getFlow } from './flow-row.ts';
import { flowStats } from './flow-stats.ts';
import { getEnrolment, listContactEnrolments, listEnrolments } from './list-enrolments.ts';
import { listFlows } from './list-flows.ts';
import { enrolManually, exitManually } from './manage-enrolments.ts';
import { setFlowStatus } from './set-flow-status.ts';
import { FLOW_TEMPLATES } from './templates.ts';
import { updateFlow } from './update-flow.ts';

const tags = ['Flows'];

export const flowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/flow-templates',
    {
      schema: {
        tags,
        summary: 'Ready-made flows to start from (POST /flows with fromTemplate)',
        response: { 200: z.object({ data: z.array(C.ZFlowTemplate) }) },
      },
    },
    async (req) => {
      workspaceCtx(req);
      return { data: FLOW_TEMPLATES };
    },
  );

  app.get(
    '/flows',
    {
      schema: {
        tags,
        summary: 'List flows with their enrolment counts',
        querystring: C.ZFlowListQuery,
        response: { 200: page(C.ZFlow) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listFlows({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/flows',
    {
      schema: {
        tags,
        summary: 'Create a flow (blank or fromTemplate); a draft unless activate is true',
        body: C.ZFlowCreate,
        response: { 201: C.ZFlow },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createFlow({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, input: req.body });
    },
  );

  app.get(
    '/flows/:id',
    { schema: { tags, summary: 'A flow', params: ZUuidParams, response: { 200: C.ZFlow } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getFlow({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/flows/:id',
    {
      schema: {
        tags,
        summary: 'Change a flow (an active flow must stay valid; contacts in it finish their version)',
        params: ZUuidParams,
        body: C.ZFlowUpdate,
        response: { 200: C.ZFlow },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateFlow({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/flows/:id',
    {
      schema: { tags, summary: 'Delete a paused or draft flow', params: ZUuidParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteFlow({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  for (const [action, status] of [
    ['activate', 'active'],
    ['pause', 'paused'],
  ] as const) {
    app.post(
      `/flows/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'activate'
              ? 'Activate (checks the whole flow; errors name the step) or resume a paused flow'
              : 'Pause: no new enrolments, contacts in the flow hold where they are',
          params: ZUuidParams,
          response: { 200: C.ZFlow },
        },
      },
      async (req) => {
        const ctx = workspaceCtx(req);
        return setFlowStatus({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, status });
      },
    );
  }

  app.get(
    '/flows/:id/stats',
    { schema: { tags, summary: 'Per-step figures', params: ZUuidParams, response: { 200: C.ZFlowStats } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return flowStats({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.get(
    '/flows/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Contacts in (or once in) the flow',
        params: ZUuidParams,
        querystring: C.ZEnrolmentListQuery,
        response: { 200: page(C.ZEnrolment) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listEnrolments({ db: ctx.db, workspaceId: ctx.workspaceId, flowId: req.params.id, query: req.query });
    },
  );

  app.post(
    '/flows/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol a contact by hand (the re-entry rule applies)',
        params: ZUuidParams,
        body: C.ZEnrol,
        response: { 201: C.ZEnrolmentDetail },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return enrolManually({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        flowId: req.params.id,
        contactId: req.body.contactId,
        actorId: ctx.userId,
      });
    },
  );

  app.get(
    '/flows/:id/enrolments/:enrolmentId',
    {
      schema: {
        tags,
        summary: 'One enrolment with its step-by-step history',
        params: C.ZEnrolmentParams,
        response: { 200: C.ZEnrolmentDetail },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getEnrolment({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        flowId: req.params.id,
        enrolmentId: req.params.enrolmentId,
      });
    },
  );

  app.delete(
    '/flows/:id/enrolments/:enrolmentId',
    {
      schema: {
        tags,
        summary: 'Take a contact out of the flow',
        params: C.ZEnrolmentParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await exitManually({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        flowId: req.params.id,
        enrolmentId: req.params.enrolmentId,
        actorId: ctx.userId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/flow-enrolments',
    {
      schema: {
        tags,
        summary: "A contact's flows: every enrolment, newest first",
        querystring: C.ZContactEnrolmentsQuery,
        response: { 200: page(C.ZEnrolment) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listContactEnrolments({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );
};
