import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';

/** One student or teacher written by the org module (form, import), as listeners need it. */
export interface PersonChange {
  kind: 'student' | 'teacher';
  id: number;
  op: 'create' | 'update' | 'delete';
  /** 学号/工号 and status before this write (update/delete): a renamed code renames the account, a status change may disable it. */
  before: { code: string; status: string } | null;
  /** Spreadsheet row of an import, so a listener's refusal can name it. */
  row?: number;
}

/**
 * Called inside the write's transaction, after the people rows are written and before the
 * write's audit record: a listener's writes commit or roll back with them, and a listener that
 * throws (an AppError) refuses the whole write.
 */
export type PeopleListener = (tx: Tx, actor: Actor, changes: PersonChange[]) => Promise<void>;

// Module-level rather than passed to createOrgService: the org service is also built by jobs
// (an import's commit) that do not see the app. Listeners are registered by name when the app
// is built (app.ts), so building several apps in one process registers each listener once.
const listeners = new Map<string, PeopleListener>();

/** Registers (or replaces) the listener called `name`. Org must not know who listens: iam keeps accounts in step this way. */
export function onPeopleWritten(name: string, listener: PeopleListener) {
  listeners.set(name, listener);
}

/** Tells every listener, in registration order, about people just written in `tx`. */
export async function peopleWritten(tx: Tx, actor: Actor, changes: PersonChange[]) {
  if (!changes.length) return;
  for (const listener of listeners.values()) await listener(tx, actor, changes);
}
