import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets stored in the database (the SMTP password) are sealed with
 * AES-256-GCM under the server's secret key: a copy of the database alone
 * does not reveal them. Stored form: `v1:` + base64(iv ‖ tag ‖ ciphertext).
 * `purpose` is bound as associated data, so a value sealed for one column
 * cannot be moved into another.
 */
const PREFIX = 'v1:';

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealSecret(key: Buffer, purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The plain secret; throws when the key is not the one it was sealed with (or the value was tampered with). */
export function openSecret(key: Buffer, purpose: string, stored: string): string {
  if (!isSealed(stored)) throw new Error('not a sealed secret');
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `cannot decrypt the stored ${purpose}: JIAOWU_SECRET_KEY (or DATA_DIR/secret.key) is not the key it was saved with; enter it again`,
    );
  }
}
