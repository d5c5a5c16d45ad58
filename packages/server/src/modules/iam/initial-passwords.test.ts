import { describe, expect, it } from 'vitest';
import { initialPassword, hashInitialPassword, randomInitialPassword } from './initial-passwords.ts';
import { verifyPassword } from './passwords.ts';

describe('initial passwords', () => {
  it('random ones are 10 characters without letters that are misread on paper, and differ', () => {
    const many = Array.from({ length: 200 }, randomInitialPassword);
    for (const p of many) expect(p).toMatch(/^[a-km-zA-HJ-NP-Y3-9]{10}$/);
    for (const p of many) expect(p).not.toMatch(/[0O1lI2Z5S8Bo]/);
    expect(new Set(many).size).toBe(many.length);
  });

  it('id_last6 takes the last six characters of the ID number, and falls back to random without one', () => {
    expect(initialPassword('id_last6', '11010519491231002x')).toEqual({ password: '31002X', fromId: true });
    expect(initialPassword('id_last6', null).fromId).toBe(false);
    expect(initialPassword('id_last6', '123').password).toHaveLength(10);
    expect(initialPassword('random', '110105194912310021').fromId).toBe(false);
  });

  it('hashes at the lower initial cost, with the parameters stored so sign-in verifies it', async () => {
    const hash = await hashInitialPassword('abcdefghij');
    expect(hash.split('$')[1]).toBe('12');
    await expect(verifyPassword('abcdefghij', hash)).resolves.toBe(true);
    await expect(verifyPassword('abcdefghik', hash)).resolves.toBe(false);
  });
});
