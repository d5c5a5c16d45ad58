import { createHash } from 'node:crypto';

/**
 * The hash chain of a paper's custody records 试卷流转. Each record's hash is sha256 over a
 * canonical serialisation of its own fields and the hash of the record before it (the first
 * record's previous hash is ''), so changing any past record — a count, a receiver, a time —
 * changes its hash, and recomputing its hash too breaks the next record's link. Unlike the
 * audit log's chain (computed in SQL by a trigger) this one is computed here: records are written
 * only by papers.service.ts under the paper's row lock.
 */

/** The fields a record's hash covers, in this order (the order is part of the format). */
export interface ChainFields {
  paperId: number;
  seq: number;
  kind: string;
  correctsId: number | null;
  giverUserId: number;
  receiverUserId: number | null;
  at: Date;
  place: string;
  copies: number | null;
  returned: number | null;
  used: number | null;
  note: string;
  recordedAt: Date;
}

/**
 * A JSON array in a fixed field order: no key order, whitespace or number format can differ
 * between writer and verifier. Times are ISO strings at millisecond precision (what the columns keep).
 */
export function canonicalRecord(r: ChainFields, prevHash: string): string {
  return JSON.stringify([
    'exam_paper_record/v1',
    r.paperId,
    r.seq,
    r.kind,
    r.correctsId,
    r.giverUserId,
    r.receiverUserId,
    r.at.toISOString(),
    r.place,
    r.copies,
    r.returned,
    r.used,
    r.note,
    r.recordedAt.toISOString(),
    prevHash,
  ]);
}

export function recordHash(r: ChainFields, prevHash: string): string {
  return createHash('sha256').update(canonicalRecord(r, prevHash)).digest('hex');
}

export type ChainBreakReason = 'hash' | 'link' | 'seq';
export interface ChainBreak {
  recordId: number;
  seq: number;
  reason: ChainBreakReason;
  expected: string;
  found: string;
}

/**
 * Walks a paper's records in seq order: the first record whose number skips (a record removed),
 * whose link is not the previous record's hash, or whose own hash does not match its fields.
 */
export function verifyChain(records: readonly (ChainFields & { id: number; prevHash: string; hash: string })[]): {
  valid: boolean;
  firstBreak?: ChainBreak;
} {
  let prev = '';
  for (const [i, r] of records.entries()) {
    if (r.seq !== i + 1)
      return { valid: false, firstBreak: { recordId: r.id, seq: r.seq, reason: 'seq', expected: String(i + 1), found: String(r.seq) } };
    if (r.prevHash !== prev)
      return { valid: false, firstBreak: { recordId: r.id, seq: r.seq, reason: 'link', expected: prev, found: r.prevHash } };
    const expected = recordHash(r, r.prevHash);
    if (expected !== r.hash) return { valid: false, firstBreak: { recordId: r.id, seq: r.seq, reason: 'hash', expected, found: r.hash } };
    prev = r.hash;
  }
  return { valid: true };
}
