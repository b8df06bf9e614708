import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceCtx } from '../../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../../platform/http/pagination.ts';
import { uploadedFile } from '../../../../platform/http/upload.ts';
import { cancelOrderImport } from './cancel-order-import.ts';
import * as C from './contracts.ts';
import { listOrderImportErrors, listOrderImports } from './list-order-imports.ts';
import { getOrderImport } from './order-import-view.ts';
import { startOrderImport } from './start-order-import.ts';
import { uploadOrderImport } from './upload-order-import.ts';

const tags = ['Order imports'];

/** Orders from CSV (Shopify or WooCommerce exports, or the Freehold layout), in the CRM import's style. */
export const orderImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;

  app.post(
    '/order-imports',
    {
      schema: {
        tags,
        summary: 'Upload an orders CSV (multipart field "file"); answers the detected layout and a preview',
        description:
          'The file is stored and its encoding, delimiter and layout (shopify, woocommerce or csv) detected, or the ' +
          'layout given checked for its columns. Nothing is imported until POST /order-imports/{id}/start.',
        consumes: ['multipart/form-data'],
        querystring: C.ZUploadOrderImportQuery,
        body: C.ZUploadOrderImportForm,
        response: { 201: C.ZOrderImport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const { part, fields } = await uploadedFile(req, C.ZUploadOrderFields);
      const view = await uploadOrderImport({
        db: ctx.db,
        dataDir: config.dataDir,
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        filename: part.filename,
        stream: part.file,
        truncated: () => part.file.truncated,
        maxBytes: config.maxUploadBytes,
        format: fields.format,
        encoding: fields.encoding,
        delimiter: fields.delimiter,
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/order-imports',
    {
      schema: {
        tags,
        summary: 'Order imports, newest first',
        querystring: ZListQuery,
        response: { 200: page(C.ZOrderImport) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listOrderImports({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.get(
    '/order-imports/:id',
    {
      schema: {
        tags,
        summary: 'An order import: status, progress and counts',
        params: C.ZIdParams,
        response: { 200: C.ZOrderImport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getOrderImport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.post(
    '/order-imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start an uploaded order import; it runs as a background job',
        params: C.ZIdParams,
        body: C.ZStartOrderImportRequest,
        response: { 202: C.ZOrderImport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const view = await startOrderImport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, ...req.body });
      return reply.status(202).send(view);
    },
  );

  app.post(
    '/order-imports/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an order import; a running one stops before its next batch (orders taken stay)',
        params: C.ZIdParams,
        response: { 200: C.ZOrderImport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return cancelOrderImport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.get(
    '/order-imports/:id/errors',
    {
      schema: {
        tags,
        summary: 'The orders an import could not take, each with its file rows and what is wrong',
        params: C.ZIdParams,
        querystring: ZListQuery,
        response: { 200: page(C.ZOrderImportError) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listOrderImportErrors({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, ...req.query });
    },
  );
};
