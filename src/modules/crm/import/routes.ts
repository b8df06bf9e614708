import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../platform/http/pagination.ts';
import { uploadedFile } from '../../../platform/http/upload.ts';
import { cancelImport } from './cancel-import.ts';
import * as C from './contracts.ts';
import { openRejectsReport } from './export-rejects.ts';
import { getImport } from './get-import.ts';
import { deleteImportMapping, listImportMappings, saveImportMapping } from './import-mappings.ts';
import { listImports } from './list-imports.ts';
import { startImport } from './start-import.ts';
import { updateImportSettings } from './update-import-settings.ts';
import { uploadImport } from './upload-import.ts';

const tags = ['Import'];

/** `attachment; filename=…` that survives any file name: an ASCII fallback plus the RFC 6266/5987 UTF-8 form. */
const contentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Upload a CSV, vCard or XLSX file to import (multipart field "file"); answers the preview',
        description:
          'The file is stored, its format, encoding and delimiter detected, and its header, first rows and a ' +
          'suggested mapping returned. Nothing is imported until POST /imports/{id}/start.',
        consumes: ['multipart/form-data'],
        querystring: C.ZUploadImportQuery,
        body: C.ZUploadImportForm,
        response: { 201: C.ZImport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const { part, fields } = await uploadedFile(req, C.ZUploadFields);
      const view = await uploadImport({
        db: ctx.db,
        dataDir: config.dataDir,
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        entity: fields.entity,
        filename: part.filename,
        stream: part.file,
        truncated: () => part.file.truncated,
        maxBytes: config.maxUploadBytes,
        encoding: fields.encoding,
        delimiter: fields.delimiter,
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/imports',
    {
      schema: { tags, summary: 'Imports, newest first', querystring: ZListQuery, response: { 200: page(C.ZImport) } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listImports({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: status, progress, counts, preview and suggested mapping',
        params: C.ZIdParams,
        response: { 200: C.ZImport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getImport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'Override the detected encoding or delimiter (before start); the preview is read again',
        params: C.ZIdParams,
        body: C.ZUpdateImportRequest,
        response: { 200: C.ZImport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateImportSettings({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, ...req.body });
    },
  );

  app.post(
    '/imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the import with a mapping and dedupe rule; it runs as a background job',
        params: C.ZIdParams,
        body: C.ZStartImportRequest,
        response: { 202: C.ZImport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const view = await startImport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, ...req.body });
      return reply.status(202).send(view);
    },
  );

  app.post(
    '/imports/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an import; a running one stops after its current batch (committed rows stay)',
        params: C.ZIdParams,
        response: { 200: C.ZImport },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return cancelImport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.get(
    '/imports/:id/rejects.csv',
    {
      schema: {
        tags,
        summary: 'Every rejected row with its row number and reason, as CSV',
        params: C.ZIdParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV: row, reason, then the original columns') },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const report = await openRejectsReport({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', contentDisposition(report.filename));
      // Streamed page by page; the schema documents the body as the string it is on the wire.
      return reply.send(Readable.from(report.lines) as unknown as string);
    },
  );

  app.get(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: 'Saved import mappings',
        querystring: C.ZMappingListQuery,
        response: { 200: z.object({ data: z.array(C.ZSavedMapping) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return {
        data: await listImportMappings({ db: ctx.db, workspaceId: ctx.workspaceId, entity: req.query.entity }),
      };
    },
  );

  app.post(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: 'Save a mapping under a name (replaces the mapping of that name)',
        body: C.ZSaveMappingRequest,
        response: { 201: C.ZSavedMapping },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const saved = await saveImportMapping({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.body });
      return reply.status(201).send(saved);
    },
  );

  app.delete(
    '/import-mappings/:id',
    {
      schema: { tags, summary: 'Delete a saved mapping', params: C.ZIdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteImportMapping({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
};
