import { useQuery } from '@tanstack/react-query';
import type { Paged } from '@jiaowu/contracts';
import { get } from '../api/client.ts';

export interface TermRow {
  id: number;
  code: string;
  name: string;
  isCurrent?: boolean;
  startDate?: string;
  weeks?: number;
}

/** All terms (newest first) and the current one, for term pickers. */
export function useTerms() {
  const q = useQuery({
    queryKey: ['terms-all'],
    queryFn: () => get<Paged<TermRow>>('/terms', { pageSize: 200, sort: 'startDate', order: 'desc' }),
    staleTime: 60_000,
  });
  const items = q.data?.items ?? [];
  return { terms: items, current: items.find((x) => x.isCurrent) ?? items[0], options: items.map((x) => ({ value: x.id, label: x.name })) };
}
