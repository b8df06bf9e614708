import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../platform/http/pagination.ts';
import { uploadedFile } from '../../../platform/http/upload.ts';
import * as C from './contracts.ts';
import { deletePostcodes, listPostcodes, upsertPostcode } from './list-postcodes.ts';
import { countPostcodes } from './postcodes.ts';
import { getPickupImport, listPickupImports, uploadPickupImport } from './upload-pickup-import.ts';

const tags = ['Pickup points'];

/** CSV imports of pickup points and postcode centroids (jobs with progress), and the postcode table. */
export const pickupImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;

  app.post(
    '/pickup-imports',
    {
      schema: {
        tags,
        summary: 'Upload a CSV of pickup points or postcode centroids (multipart field "file"); runs as a job',
        description:
          'Answers at once with the import; poll GET /pickup-imports/{id} for progress and the rejected rows ' +
          '(row number, column, reason). Columns and the opening-hours syntax: docs/commerce/pickup-points.md.',
        consumes: ['multipart/form-data'],
        querystring: C.ZUploadPickupImportQuery,
        body: C.ZUploadPickupImportForm,
        response: { 202: C.ZPickupImport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const { part, fields } = await uploadedFile(req, C.ZUploadPickupFields);
      const view = await uploadPickupImport({
        db: ctx.db,
        dataDir: config.dataDir,
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        kind: fields.kind,
        format: fields.format,
        country: fields.country,
        filename: part.filename,
        stream: part.file,
        truncated: () => part.file.truncated,
        maxBytes: config.maxUploadBytes,
      });
      return reply.status(202).send(view);
    },
  );

  app.get(
    '/pickup-imports',
    {
      schema: {
        tags,
        summary: 'Pickup-point and postcode imports, newest first',
        querystring: ZListQuery,
        response: { 200: page(C.ZPickupImport) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listPickupImports(ctx.db, ctx.workspaceId, req.query);
    },
  );

  app.get(
    '/pickup-imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: status, progress, rejected rows',
        params: C.ZUuidParams,
        response: { 200: C.ZPickupImport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getPickupImport(ctx.db, ctx.workspaceId, req.params.id);
    },
  );

  app.get(
    '/pickup-postcodes',
    {
      schema: {
        tags,
        summary: 'Postcode centroids of the workspace, by country and postcode',
        querystring: C.ZPostcodeListQuery,
        response: { 200: page(C.ZPostcode) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listPostcodes({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/pickup-postcodes/countries',
    {
      schema: {
        tags,
        summary: 'How many postcode centroids the workspace has per country',
        response: { 200: z.object({ data: z.array(z.object({ country: z.string(), count: z.number().int() })) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const rows = await countPostcodes(ctx.db, ctx.workspaceId);
      return { data: rows.map((r) => ({ country: r.country, count: r.n })) };
    },
  );

  app.put(
    '/pickup-postcodes',
    {
      schema: {
        tags,
        summary: 'Add or correct one postcode centroid',
        body: C.ZPostcodeUpsert,
        response: { 200: C.ZPostcode },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const b = req.body;
      return upsertPostcode(ctx.db, ctx.workspaceId, {
        country: b.country,
        postcode: b.postcode,
        lat: b.lat,
        lng: b.lng,
        placeName: b.placeName ?? null,
        region: b.region ?? null,
      });
    },
  );

  app.delete(
    '/pickup-postcodes',
    {
      schema: {
        tags,
        summary: "Delete one country's postcode centroids",
        querystring: C.ZPostcodeCountry,
        response: { 200: z.object({ deleted: z.number().int() }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return { deleted: await deletePostcodes(ctx.db, ctx.workspaceId, req.query.country) };
    },
  );
};
