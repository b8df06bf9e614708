import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { audienceSettingsFor } from '../settings.ts';
import * as C from './contracts.ts';
import { createTemplate } from './create-template.ts';
import { deleteTemplate } from './delete-template.ts';
import { listStarters } from './list-starters.ts';
import { listTemplates } from './list-templates.ts';
import { previewTemplate } from './preview-template.ts';
import { starterImage } from './starter-images.ts';
import { getTemplateRow, toTemplate } from './template-row.ts';
import { testSendTemplate } from './test-send.ts';
import { updateTemplate } from './update-template.ts';

const tags = ['Email templates'];
const ZId = z.object({ id: z.string().uuid() });

export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;

  app.get(
    '/template-starters',
    {
      schema: {
        tags,
        summary: 'Starter templates (newsletter, welcome, product news) to create a template from',
        response: { 200: z.object({ data: z.array(C.ZTemplateStarter) }) },
      },
    },
    async (req) => {
      workspaceCtx(req);
      return { data: await listStarters(config.publicUrl) };
    },
  );

  app.get(
    '/templates',
    {
      schema: {
        tags,
        summary: 'List email templates (most recently changed first)',
        querystring: C.ZTemplateListQuery,
        response: { 200: page(C.ZEmailTemplate) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listTemplates({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/templates',
    {
      schema: {
        tags,
        summary: 'Create an email template (from a starter, or from MJML)',
        body: C.ZEmailTemplateCreate,
        response: { 201: C.ZEmailTemplate },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createTemplate({ db: ctx.db, config, workspaceId: ctx.workspaceId, input: req.body });
    },
  );

  app.post(
    '/templates/preview',
    {
      schema: {
        tags,
        summary: 'Render an unsaved template for a contact (or a sample contact)',
        body: C.ZPreviewSource,
        response: { 200: C.ZTemplatePreview },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const { contactId, ...source } = req.body;
      return previewTemplate({ db: ctx.db, config, workspaceId: ctx.workspaceId, source, contactId });
    },
  );

  app.post(
    '/templates/test-send',
    {
      schema: {
        tags,
        summary: 'Send an unsaved template to up to five addresses',
        body: C.ZTestSendSource,
        response: { 200: C.ZTestSendResult },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const { emails, contactId, accountId, ...source } = req.body;
      return testSendTemplate({
        db: ctx.db,
        config,
        workspaceId: ctx.workspaceId,
        source,
        emails,
        contactId,
        accountId,
      });
    },
  );

  app.get(
    '/templates/:id',
    { schema: { tags, summary: 'An email template', params: ZId, response: { 200: C.ZEmailTemplate } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      const row = await getTemplateRow(ctx.db, ctx.workspaceId, req.params.id);
      return toTemplate(row, await audienceSettingsFor(ctx.db, ctx.workspaceId));
    },
  );

  app.patch(
    '/templates/:id',
    {
      schema: {
        tags,
        summary: 'Change an email template',
        params: ZId,
        body: C.ZEmailTemplateUpdate,
        response: { 200: C.ZEmailTemplate },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateTemplate({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/templates/:id',
    { schema: { tags, summary: 'Delete an email template', params: ZId, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteTemplate({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/templates/:id/duplicate',
    {
      schema: { tags, summary: 'Copy an email template', params: ZId, response: { 201: C.ZEmailTemplate } },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const row = await getTemplateRow(ctx.db, ctx.workspaceId, req.params.id);
      reply.status(201);
      return createTemplate({
        db: ctx.db,
        config,
        workspaceId: ctx.workspaceId,
        input: {
          name: `${row.name} (copy)`.slice(0, 200),
          subject: row.subject,
          preheader: row.preheader,
          mjml: row.mjml,
          text: row.text,
        },
      });
    },
  );

  app.post(
    '/templates/:id/preview',
    {
      schema: {
        tags,
        summary: 'Render a saved template for a contact of the workspace (or a sample contact)',
        params: ZId,
        body: C.ZPreviewOptions,
        response: { 200: C.ZTemplatePreview },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const row = await getTemplateRow(ctx.db, ctx.workspaceId, req.params.id);
      return previewTemplate({
        db: ctx.db,
        config,
        workspaceId: ctx.workspaceId,
        source: row,
        contactId: req.body.contactId,
      });
    },
  );

  app.post(
    '/templates/:id/test-send',
    {
      schema: {
        tags,
        summary: 'Send the saved template to up to five addresses (suppression, List-Unsubscribe and DKIM as for real)',
        params: ZId,
        body: C.ZTestSend,
        response: { 200: C.ZTestSendResult },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const row = await getTemplateRow(ctx.db, ctx.workspaceId, req.params.id);
      return testSendTemplate({
        db: ctx.db,
        config,
        workspaceId: ctx.workspaceId,
        source: row,
        sourceId: row.id,
        ...req.body,
      });
    },
  );
};

/** Public: the starter templates' placeholder pictures (mounted under /p). */
export const templateAssetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/template-assets/:name',
    {
      schema: { hide: true, params: z.object({ name: z.string().regex(/^[a-z0-9-]+\.png$/) }) },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const png = starterImage(req.params.name.replace(/\.png$/, ''));
      if (!png) return reply.status(404).type('text/plain').send('Not found');
      return reply.header('cache-control', 'public, max-age=604800, immutable').type('image/png').send(png);
    },
  );
};
