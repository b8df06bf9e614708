import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { PageLoader, QueryError } from '../components/states.tsx';
import { ApiError, UNAUTHENTICATED_EVENT } from '../lib/api.ts';
import { meQuery, SessionProvider, setupQuery } from '../lib/session.tsx';
import { NoWorkspace } from './no-workspace.tsx';

/** First start → /setup; no session → /login (coming back here after); otherwise the signed-in app. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const setup = useQuery(setupQuery);
  const me = useQuery({ ...meQuery, enabled: setup.data?.needsSetup === false, retry: false });

  useEffect(() => {
    // Any API call answering 401 (an expired session) lands here.
    const onUnauthenticated = () => {
      qc.clear();
      navigate('/login', { replace: true, state: { from: location.pathname + location.search } });
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [qc, navigate, location.pathname, location.search]);

  if (setup.isPending) return <PageLoader />;
  if (setup.isError) return <QueryError error={setup.error} onRetry={() => setup.refetch()} />;
  if (setup.data.needsSetup) return <Navigate to="/setup" replace />;
  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401)
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    return <QueryError error={me.error} onRetry={() => me.refetch()} />;
  }
  if (!me.data.activeWorkspaceId) return <NoWorkspace me={me.data} />;
  return <SessionProvider me={me.data}>{children}</SessionProvider>;
}
