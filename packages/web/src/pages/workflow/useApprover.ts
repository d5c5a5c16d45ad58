import { useQuery } from '@tanstack/react-query';
import { approver } from '../../api/pagesx.ts';
import { useSession } from '../../auth/session.tsx';

/**
 * Whether the signed-in user approves anything (a flow step names them or a role they hold,
 * or a task was delegated to them): only then are 待办审批 and batch approve shown. Students
 * and teachers without such a role see their own applications only. False until known.
 */
export function useIsApprover(): boolean {
  const { me } = useSession();
  const q = useQuery({
    queryKey: ['workflow-approver', me?.user.id],
    queryFn: approver.check,
    enabled: !!me && !me.user.mustChangePassword,
    staleTime: 5 * 60_000,
  });
  return q.data?.isApprover ?? false;
}
