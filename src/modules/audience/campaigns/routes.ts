import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { checkReferences, getCampaign } from './campaign-row.ts';
import * as C from './contracts.ts';
import { createCampaign } from './create-campaign.ts';
import { deleteCampaign } from './delete-campaign.ts';
import { duplicateCampaign } from './duplicate-campaign.ts';
import { cancelCampaign, pauseCampaign, resumeCampaign, scheduleCampaign, unscheduleCampaign } from './lifecycle.ts';
import { listCampaigns } from './list-campaigns.ts';
import { listRecipients } from './list-recipients.ts';
import { countRecipients } from './recipients-sql.ts';
import { campaignReport } from './report.ts';
import { testSendCampaign } from './test-send.ts';
import { updateCampaign, updateCampaignLabels } from './update-campaign.ts';

const tags = ['Campaigns'];
const ZId = z.object({ id: z.string().uuid() });

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'List campaigns, newest first',
        querystring: C.ZCampaignListQuery,
        response: { 200: page(C.ZCampaignListItem) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listCampaigns({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/campaigns',
    { schema: { tags, summary: 'Create a draft campaign', body: C.ZCampaignCreate, response: { 201: C.ZCampaign } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createCampaign({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, input: req.body });
    },
  );

  app.post(
    '/campaigns/estimate',
    {
      schema: {
        tags,
        summary: 'How many people an audience reaches now (same rules as the send)',
        body: C.ZAudienceInput,
        response: { 200: C.ZEstimate },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const a = {
        listIds: [...new Set(req.body.listIds)],
        segmentId: req.body.segmentId ?? null,
        excludeListIds: [...new Set(req.body.excludeListIds)],
        excludeSegmentId: req.body.excludeSegmentId ?? null,
      };
      await checkReferences(ctx.db, ctx.workspaceId, a);
      if (!a.listIds.length && !a.segmentId) return { recipients: 0 };
      return { recipients: await countRecipients(ctx.db, ctx.workspaceId, a) };
    },
  );

  app.get(
    '/campaigns/:id',
    { schema: { tags, summary: 'A campaign', params: ZId, response: { 200: C.ZCampaign } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getCampaign({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft (archive and topicTags may change in any state)',
        params: ZId,
        body: C.ZCampaignUpdate,
        response: { 200: C.ZCampaign },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const keys = Object.entries(req.body)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      const current = await getCampaign({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      if (current.status !== 'draft' && keys.every((k) => k === 'archive' || k === 'topicTags')) {
        return updateCampaignLabels({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
      }
      return updateCampaign({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/campaigns/:id',
    { schema: { tags, summary: 'Delete a draft', params: ZId, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteCampaign({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/campaigns/:id/schedule',
    {
      schema: {
        tags,
        summary: 'Schedule a draft (now, at a time, or at a local time in each recipient’s time zone)',
        params: ZId,
        body: C.ZSchedule,
        response: { 200: C.ZCampaign },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return scheduleCampaign({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  const action = (path: string, summary: string, fn: typeof pauseCampaign) =>
    app.post(
      `/campaigns/:id/${path}`,
      { schema: { tags, summary, params: ZId, response: { 200: C.ZCampaign } } },
      async (req) => {
        const ctx = workspaceCtx(req);
        return fn({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      },
    );
  action('unschedule', 'Back to draft before sending starts', unscheduleCampaign);
  action('pause', 'Pause a send between batches', pauseCampaign);
  action('resume', 'Resume a paused send where it stopped', resumeCampaign);
  action('cancel', 'Stop for good; whoever was not mailed yet is skipped', cancelCampaign);

  app.post(
    '/campaigns/:id/test',
    {
      schema: {
        tags,
        summary: 'Send the campaign as it stands to up to 10 addresses (marked test)',
        params: ZId,
        body: C.ZTestSend,
        response: { 200: C.ZTestSendResult },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return testSendCampaign({
        db: ctx.db,
        config: req.server.deps.config,
        workspaceId: ctx.workspaceId,
        id: req.params.id,
        emails: req.body.emails,
      });
    },
  );

  app.post(
    '/campaigns/:id/duplicate',
    { schema: { tags, summary: 'Copy into a new draft', params: ZId, response: { 201: C.ZCampaign } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return duplicateCampaign({ db: ctx.db, workspaceId: ctx.workspaceId, actorId: ctx.userId, id: req.params.id });
    },
  );

  app.get(
    '/campaigns/:id/report',
    {
      schema: {
        tags,
        summary: 'Sent, delivered, opens, clicks, top links…',
        params: ZId,
        response: { 200: C.ZCampaignReport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return campaignReport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.get(
    '/campaigns/:id/recipients',
    {
      schema: {
        tags,
        summary: 'Recipients with what happened to each message',
        params: ZId,
        querystring: C.ZRecipientQuery,
        response: { 200: page(C.ZRecipient) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listRecipients({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, query: req.query });
    },
  );
};
