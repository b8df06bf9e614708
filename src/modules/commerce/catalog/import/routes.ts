import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../../platform/errors.ts';
import { workspaceCtx } from '../../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../../platform/http/params.ts';
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
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA', 'Send the file as multipart/form-data, in a part named "file".');
      const part = await req.file({ limits: { fileSize: config.maxUploadBytes } });
      if (!part) throw AppError.validation([{ field: 'file', message: 'is required' }]);
      const form: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(part.fields))
        if (v && !Array.isArray(v) && v.type === 'field') form[k] = v.value;
      const query = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined));
      const options = C.ZProductImportOptions.safeParse({ ...form, ...query });
      if (!options.success) {
        part.file.resume();
        throw AppError.validation(
          options.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })),
        );
      }
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
        currency: options.data.currency,
        locationId: options.data.locationId,
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
