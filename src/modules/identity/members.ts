import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { createUser } from './create-user.ts';
import { invitations, type Role, users, workspaceMembers, workspaces } from './schema.ts';
import { randomToken, sha256 } from './secrets.ts';

export async function listMembers({ db, workspaceId }: { db: DbOrTx; workspaceId: string }) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(users.name);
}

export async function listMyWorkspaces({ db, userId }: { db: DbOrTx; userId: string }) {
  return db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      role: workspaceMembers.role,
      timezone: workspaces.timezone,
      defaultCurrency: workspaces.defaultCurrency,
      publicKey: workspaces.publicKey,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(workspaces.name);
}

/** Invitations are links with a secret token (7 days). Mail delivery arrives with the mail platform. */
export async function inviteMember({
  db,
  workspaceId,
  email,
  role,
  invitedBy,
}: {
  db: DbOrTx;
  workspaceId: string;
  email: string;
  role: Role;
  invitedBy: string;
}) {
  if (role === 'owner')
    throw AppError.validation([{ field: 'role', message: 'owners cannot be invited; invite an admin' }]);
  const token = randomToken();
  const id = newId();
  await db.insert(invitations).values({
    workspaceId,
    id,
    email: email.trim(),
    role,
    tokenHash: sha256(token),
    invitedBy,
    expiresAt: new Date(Date.now() + 7 * 86400_000),
  });
  return { id, email, role, token };
}

export async function listInvitations({ db, workspaceId }: { db: DbOrTx; workspaceId: string }) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
}

/** Accepting creates the account if the email is new (a password is then required) and joins the workspace. */
export async function acceptInvitation({
  db,
  token,
  userId,
  password,
  name,
}: {
  db: Db;
  token: string;
  userId?: string | null;
  password?: string;
  name?: string;
}) {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, sha256(token)))
      .for('update');
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt < new Date())
      throw new AppError('NOT_FOUND', 'This invitation is not valid any more. Ask for a new one.');
    let uid = userId ?? null;
    if (!uid) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
      if (existing) throw new AppError('UNAUTHENTICATED', 'Sign in with this email first, then open the link again.');
      if (!password) throw AppError.validation([{ field: 'password', message: 'is required to create your account' }]);
      uid = (await createUser({ db: tx, email: inv.email, password, ...(name ? { name } : {}) })).id;
    }
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: inv.workspaceId, userId: uid, role: inv.role })
      .onConflictDoNothing();
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.workspaceId, inv.workspaceId), eq(invitations.id, inv.id)));
    return { userId: uid, workspaceId: inv.workspaceId };
  });
}

export async function changeMemberRole({
  db,
  workspaceId,
  userId,
  role,
}: {
  db: Db;
  workspaceId: string;
  userId: string;
  role: Role | null;
}) {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
      .for('update');
    if (!m) throw AppError.notFound('Member');
    if (m.role === 'owner' && role !== 'owner') {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(workspaceMembers)
        .where(
          and(
            eq(workspaceMembers.workspaceId, workspaceId),
            eq(workspaceMembers.role, 'owner'),
            ne(workspaceMembers.userId, userId),
          ),
        );
      if (!others?.n) throw new AppError('CONFLICT', 'A workspace needs at least one owner.');
    }
    const where = and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId));
    if (role === null) await tx.delete(workspaceMembers).where(where);
    else await tx.update(workspaceMembers).set({ role }).where(where);
  });
}
