// Payload types of the identity endpoints (src/modules/identity/contracts.ts), as the browser receives them:
// dates arrive as ISO strings.

export type Role = 'owner' | 'admin' | 'member';
export const ROLES: readonly Role[] = ['owner', 'admin', 'member'];

export type Workspace = {
  id: string;
  name: string;
  slug: string;
  role: Role;
  timezone: string;
  defaultCurrency: string;
  publicKey: string;
};

export type Me = {
  user: { id: string; email: string; name: string };
  workspaces: Workspace[];
  activeWorkspaceId: string | null;
  role: Role | null;
};

export type Member = { userId: string; email: string; name: string; role: Role };
export type Invitation = { id: string; email: string; role: Role; expiresAt: string };
export type InvitationCreated = { id: string; email: string; role: Role; acceptUrl: string };
export type ApiKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };
export type ApiKeyCreated = { id: string; name: string; prefix: string; key: string };

export type Page<T> = { data: T[]; nextCursor: string | null };
export type List<T> = { data: T[] };
