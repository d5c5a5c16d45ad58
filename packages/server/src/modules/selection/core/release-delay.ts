/**
 * 随机释放 — how long a dropped seat is held in a random-window round (against seat trading 倒课).
 * The delay is drawn from a seed recorded with the hold, so it is reproducible: anybody can
 * recompute `releaseAt` from the row and check the office did not time a seat for somebody.
 * Pure, no clock.
 */

/** A fresh 31-bit seed for one drop. */
export const newReleaseSeed = (): number => Math.floor(Math.random() * 0x7fffffff);

/** mulberry32's first draw for the seed, in [0, 1). */
function firstDraw(seed: number): number {
  let a = (seed + 0x6d2b79f5) | 0;
  a = Math.imul(a ^ (a >>> 15), a | 1);
  a ^= a + Math.imul(a ^ (a >>> 7), a | 61);
  return ((a ^ (a >>> 14)) >>> 0) / 4294967296;
}

/** The delay in milliseconds: uniform in [0, windowSeconds] whole seconds, the same for the same seed. */
export function releaseDelayMs(seed: number, windowSeconds: number): number {
  const w = Math.max(0, Math.floor(windowSeconds));
  return Math.floor(firstDraw(seed) * (w + 1)) * 1000;
}

/** The release moment of a seat dropped at `droppedAt`. */
export const releaseAtOf = (droppedAt: Date, seed: number, windowSeconds: number): Date =>
  new Date(droppedAt.getTime() + releaseDelayMs(seed, windowSeconds));
