import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../../platform/errors.ts';
import { workspaceCtx } from '../../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../../platform/http/params.ts';
import { uploadedFile } from '../../../../platform/http/upload.ts';
import * as C from './contracts.ts';
import { getProductImport, listProductImports } from './product-imports.ts';
import { startProductImport } from './start-product-import.ts';

const tags = ['Catalog'];

export const productImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;

  app.post(
    '/product-imports',
    {
      schema: {
        tags,
        summary: 'Import products from CSV, one row per variant (multipart field "file"); runs as a job',
        description:
          "Freehold's columns (see the catalog guide) or Shopify's product export, recognised by its header. " +
          'Poll GET /product-imports/{id} for progress and per-row errors.',
        consumes: ['multipart/form-data'],
        querystring: C.ZProductImportOptions,
        body: C.ZProductImportForm,
        response: { 201: C.ZProductImport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const { part, fields: options } = await uploadedFile(req, C.ZProductImportOptions, {
        fileSize: config.maxUploadBytes,
      });
      const buf = await part.toBuffer();
      if (part.file.truncated)
        throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than the upload limit.', [
          { field: 'file', message: 'is too large' },
        ]);
      const view = await startProductImport({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        filename: part.filename,
        text: buf.toString('utf8'),
        currency: options.currency,
        locationId: options.locationId,
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/product-imports',
    {
      schema: {
        tags,
        summary: 'Product imports, newest first',
        querystring: ZListQuery,
        response: { 200: page(C.ZProductImport) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listProductImports({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.get(
    '/product-imports/:id',
    {
      schema: {
        tags,
        summary: 'A product import: progress, counts and the rejected rows',
        params: ZUuidParams,
        response: { 200: C.ZProductImport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getProductImport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );
};
