import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceCtx } from '../../../platform/http/context.ts';
import { getAccountRow, toAccount } from './account-view.ts';
import * as C from './contracts.ts';
import { generateDkim } from './generate-dkim.ts';
import { createAccount, deleteAccount, listAccounts, updateAccount } from './manage-accounts.ts';
import { testConnection } from './test-connection.ts';

const tags = ['Sending accounts'];
const ZId = z.object({ id: z.string().uuid() });

/** Reading accounts is for members (passwords are masked); changing them, which holds credentials, for admins. */
export const senderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;

  app.get(
    '/sending-accounts',
    {
      schema: {
        tags,
        summary: 'List sending accounts (SMTP passwords masked)',
        response: { 200: z.object({ data: z.array(C.ZSendingAccount) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return listAccounts({ db: ctx.db, workspaceId: ctx.workspaceId });
    },
  );

  app.post(
    '/sending-accounts',
    {
      schema: {
        tags,
        summary: 'Add a sending account (the first one becomes the default)',
        body: C.ZSendingAccountCreate,
        response: { 201: C.ZSendingAccount },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      reply.status(201);
      return createAccount({ db: ctx.db, workspaceId: ctx.workspaceId, input: req.body });
    },
  );

  app.get(
    '/sending-accounts/:id',
    { schema: { tags, summary: 'A sending account', params: ZId, response: { 200: C.ZSendingAccount } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return toAccount(await getAccountRow(ctx.db, ctx.workspaceId, req.params.id));
    },
  );

  app.patch(
    '/sending-accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change a sending account (isDefault: true makes it the default)',
        params: ZId,
        body: C.ZSendingAccountUpdate,
        response: { 200: C.ZSendingAccount },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateAccount({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, input: req.body });
    },
  );

  app.delete(
    '/sending-accounts/:id',
    { schema: { tags, summary: 'Delete a sending account', params: ZId, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await deleteAccount({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sending-accounts/:id/test',
    {
      schema: {
        tags,
        summary: 'Connect to the SMTP server and sign in (nothing is sent)',
        params: ZId,
        response: { 200: C.ZConnectionTest },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return testConnection({ db: ctx.db, config, workspaceId: ctx.workspaceId, id: req.params.id });
    },
  );

  app.post(
    '/sending-accounts/:id/dkim',
    {
      schema: {
        tags,
        summary: 'Make a new DKIM key; answers the DNS TXT record to publish (the private key stays on the server)',
        params: ZId,
        body: C.ZDkimRequest,
        response: { 200: C.ZDkimGenerated },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return generateDkim({ db: ctx.db, workspaceId: ctx.workspaceId, id: req.params.id, ...req.body });
    },
  );
};
