import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import * as C from './contracts.ts';
import {
  bounceMailboxStatus,
  deleteBounceMailbox,
  getBounceMailbox,
  putBounceMailbox,
  rotateWebhookToken,
  testBounceMailbox,
  updateWebhookSettings,
  webhookView,
} from './settings.ts';
import { deliverabilitySummary } from './summary.ts';
import { addSuppression, exportSuppressionsCsv, liftSuppression, listSuppressions } from './suppressions.ts';

const tags = ['Deliverability'];

export const deliverabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/suppressions',
    {
      schema: {
        tags,
        summary: 'Addresses no email goes to (bounced, complained, unsubscribed, added by hand)',
        querystring: C.ZSuppressionListQuery,
        response: { 200: page(C.ZSuppression) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listSuppressions(ctx.db, ctx.workspaceId, req.query);
    },
  );

  app.get(
    '/suppressions/export.csv',
    {
      schema: {
        tags,
        summary: 'The suppression list as CSV',
        querystring: C.ZSuppressionListQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="suppressions-${new Date().toISOString().slice(0, 10)}.csv"`,
        );
      return reply.send(Readable.from(exportSuppressionsCsv(ctx.db, ctx.workspaceId, req.query)));
    },
  );

  app.post(
    '/suppressions',
    {
      schema: {
        tags,
        summary: 'Suppress an address by hand',
        body: C.ZSuppressionCreate,
        response: { 201: C.ZSuppression },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return addSuppression(ctx.db, ctx.workspaceId, ctx.userId, req.body);
    },
  );

  app.delete(
    '/suppressions/:email',
    {
      schema: {
        tags,
        summary: 'Lift a suppression (the address may be mailed again; consent is unchanged)',
        params: C.ZSuppressionParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await liftSuppression(ctx.db, ctx.workspaceId, ctx.userId, req.params.email);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/bounce-mailbox',
    { schema: { tags, summary: 'The bounce mailbox settings (no password)', response: { 200: C.ZBounceMailbox } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getBounceMailbox(ctx.db, ctx.workspaceId);
    },
  );

  app.put(
    '/bounce-mailbox',
    {
      schema: {
        tags,
        summary: 'Set the IMAP mailbox bounces and complaints are read from (every 5 minutes)',
        body: C.ZBounceMailboxUpdate,
        response: { 200: C.ZBounceMailbox },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return putBounceMailbox(ctx.db, ctx.workspaceId, req.body);
    },
  );

  app.delete(
    '/bounce-mailbox',
    { schema: { tags, summary: 'Stop reading a bounce mailbox', response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteBounceMailbox(ctx.db, ctx.workspaceId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/bounce-mailbox/test',
    {
      schema: {
        tags,
        summary: 'Log in to the bounce mailbox and count its messages (reads and changes nothing)',
        response: { 200: C.ZConnectionTest },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return testBounceMailbox(ctx.db, ctx.workspaceId);
    },
  );

  app.get(
    '/bounce-mailbox/status',
    {
      schema: {
        tags,
        summary: 'When the bounce mailbox was last read, and what came of it',
        response: { 200: C.ZBounceMailboxStatus },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return bounceMailboxStatus(ctx.db, ctx.workspaceId);
    },
  );

  app.get(
    '/deliverability',
    {
      schema: {
        tags,
        summary: 'Bounce and complaint rates, and the last days by day',
        querystring: C.ZDeliverabilityQuery,
        response: { 200: C.ZDeliverabilitySummary },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return deliverabilitySummary(ctx.db, ctx.workspaceId, req.query.days);
    },
  );

  app.get(
    '/deliverability/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook URLs for Amazon SES (SNS) and Postmark',
        response: { 200: C.ZWebhookSettings },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return webhookView(ctx.db, req.server.deps.config, ctx.workspaceId);
    },
  );

  app.put(
    '/deliverability/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook settings (SNS signature checking)',
        body: C.ZWebhookSettingsUpdate,
        response: { 200: C.ZWebhookSettings },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateWebhookSettings(ctx.db, req.server.deps.config, ctx.workspaceId, req.body);
    },
  );

  app.post(
    '/deliverability/webhooks/rotate-token',
    {
      schema: { tags, summary: 'New webhook token: the old URLs stop working', response: { 200: C.ZWebhookSettings } },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return rotateWebhookToken(ctx.db, req.server.deps.config, ctx.workspaceId);
    },
  );
};
