import { z } from 'zod';
import { ROLES } from './schema.ts';

export const ZRole = z.enum(ROLES);
export const ZEmail = z.string().trim().min(3).max(254);

export const ZSetupRequest = z.object({
  email: ZEmail,
  password: z.string().min(1).max(200),
  name: z.string().trim().max(120).optional(),
  workspace: z.string().trim().min(1).max(120),
});
export const ZSignInRequest = z.object({ email: ZEmail, password: z.string().min(1).max(200) });

export const ZWorkspace = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    slug: z.string(),
    role: ZRole,
    timezone: z.string(),
    defaultCurrency: z.string(),
    publicKey: z.string(),
  })
  .meta({ id: 'Workspace' });

export const ZMe = z
  .object({
    user: z.object({ id: z.string().uuid(), email: z.string(), name: z.string() }),
    workspaces: z.array(ZWorkspace),
    activeWorkspaceId: z.string().uuid().nullable(),
    role: ZRole.nullable(),
  })
  .meta({ id: 'Me' });

export const ZSetupStatus = z.object({ needsSetup: z.boolean() });
export const ZCreateWorkspaceRequest = z.object({
  name: z.string().trim().min(1).max(120),
  timezone: z.string().max(64).optional(),
  defaultCurrency: z.string().length(3).optional(),
});
export const ZSwitchWorkspaceRequest = z.object({ workspaceId: z.string().uuid() });

export const ZMember = z.object({ userId: z.string().uuid(), email: z.string(), name: z.string(), role: ZRole });
export const ZUpdateMemberRequest = z.object({ role: ZRole });
export const ZInviteRequest = z.object({ email: ZEmail, role: ZRole.default('member') });
export const ZInvitation = z.object({ id: z.string().uuid(), email: z.string(), role: ZRole, expiresAt: z.date() });
export const ZInvitationCreated = z.object({
  id: z.string().uuid(),
  email: z.string(),
  role: ZRole,
  acceptUrl: z.string(),
});
export const ZAcceptInvitationRequest = z.object({
  token: z.string().min(10),
  password: z.string().max(200).optional(),
  name: z.string().trim().max(120).optional(),
});

export const ZApiKey = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});
export const ZCreateApiKeyRequest = z.object({ name: z.string().trim().min(1).max(100) });
export const ZApiKeyCreated = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  key: z.string(),
});
export const ZIdParams = z.object({ id: z.string().uuid() });
export const ZUserIdParams = z.object({ userId: z.string().uuid() });
