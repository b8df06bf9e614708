import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import { ZUuidParams } from '../contracts/common.ts';
import { listCustomFields } from '../fields/custom-fields.ts';
import { appendTimeline, listTimeline } from '../timeline.ts';
import { consentHistory, currentConsent, recordConsent } from './consent.ts';
import * as C from './contracts.ts';
import { createContact } from './create-contact.ts';
import { exportContactsCsv } from './export-contacts-csv.ts';
import { getContact, getContactRow } from './get-contact.ts';
import { listContacts } from './list-contacts.ts';
import { deleteContact, updateContact } from './update-contact.ts';

const tags = ['Contacts'];
const actor = (req: FastifyRequest) => req.auth.userId;

export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'List, filter and search contacts',
        querystring: C.ZContactListQuery,
        response: { 200: page(C.ZContact) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listContacts({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.get(
    '/contacts/export.csv',
    {
      schema: {
        tags,
        summary: 'Export the contacts of a view as CSV (formula-like cells are neutralised)',
        querystring: C.ZContactListQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const keys = (await listCustomFields({ db: ctx.db, workspaceId: ctx.workspaceId, entity: 'contact' })).map(
        (f) => f.key,
      );
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="contacts-${new Date().toISOString().slice(0, 10)}.csv"`);
      return reply.send(Readable.from(exportContactsCsv(ctx.db, ctx.workspaceId, req.query, keys)));
    },
  );

  app.post(
    '/contacts',
    { schema: { tags, summary: 'Create a contact', body: C.ZContactCreate, response: { 201: C.ZContact } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const contact = await createContact({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        input: req.body,
        defaultChannel: req.auth.apiKeyId ? 'api' : 'manual',
      });
      return reply.status(201).send(contact);
    },
  );

  app.get(
    '/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Get a contact (a merged one answers with mergedIntoId)',
        params: ZUuidParams,
        response: { 200: C.ZContact },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getContact({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.patch(
    '/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Update a contact (only the fields given)',
        params: ZUuidParams,
        body: C.ZContactUpdate,
        response: { 200: C.ZContact },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateContact({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        actorId: actor(req),
        id: req.params.id,
        input: req.body,
      });
    },
  );

  app.delete(
    '/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Delete a contact and its timeline (use erase for privacy requests)',
        params: ZUuidParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteContact({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/contacts/:id/timeline',
    {
      schema: {
        tags,
        summary: "The contact's timeline, newest first",
        params: ZUuidParams,
        querystring: C.ZTimelineQuery,
        response: { 200: page(C.ZTimelineEntry) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      await getContactRow(ctx.db, ctx.workspaceId, req.params.id);
      return listTimeline({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        subject: { contactId: req.params.id },
        ...req.query,
      });
    },
  );

  app.post(
    '/contacts/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note to the timeline',
        params: ZUuidParams,
        body: C.ZNoteCreate,
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const c = await getContactRow(ctx.db, ctx.workspaceId, req.params.id);
      await appendTimeline(ctx.db, {
        workspaceId: ctx.workspaceId,
        contactId: c.id,
        companyId: c.companyId,
        kind: 'note',
        actorId: actor(req),
        ...(req.body.at ? { at: new Date(req.body.at) } : {}),
        data: { body: req.body.body },
      });
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.post(
    '/contacts/:id/activities',
    {
      schema: {
        tags,
        summary: 'Log a call, meeting or email',
        params: ZUuidParams,
        body: C.ZActivityCreate,
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const c = await getContactRow(ctx.db, ctx.workspaceId, req.params.id);
      const { kind, at, ...data } = req.body;
      await appendTimeline(ctx.db, {
        workspaceId: ctx.workspaceId,
        contactId: c.id,
        companyId: c.companyId,
        kind,
        actorId: actor(req),
        ...(at ? { at: new Date(at) } : {}),
        data,
      });
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.get(
    '/contacts/:id/consent',
    {
      schema: {
        tags,
        summary: 'Current consent per channel and the full history',
        params: ZUuidParams,
        response: { 200: z.object({ current: z.array(C.ZConsentState), history: z.array(C.ZConsentEvent) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      await getContactRow(ctx.db, ctx.workspaceId, req.params.id);
      const args = { db: ctx.db, workspaceId: ctx.workspaceId, contactId: req.params.id };
      return { current: await currentConsent(args), history: await consentHistory(args) };
    },
  );

  app.post(
    '/contacts/:id/consent',
    {
      schema: {
        tags,
        summary: 'Record a consent change (append-only)',
        params: ZUuidParams,
        body: C.ZConsentRecord,
        response: { 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      const id = await ctx.db.transaction(async (tx) => {
        await getContactRow(tx, ctx.workspaceId, req.params.id);
        return recordConsent({
          db: tx,
          workspaceId: ctx.workspaceId,
          contactId: req.params.id,
          actorId: actor(req),
          input: req.body,
        });
      });
      return reply.status(201).send({ id });
    },
  );
};
