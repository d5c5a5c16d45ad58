import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import type { Permission } from '@jiaowu/contracts';
import { Forbidden } from '../components/ErrorPages.tsx';
import { useSession } from './session.tsx';

/** Signed-in users only; a forced password change comes first. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, isLoading, signedOut } = useSession();
  const location = useLocation();
  if (isLoading || me === undefined) {
    return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  }
  if (!me) return <Navigate to="/login" replace state={signedOut ? null : { from: location.pathname + location.search }} />;
  if (me.user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <>{children}</>;
}

/** Shows the 403 page unless the user holds one of the permissions (hiding only: the server enforces). */
export function RequirePermission({ any, children }: { any: Permission[]; children: ReactNode }) {
  const { can } = useSession();
  return any.some(can) ? <>{children}</> : <Forbidden />;
}
