import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../../../platform/http/params.ts';
import * as C from './contracts.ts';
import { createWebinar } from './create-webinar.ts';
import { deleteWebinar } from './delete-webinar.ts';
import { importAttendance } from './import-attendance.ts';
import { listAttendanceImports } from './list-attendance-imports.ts';
import { listRegistrants } from './list-registrants.ts';
import { listWebinars } from './list-webinars.ts';
import { updateWebinar } from './update-webinar.ts';
import { getWebinar, getWebinarRow } from './webinar-row.ts';

const tags = ['Webinars'];
/** Attendance exports are small (a row per participant); anything bigger is not one. */
const MAX_ATTENDANCE_BYTES = 10 * 1024 * 1024;

export const webinarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;
  const publicUrl = config.publicUrl;

  app.get(
    '/webinars',
    {
      schema: {
        tags,
        summary: 'Webinars: upcoming (soonest first), past (latest first) or all',
        querystring: C.ZWebinarListQuery,
        response: { 200: page(C.ZWebinar) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listWebinars({ db: ctx.db, workspaceId: ctx.workspaceId, publicUrl, query: req.query });
    },
  );

  app.post(
    '/webinars',
    {
      schema: {
        tags,
        summary: 'Create a webinar (its public registration page and reminders come with it)',
        body: C.ZWebinarCreate,
        response: { 201: C.ZWebinar },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createWebinar({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        publicUrl,
        input: req.body,
      });
    },
  );

  app.get(
    '/webinars/:id',
    { schema: { tags, summary: 'A webinar', params: ZUuidParams, response: { 200: C.ZWebinar } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getWebinar({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, publicUrl });
    },
  );

  app.patch(
    '/webinars/:id',
    {
      schema: {
        tags,
        summary: 'Change a webinar; a new start time moves its reminders',
        params: ZUuidParams,
        body: C.ZWebinarUpdate,
        response: { 200: C.ZWebinar },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateWebinar({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, publicUrl, input: req.body });
    },
  );

  app.delete(
    '/webinars/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webinar with its registrations (contacts stay)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteWebinar({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/webinars/:id/registrants',
    {
      schema: {
        tags,
        summary: "A webinar's registrants with their attendance",
        params: ZUuidParams,
        querystring: C.ZRegistrantListQuery,
        response: { 200: page(C.ZRegistrant) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listRegistrants({ db: ctx.db, workspaceId: ctx.workspaceId, webinarId: req.params.id, query: req.query });
    },
  );

  app.post(
    '/webinars/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Import attendance from a CSV export (multipart field "file"): attended, no-shows, unmatched rows',
        description:
          'Zoom, Teams, Meet… exports: the header row is found by its email column; duration in minutes, "1h 2m" ' +
          'or from join/leave times; UTF-8 (with or without BOM), UTF-16 and tab/semicolon separators are read. ' +
          'Registrants in the file attended, the others are no-shows; rows matching no registrant are reported.',
        consumes: ['multipart/form-data'],
        params: ZUuidParams,
        body: C.ZAttendanceForm,
        response: { 201: C.ZAttendanceImport },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await getWebinarRow(ctx.db, ctx.workspaceId, req.params.id);
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA', 'Send the file as multipart/form-data, in a part named "file".');
      const part = await req.file({ limits: { fileSize: MAX_ATTENDANCE_BYTES } });
      if (!part) throw AppError.validation([{ field: 'file', message: 'is required' }]);
      const file = await part.toBuffer().catch((err: unknown) => {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `An attendance file may be at most ${MAX_ATTENDANCE_BYTES / 1048576} MB.`,
          );
        throw err;
      });
      const result = await importAttendance({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        webinarId: req.params.id,
        actorId: ctx.userId,
        fileName: part.filename || null,
        file,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/webinars/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Attendance imports of a webinar, newest first, with their unmatched rows',
        params: ZUuidParams,
        response: { 200: z.object({ data: z.array(C.ZAttendanceImport) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listAttendanceImports({ db: ctx.db, workspaceId: ctx.workspaceId, webinarId: req.params.id });
    },
  );
};
