import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page, ZListQuery } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../crm/contracts/common.ts';
import * as C from './contracts.ts';
import {
  deleteLeadMagnet,
  getMagnetRow,
  listLeadMagnets,
  replaceLeadMagnetFile,
  toLeadMagnet,
  updateLeadMagnet,
  uploadLeadMagnet,
} from './magnet-use-cases.ts';
import { attachmentDisposition, magnetPath } from './storage.ts';

const tags = ['Lead magnets'];

export const leadMagnetRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;
  const maxBytes = Math.min(C.MAX_MAGNET_BYTES, config.maxUploadBytes);

  /** The multipart file part, with the form fields that preceded it. */
  async function filePart(req: FastifyRequest) {
    if (!req.isMultipart())
      throw new AppError('UNSUPPORTED_MEDIA', 'Send the file as multipart/form-data, in a part named "file".');
    const part = await req.file();
    if (!part) throw AppError.validation([{ field: 'file', message: 'is required' }]);
    const form: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(part.fields))
      if (v && !Array.isArray(v) && v.type === 'field') form[k] = v.value;
    return { part, form };
  }

  app.post(
    '/lead-magnets',
    {
      schema: {
        tags,
        summary: 'Upload a lead magnet (multipart: optional "name" and "description" fields, then the "file" part)',
        description: `At most ${Math.floor(maxBytes / 1024 / 1024)} MB. Programs, scripts and web pages are refused; every file is served as an attachment.`,
        consumes: ['multipart/form-data'],
        body: C.ZLeadMagnetUploadForm,
        response: { 201: C.ZLeadMagnet },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const { part, form } = await filePart(req);
      const fields = C.ZLeadMagnetFields.safeParse(form);
      if (!fields.success) {
        part.file.resume();
        throw AppError.validation(fields.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
      }
      const magnet = await uploadLeadMagnet({
        db: ctx.db,
        dataDir: config.dataDir,
        workspaceId: ctx.workspaceId,
        name: fields.data.name,
        description: fields.data.description,
        fileName: part.filename,
        stream: part.file,
        truncated: () => part.file.truncated,
        maxBytes,
      });
      return reply.status(201).send(magnet);
    },
  );

  app.get(
    '/lead-magnets',
    {
      schema: {
        tags,
        summary: 'Lead magnets, newest first',
        querystring: ZListQuery,
        response: { 200: page(C.ZLeadMagnet) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listLeadMagnets({ db: ctx.db, workspaceId: ctx.workspaceId, ...req.query });
    },
  );

  app.get(
    '/lead-magnets/:id',
    { schema: { tags, summary: 'A lead magnet', params: ZUuidParams, response: { 200: C.ZLeadMagnet } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return toLeadMagnet(await getMagnetRow(ctx.db, ctx.workspaceId, req.params.id));
    },
  );

  app.patch(
    '/lead-magnets/:id',
    {
      schema: {
        tags,
        summary: 'Rename a lead magnet or change its delivery email',
        params: ZUuidParams,
        body: C.ZLeadMagnetUpdate,
        response: { 200: C.ZLeadMagnet },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateLeadMagnet({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.put(
    '/lead-magnets/:id/file',
    {
      schema: {
        tags,
        summary: 'Replace the file of a lead magnet (multipart part "file"); links already sent get the new file',
        consumes: ['multipart/form-data'],
        params: ZUuidParams,
        body: C.ZLeadMagnetUploadForm,
        response: { 200: C.ZLeadMagnet },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      const { part } = await filePart(req);
      return replaceLeadMagnetFile({
        db: ctx.db,
        dataDir: config.dataDir,
        workspaceId: ctx.workspaceId,
        id: req.params.id,
        fileName: part.filename,
        stream: part.file,
        truncated: () => part.file.truncated,
        maxBytes,
      });
    },
  );

  app.get(
    '/lead-magnets/:id/file',
    {
      schema: {
        tags,
        summary: 'Download the file of a lead magnet (as an attachment)',
        params: ZUuidParams,
        response: { 200: z.any().describe('The file') },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const m = await getMagnetRow(ctx.db, ctx.workspaceId, req.params.id);
      const file = magnetPath(config.dataDir, ctx.workspaceId, m.id);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', 'The file of this lead magnet is missing on disk.');
      return reply
        .type(m.contentType)
        .header('content-disposition', attachmentDisposition(m.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(file));
    },
  );

  app.delete(
    '/lead-magnets/:id',
    {
      schema: {
        tags,
        summary: 'Delete a lead magnet and its file (forms stop offering it)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteLeadMagnet({ db: ctx.db, dataDir: config.dataDir, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
};
