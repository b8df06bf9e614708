import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/pagination.ts';
import * as C from './contracts.ts';
import { createList, deleteList, getList, listLists, updateList } from './list-use-cases.ts';
import { addListMembers, deleteMember, listListMembers, unsubscribeMember } from './members.ts';

const tags = ['Lists'];
const ZId = z.object({ id: z.string().uuid() });

export const listRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/lists',
    {
      schema: {
        tags,
        summary: 'Lists, with their members counted by status',
        querystring: C.ZListQuery,
        response: { 200: page(C.ZList) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listLists({ db: ctx.db, workspaceId: ctx.workspaceId, query: req.query });
    },
  );

  app.post(
    '/lists',
    {
      schema: {
        tags,
        summary: 'Create a list (409 when the name is taken)',
        body: C.ZListCreate,
        response: { 201: C.ZList },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      reply.status(201);
      return createList({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body });
    },
  );

  app.get(
    '/lists/:id',
    { schema: { tags, summary: 'A list', params: ZId, response: { 200: C.ZList } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getList(ctx.db, ctx.workspaceId, req.params.id);
    },
  );

  app.patch(
    '/lists/:id',
    {
      schema: { tags, summary: 'Change a list', params: ZId, body: C.ZListUpdate, response: { 200: C.ZList } },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return updateList({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/lists/:id',
    {
      schema: {
        tags,
        summary: 'Delete a list and its memberships (the contacts stay)',
        params: ZId,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteList({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/lists/:id/members',
    {
      schema: {
        tags,
        summary: 'Members of a list (filter by status, search by email or name)',
        params: ZId,
        querystring: C.ZMemberQuery,
        response: { 200: page(C.ZMember) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listListMembers({ db: ctx.db, workspaceId: ctx.workspaceId, listId: req.params.id, query: req.query });
    },
  );

  app.post(
    '/lists/:id/members',
    {
      schema: {
        tags,
        summary: 'Add contacts (by id or email) to a list; subscribing needs a consent note',
        params: ZId,
        body: C.ZMembersAdd,
        response: { 200: C.ZMembersAdded },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return addListMembers({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        listId: req.params.id,
        actorId: ctx.userId,
        input: req.body,
        channel: req.auth.apiKeyId ? 'api' : 'manual',
      });
    },
  );

  app.post(
    '/lists/:id/members/:contactId/unsubscribe',
    {
      schema: {
        tags,
        summary: 'Unsubscribe a member (the membership stays, as unsubscribed)',
        params: C.ZListMemberParams,
        body: C.ZUnsubscribe.optional(),
        response: { 200: C.ZMember },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return unsubscribeMember({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        listId: req.params.id,
        contactId: req.params.contactId,
        actorId: ctx.userId,
        reason: req.body?.reason,
      });
    },
  );

  app.delete(
    '/lists/:id/members/:contactId',
    {
      schema: {
        tags,
        summary: 'Remove a contact from a list (a subscribed member counts as unsubscribed)',
        params: C.ZListMemberParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req);
      await deleteMember({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        listId: req.params.id,
        contactId: req.params.contactId,
        actorId: ctx.userId,
      });
      return reply.status(204).send(null);
    },
  );
};
