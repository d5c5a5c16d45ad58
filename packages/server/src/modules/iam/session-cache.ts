import type { Actor } from '../../platform/access.ts';
import type { UserRow } from './iam.repository.ts';

/** What one signed-in session needs on every request, as read from the database. */
export interface CachedSession {
  session: { id: string; userId: number; csrfToken: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; method?: string };
  user: UserRow;
  /** The actor without the per-request fields (address, language). */
  actor: Actor;
  roles?: Awaited<ReturnType<typeof import('./iam.repository.ts').findUserRoles>>;
}

/**
 * A short-lived, in-process cache of sessions keyed by session id, so an
 * authenticated read costs no query for who is asking. Changes made through
 * this process (sign-out, password change, an administrator editing a user
 * or a role) drop the affected entries at once. Several processes share one
 * database, though, and another process's change reaches this one only when
 * the entry expires: that is why the lifetime is seconds (`ttlMs`, default
 * 5 s from SESSION_CACHE_SECONDS). `ttlMs` 0 turns the cache off.
 */
export function createSessionCache({ ttlMs, maxEntries = 10_000 }: { ttlMs: number; maxEntries?: number }) {
  const entries = new Map<string, CachedSession & { until: number }>();
  return {
    get(id: string): CachedSession | null {
      const e = entries.get(id);
      if (!e) return null;
      if (e.until <= performance.now()) {
        entries.delete(id);
        return null;
      }
      return e;
    },
    set(id: string, value: CachedSession) {
      if (ttlMs <= 0) return;
      // Oldest first out (a Map iterates in insertion order); keeps memory bounded.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(id, { ...value, until: performance.now() + ttlMs });
    },
    forget(id: string) {
      entries.delete(id);
    },
    /** Drops every session of one user, or of everyone when no user is named (a role changed). */
    forgetUser(userId?: number) {
      if (userId === undefined) return entries.clear();
      for (const [id, e] of entries) if (e.session.userId === userId) entries.delete(id);
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
