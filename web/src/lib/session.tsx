import { createContext, type ReactNode, useContext } from 'react';
import { api } from './api.ts';
import type { Me, Workspace } from './types.ts';

type Session = { me: Me; workspace: Workspace | null };

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const workspace = me.workspaces.find((w) => w.id === me.activeWorkspaceId) ?? null;
  return <SessionContext.Provider value={{ me, workspace }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

/** The active workspace, or null outside a signed-in page (sign-in, setup). */
export function useWorkspace(): Workspace | null {
  return useContext(SessionContext)?.workspace ?? null;
}

export const setupQuery = {
  queryKey: ['setup'] as const,
  queryFn: () => api.get<{ needsSetup: boolean }>('/setup'),
  staleTime: 60_000,
};

export const meQuery = {
  queryKey: ['me'] as const,
  queryFn: () => api.get<Me>('/me', undefined, { quietAuth: true }),
  staleTime: 60_000,
};
