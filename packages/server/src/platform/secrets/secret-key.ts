import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SecretKey {
  key: Buffer;
  /** env: JIAOWU_SECRET_KEY; file: DATA_DIR/secret.key (made on first start when the variable is unset). */
  source: 'env' | 'file';
  file?: string;
}

/** The least a JIAOWU_SECRET_KEY must have: `openssl rand -base64 32` gives 44 characters. */
export const SECRET_KEY_MIN_LENGTH = 32;

/**
 * The key that seals stored secrets. JIAOWU_SECRET_KEY when set (any string
 * of 32+ characters, hashed to 256 bits); otherwise a random key generated
 * on first start and kept in DATA_DIR/secret.key (readable by the owner only).
 */
export function loadSecretKey({ envKey, dataDir }: { envKey?: string; dataDir: string }): SecretKey {
  if (envKey) {
    if (envKey.length < SECRET_KEY_MIN_LENGTH) {
      throw new Error(`JIAOWU_SECRET_KEY must be at least ${SECRET_KEY_MIN_LENGTH} characters (e.g. openssl rand -base64 32)`);
    }
    return { key: createHash('sha256').update(envKey, 'utf8').digest(), source: 'env' };
  }
  const file = path.join(dataDir, 'secret.key');
  try {
    return { key: decodeKeyFile(readFileSync(file, 'utf8'), file), source: 'file', file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // 'wx': if another process made the file meanwhile, use theirs rather than overwrite it.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'file', file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { key: decodeKeyFile(readFileSync(file, 'utf8'), file), source: 'file', file };
  }
}

function decodeKeyFile(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}
