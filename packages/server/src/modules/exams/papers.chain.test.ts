import { describe, expect, it } from 'vitest';
import { recordHash, verifyChain, type ChainFields } from './papers.chain.ts';

/** The paper chain's check on its own: any edit of any field of any record is found, at that record. */

type Rec = ChainFields & { id: number; prevHash: string; hash: string };
const t0 = Date.parse('2026-12-01T08:00:00.000Z');
const KINDS = ['drafted', 'reviewed', 'sent_to_print', 'sealed', 'stored', 'handed_out', 'collected'];

function buildChain(): Rec[] {
  const out: Rec[] = [];
  KINDS.forEach((kind, i) => {
    const fields: ChainFields = {
      paperId: 7,
      seq: i + 1,
      kind,
      correctsId: null,
      giverUserId: 10 + i,
      receiverUserId: i === 0 ? null : 11 + i,
      at: new Date(t0 + i * 3_600_000),
      place: i === 4 ? '保密室' : '教务处',
      copies: i >= 3 ? 32 : null,
      returned: kind === 'collected' ? 3 : null,
      used: kind === 'collected' ? 29 : null,
      note: '',
      recordedAt: new Date(t0 + i * 3_600_000 + 5),
    };
    const prevHash = out.at(-1)?.hash ?? '';
    out.push({ ...fields, id: 100 + i, prevHash, hash: recordHash(fields, prevHash) });
  });
  return out;
}

/** One edit per field, as someone with database access might make it. */
const EDITS: [string, (r: Rec) => Partial<Rec>][] = [
  ['copies', (r) => ({ copies: (r.copies ?? 0) + 1 })],
  ['returned', (r) => ({ returned: (r.returned ?? 0) + 1 })],
  ['used', (r) => ({ used: r.used === null ? 0 : r.used - 1 })],
  ['receiver', (r) => ({ receiverUserId: (r.receiverUserId ?? 0) + 1 })],
  ['giver', (r) => ({ giverUserId: r.giverUserId + 1 })],
  ['time', (r) => ({ at: new Date(r.at.getTime() + 1) })],
  ['place', () => ({ place: '别处' })],
  ['kind', () => ({ kind: 'archived' })],
  ['note', () => ({ note: 'x' })],
  ['seq-preserving paper', (r) => ({ paperId: r.paperId + 1 })],
];

describe('the exam paper hash chain', () => {
  it('a chain as written checks out', () => {
    expect(verifyChain(buildChain())).toEqual({ valid: true });
  });

  it.each(EDITS)('an edit of %s in any record breaks the chain at that record', (_, edit) => {
    for (let i = 0; i < KINDS.length; i++) {
      const chain = buildChain();
      chain[i] = { ...chain[i], ...edit(chain[i]) };
      const res = verifyChain(chain);
      expect(res.valid).toBe(false);
      expect(res.firstBreak).toMatchObject({ recordId: chain[i].id, seq: i + 1, reason: 'hash', found: chain[i].hash });
    }
  });

  it('an edit that also recomputes the record’s hash breaks the next record’s link', () => {
    const chain = buildChain();
    chain[3] = { ...chain[3], copies: 40 };
    chain[3].hash = recordHash(chain[3], chain[3].prevHash);
    expect(verifyChain(chain).firstBreak).toMatchObject({ recordId: chain[4].id, reason: 'link', found: buildChain()[3].hash });
  });

  it('a removed record is found where the numbering skips', () => {
    const chain = buildChain();
    chain.splice(2, 1);
    expect(verifyChain(chain).firstBreak).toMatchObject({ recordId: 102 + 1, reason: 'seq', expected: '3', found: '4' });
  });
});
