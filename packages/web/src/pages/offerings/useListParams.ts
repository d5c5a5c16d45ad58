import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list page's filters, page and sort kept in the URL's search params, so
 * that going back from a detail page (or reloading, or sharing the link)
 * shows the same list. `from()` is the list's own address at the moment it
 * is called, handed to detail pages as navigation state for their back button.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  /** A positive integer param (ids, page), or undefined. */
  const num = useCallback(
    (key: string) => {
      const n = Number(params.get(key));
      return params.get(key) && Number.isInteger(n) && n > 0 ? n : undefined;
    },
    [params],
  );
  const str = useCallback((key: string) => params.get(key) || undefined, [params]);
  /** Sets some params (undefined removes one); any change but paging goes back to page 1. */
  const set = useCallback(
    (patch: Record<string, string | number | undefined | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  // Read when a row is opened, not when it rendered: table rows whose data did not change are
  // not re-rendered, so a value captured at render could be the address before the last filter.
  const from = useCallback(() => window.location.pathname + window.location.search, []);
  return { num, str, set, from };
}
