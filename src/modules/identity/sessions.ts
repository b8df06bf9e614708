import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import type { Auth, Role } from '../../platform/http/context.ts';
import { newId } from '../../platform/ids.ts';
import { apiKeys, sessions, users, workspaceMembers } from './schema.ts';
import { DUMMY_HASH, randomToken, sha256, verifyPassword } from './secrets.ts';

export const SESSION_DAYS = 30;
export const SESSION_COOKIE = 'freehold_session';
const API_KEY_PREFIX = 'fh_';

export async function signIn({
  db,
  email,
  password,
  ip,
  userAgent,
}: {
  db: Db;
  email: string;
  password: string;
  ip?: string;
  userAgent?: string;
}) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim()));
  // Always pay for one hash so the response time does not reveal whether the email exists.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Email or password is wrong.');
  const [first] = await db
    .select({ workspaceId: workspaceMembers.workspaceId })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.userId, user.id))
    .orderBy(workspaceMembers.createdAt)
    .limit(1);
  return createSession({ db, userId: user.id, workspaceId: first?.workspaceId ?? null, ip, userAgent });
}

export async function createSession({
  db,
  userId,
  workspaceId,
  ip,
  userAgent,
}: {
  db: Db;
  userId: string;
  workspaceId: string | null;
  ip?: string | undefined;
  userAgent?: string | undefined;
}) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86400_000);
  await db.insert(sessions).values({
    id: newId(),
    userId,
    tokenHash: sha256(token),
    activeWorkspaceId: workspaceId,
    expiresAt,
    ip: ip ?? null,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

const ANON: Auth = { userId: null, sessionId: null, apiKeyId: null, workspaceId: null, role: null };

/** Resolves a request's caller. An API key belongs to exactly one workspace and acts with the admin role. */
export async function resolveAuth(db: Db, creds: { sessionToken?: string; bearer?: string }): Promise<Auth> {
  if (creds.bearer?.startsWith(API_KEY_PREFIX)) {
    const [key] = await db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, sha256(creds.bearer)));
    if (!key || key.revokedAt) return ANON;
    // Touch last-used at most once a minute: a write per request would serialise busy integrations on one row.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      await db
        .update(apiKeys)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(apiKeys.workspaceId, key.workspaceId), eq(apiKeys.id, key.id)));
    }
    return { userId: null, sessionId: null, apiKeyId: key.id, workspaceId: key.workspaceId, role: 'admin' };
  }
  if (!creds.sessionToken) return ANON;
  const [s] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(creds.sessionToken)), gt(sessions.expiresAt, new Date())));
  if (!s) return ANON;
  let role: Role | null = null;
  if (s.activeWorkspaceId) {
    const [m] = await db
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, s.activeWorkspaceId), eq(workspaceMembers.userId, s.userId)));
    role = m?.role ?? null;
  }
  return {
    userId: s.userId,
    sessionId: s.id,
    apiKeyId: null,
    workspaceId: role ? s.activeWorkspaceId : null,
    role,
  };
}

export async function switchWorkspace({
  db,
  sessionId,
  userId,
  workspaceId,
}: {
  db: Db;
  sessionId: string;
  userId: string;
  workspaceId: string;
}) {
  const [m] = await db
    .select()
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  if (!m) throw AppError.notFound('Workspace');
  await db.update(sessions).set({ activeWorkspaceId: workspaceId }).where(eq(sessions.id, sessionId));
}

export { API_KEY_PREFIX };
