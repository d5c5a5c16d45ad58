/**
 * Drops cached sessions of these users; past a hundred, the whole cache (each per-user drop scans
 * the cache, and a cohort's worth of scans costs more than re-reading every session once).
 */
export function forgetMany(onAccessChange: (userId?: number) => void, userIds: number[]) {
  if (userIds.length > 100) onAccessChange();
  else for (const id of userIds) onAccessChange(id);
}
