import type { ReactNode } from 'react';
import type { ResourceKey } from '@jiaowu/contracts';
import { Forbidden } from '../components/ErrorPages.tsx';
import { canBrowse } from '../components/menu.tsx';
import { useSession } from './session.tsx';

/** A resource list page is for users who may read more than their own record. */
export function BrowseGuard({ resource, children }: { resource: ResourceKey; children: ReactNode }) {
  const { scopeOf } = useSession();
  return canBrowse(scopeOf, resource) ? <>{children}</> : <Forbidden />;
}
