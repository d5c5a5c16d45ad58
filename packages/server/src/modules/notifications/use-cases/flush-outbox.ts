import type { Db } from '../../../db/client.ts';
import { createMailSender, resolveMailConfig, type MailEnv } from '../mail-transport.ts';
import * as repo from '../notifications.repository.ts';

/** Retry policy: 1, 2, 4, 8 … minutes after each failure; given up (failed) after 10 attempts. */
export const OUTBOX_POLICY = { maxAttempts: 10, firstDelayMinutes: 1, batchSize: 50, leaseMinutes: 5 } as const;

export function nextAttemptDelayMs(attempts: number): number {
  return OUTBOX_POLICY.firstDelayMinutes * 2 ** Math.max(0, attempts - 1) * 60_000;
}

/**
 * Sends the messages that are due at `now`. Each message is claimed first,
 * then marked sent or given its next attempt with the error recorded: a
 * message is sent once, and none is lost while the server is down. A
 * password that cannot be decrypted (the secret key changed) throws before
 * anything is claimed, so the messages wait for the admin to enter it again.
 */
export async function flushOutbox(
  db: Db,
  env: MailEnv,
  now: Date,
  openPassword: (stored: string) => string,
): Promise<{ sent: number; failed: number }> {
  const row = await repo.findMailSettings(db);
  // The stored password is sealed (AES-256-GCM); it is opened only here, to log in to the server.
  const config = resolveMailConfig(row && { ...row, password: row.password ? openPassword(row.password) : null }, env);
  if (!config) return { sent: 0, failed: 0 };
  const due = await repo.claimDueOutbox(db, now, new Date(now.getTime() + OUTBOX_POLICY.leaseMinutes * 60_000), OUTBOX_POLICY.batchSize);
  if (!due.length) return { sent: 0, failed: 0 };
  const sender = createMailSender(config);
  let sent = 0;
  let failed = 0;
  try {
    for (const m of due) {
      const attempts = m.attempts + 1;
      try {
        await sender.send({ to: m.toAddress, subject: m.subject, text: m.textBody, html: m.htmlBody });
        await repo.updateOutbox(db, m.id, { status: 'sent', attempts, sentAt: now, nextAttemptAt: null, lastError: null });
        sent++;
      } catch (e) {
        failed++;
        const giveUp = attempts >= OUTBOX_POLICY.maxAttempts;
        await repo.updateOutbox(db, m.id, {
          status: giveUp ? 'failed' : 'pending',
          attempts,
          lastError: String((e as Error).message ?? e).slice(0, 1000),
          nextAttemptAt: giveUp ? null : new Date(now.getTime() + nextAttemptDelayMs(attempts)),
        });
      }
    }
  } finally {
    sender.close();
  }
  return { sent, failed };
}
