import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaptchaAnswer, MeResponse, Permission, Scope } from '@jiaowu/contracts';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import { auth } from '../api/endpoints.ts';

export interface Session {
  /** Undefined while loading, null when signed out. */
  me: MeResponse | null | undefined;
  isLoading: boolean;
  /** True after an explicit sign-out (the next sign-in starts at home, not at the last page). */
  signedOut: boolean;
  /** The scope the user holds for a permission, if any. */
  scopeOf: (permission: Permission) => Scope | undefined;
  can: (permission: Permission) => boolean;
  /** `captcha`: the answer to the question the server asked after repeated failures. */
  login: (username: string, password: string, captcha?: CaptchaAnswer) => Promise<MeResponse>;
  logout: () => Promise<void>;
  refresh: () => Promise<unknown>;
}

const SessionContext = createContext<Session | null>(null);
const ME_KEY = ['me'];

async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await auth.me();
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Drops every cached answer but the session itself (whose observer must stay attached). */
function forgetData(qc: QueryClient): void {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

/** Holds who is signed in (`GET /api/me`) and what they may do. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });

  useEffect(() => {
    // Any 401 from the API means the session is gone: forget it, the router goes to /login.
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      qc.setQueryData(ME_KEY, null);
    });
  }, [qc]);

  const me = query.data;
  const [signedOut, setSignedOut] = useState(false);
  const scopeOf = useCallback((p: Permission) => (me?.permissions as Record<string, Scope> | undefined)?.[p], [me]);

  const login = useCallback(
    async (username: string, password: string, captcha?: CaptchaAnswer) => {
      const res = await auth.login(username, password, captcha);
      setCsrfToken(res.csrfToken);
      const fresh = await fetchMe();
      if (!fresh) throw new ApiError(401, 'unauthenticated', 'Unauthenticated');
      forgetData(qc);
      qc.setQueryData(ME_KEY, fresh);
      setSignedOut(false);
      return fresh;
    },
    [qc],
  );

  const logout = useCallback(async () => {
    setSignedOut(true);
    try {
      await auth.logout();
    } finally {
      setCsrfToken(null);
      forgetData(qc);
      qc.setQueryData(ME_KEY, null);
    }
  }, [qc]);

  const value = useMemo<Session>(
    () => ({
      me,
      isLoading: query.isLoading,
      signedOut,
      scopeOf,
      can: (p) => scopeOf(p) !== undefined,
      login,
      logout,
      refresh: () => qc.invalidateQueries({ queryKey: ME_KEY }),
    }),
    [me, query.isLoading, signedOut, scopeOf, login, logout, qc],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
