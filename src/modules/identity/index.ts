// The identity module's public surface: accounts, sessions, workspaces, members, invitations, API keys.
export { createApiKey } from './api-keys.ts';
export { createUser, getUser } from './create-user.ts';
export { createWorkspace, findWorkspaceByName } from './create-workspace.ts';
export { listMembers } from './members.ts';
export { identityRoutes } from './routes.ts';
export { type Role, users, workspaces } from './schema.ts';
export { resolveAuth, SESSION_COOKIE } from './sessions.ts';
export { isSetUp, setupOwner } from './setup-owner.ts';
export { getWorkspaceInfo, type WorkspaceInfo, workspaceByPublicKey } from './workspace-lookup.ts';
