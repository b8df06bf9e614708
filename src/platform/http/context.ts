import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export type Role = 'owner' | 'admin' | 'member';

/** Who is calling: resolved once per request from the session cookie or an API key. */
export type Auth = {
  userId: string | null;
  sessionId: string | null;
  apiKeyId: string | null;
  workspaceId: string | null;
  role: Role | null;
};

export type AppDeps = { db: Db; config: Config; logger: Logger };

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export type WorkspaceCtx = { workspaceId: string; userId: string | null; role: Role; db: Db };

/** The caller's workspace, or 401. Every tenant route starts here, so no handler can forget the scope. */
export function workspaceCtx(req: FastifyRequest, minRole: Role = 'member'): WorkspaceCtx {
  const a = req.auth;
  if (!a.userId && !a.apiKeyId) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API key.');
  if (!a.workspaceId || !a.role) throw new AppError('FORBIDDEN', 'Choose a workspace first.');
  const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };
  if (rank[a.role] < rank[minRole]) throw new AppError('FORBIDDEN', `This needs the ${minRole} role.`);
  return { workspaceId: a.workspaceId, userId: a.userId, role: a.role, db: req.server.deps.db };
}

export function userId(req: FastifyRequest): string {
  if (!req.auth.userId) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return req.auth.userId;
}
