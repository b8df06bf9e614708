import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { userId, workspaceCtx } from '../../platform/http/context.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import * as C from './contracts.ts';
import { getUser } from './create-user.ts';
import { createWorkspace } from './create-workspace.ts';
import {
  acceptInvitation,
  changeMemberRole,
  inviteMember,
  listInvitations,
  listMembers,
  listMyWorkspaces,
} from './members.ts';
import { createSession, SESSION_COOKIE, SESSION_DAYS, signIn, signOut, switchWorkspace } from './sessions.ts';
import { isSetUp, setupOwner } from './setup-owner.ts';
import { getWorkspace, updateWorkspace } from './update-workspace.ts';

const tags = ['Accounts and workspaces'];

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Secure when served over HTTPS (directly or behind a proxy that says so); plain http://localhost must still work.
    secure: req.protocol === 'https',
    maxAge: SESSION_DAYS * 86400,
  });
}

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  app.get(
    '/setup',
    { schema: { tags, summary: 'Whether Freehold still needs its first owner', response: { 200: C.ZSetupStatus } } },
    async () => ({
      needsSetup: !(await isSetUp(db)),
    }),
  );

  app.post(
    '/setup',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Create the owner and the first workspace (first start only)',
        body: C.ZSetupRequest,
        response: { 201: C.ZMe },
      },
    },
    async (req, reply) => {
      const { user, workspace } = await setupOwner({ db, ...req.body });
      const s = await createSession({
        db,
        userId: user.id,
        workspaceId: workspace.id,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSessionCookie(req, reply, s.token);
      reply.status(201);
      return {
        user,
        workspaces: await listMyWorkspaces({ db, userId: user.id }),
        activeWorkspaceId: workspace.id,
        role: 'owner' as const,
      };
    },
  );

  app.post(
    '/auth/sign-in',
    {
      // Slows password guessing per address; the scrypt cost slows it further.
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in with email and password', body: C.ZSignInRequest, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const s = await signIn({
        db,
        ...req.body,
        ip: req.ip,
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      });
      setSessionCookie(req, reply, s.token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out',
    { schema: { tags, summary: 'Sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await signOut(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags, summary: 'The signed-in user, their workspaces and the active one', response: { 200: C.ZMe } } },
    async (req) => {
      const uid = userId(req);
      const user = await getUser(db, uid);
      return {
        user,
        workspaces: await listMyWorkspaces({ db, userId: uid }),
        activeWorkspaceId: req.auth.workspaceId,
        role: req.auth.role,
      };
    },
  );

  app.post(
    '/me/workspace',
    {
      schema: {
        tags,
        summary: 'Switch the active workspace',
        body: C.ZSwitchWorkspaceRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const uid = userId(req);
      if (!req.auth.sessionId) throw new AppError('FORBIDDEN', 'API keys belong to one workspace.');
      await switchWorkspace({ db, sessionId: req.auth.sessionId, userId: uid, workspaceId: req.body.workspaceId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/workspaces',
    {
      schema: {
        tags,
        summary: 'Create a workspace (you become its owner) and switch to it',
        body: C.ZCreateWorkspaceRequest,
        response: { 201: C.ZWorkspace },
      },
    },
    async (req, reply) => {
      const uid = userId(req);
      if (!req.auth.sessionId) throw new AppError('FORBIDDEN', 'Create workspaces from a signed-in session.');
      const ws = await createWorkspace({ db, ownerId: uid, ...req.body });
      await switchWorkspace({ db, sessionId: req.auth.sessionId, userId: uid, workspaceId: ws.id });
      reply.status(201);
      return { ...ws, role: 'owner' as const };
    },
  );

  const ZWorkspaceSettings = z.object({
    id: z.string().uuid(),
    name: z.string(),
    slug: z.string(),
    timezone: z.string(),
    defaultCurrency: z.string(),
    publicKey: z.string(),
  });
  app.get(
    '/workspace',
    { schema: { tags, summary: 'The active workspace and its settings', response: { 200: ZWorkspaceSettings } } },
    async (req) => {
      const ctx = workspaceCtx(req);
      return getWorkspace({ db, workspaceId: ctx.workspaceId });
    },
  );
  app.patch(
    '/workspace',
    {
      schema: {
        tags,
        summary: 'Rename the workspace or change its time zone and currency',
        body: z.object({
          name: z.string().trim().min(1).max(120).optional(),
          timezone: z.string().max(64).optional(),
          defaultCurrency: z.string().length(3).optional(),
        }),
        response: { 200: ZWorkspaceSettings },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return updateWorkspace({ db, workspaceId: ctx.workspaceId, patch: req.body });
    },
  );

  app.get(
    '/members',
    {
      schema: {
        tags,
        summary: 'Members of the active workspace',
        response: { 200: z.object({ data: z.array(C.ZMember) }) },
      },
    },
    async (req) => {
      const ctx = workspaceCtx(req);
      return { data: await listMembers(ctx) };
    },
  );

  app.patch(
    '/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: C.ZUserIdParams,
        body: C.ZUpdateMemberRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      if (req.body.role === 'owner' && ctx.role !== 'owner')
        throw new AppError('FORBIDDEN', 'Only an owner can make owners.');
      await changeMemberRole({ db, workspaceId: ctx.workspaceId, userId: req.params.userId, role: req.body.role });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member from the workspace',
        params: C.ZUserIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await changeMemberRole({ db, workspaceId: ctx.workspaceId, userId: req.params.userId, role: null });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/invitations',
    { schema: { tags, summary: 'Open invitations', response: { 200: z.object({ data: z.array(C.ZInvitation) }) } } },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return { data: await listInvitations(ctx) };
    },
  );

  app.post(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone to the workspace; answers the link to send them',
        body: C.ZInviteRequest,
        response: { 201: C.ZInvitationCreated },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      if (!ctx.userId) throw new AppError('FORBIDDEN', 'Invitations are sent by people, not API keys.');
      const inv = await inviteMember({ db, workspaceId: ctx.workspaceId, invitedBy: ctx.userId, ...req.body });
      reply.status(201);
      return { id: inv.id, email: inv.email, role: inv.role, acceptUrl: `${config.publicUrl}/invite/${inv.token}` };
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Accept an invitation (creates the account when the email is new)',
        body: C.ZAcceptInvitationRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const r = await acceptInvitation({ db, userId: req.auth.userId, ...req.body });
      if (req.auth.sessionId)
        await switchWorkspace({ db, sessionId: req.auth.sessionId, userId: r.userId, workspaceId: r.workspaceId });
      else {
        const s = await createSession({
          db,
          userId: r.userId,
          workspaceId: r.workspaceId,
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        });
        setSessionCookie(req, reply, s.token);
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api-keys',
    {
      schema: { tags, summary: "The workspace's API keys", response: { 200: z.object({ data: z.array(C.ZApiKey) }) } },
    },
    async (req) => {
      const ctx = workspaceCtx(req, 'admin');
      return { data: await listApiKeys(ctx) };
    },
  );

  app.post(
    '/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key (shown once)',
        body: C.ZCreateApiKeyRequest,
        response: { 201: C.ZApiKeyCreated },
      },
    },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      reply.status(201);
      return createApiKey({ db, workspaceId: ctx.workspaceId, name: req.body.name, createdBy: ctx.userId });
    },
  );

  app.delete(
    '/api-keys/:id',
    { schema: { tags, summary: 'Revoke an API key', params: C.ZIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = workspaceCtx(req, 'admin');
      await revokeApiKey({ db, workspaceId: ctx.workspaceId, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
};
