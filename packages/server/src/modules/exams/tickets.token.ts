import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a ticket's QR code: the student and term, signed with the server's secret key, so
 * only this server makes valid ones and a forged or edited code fails. It carries no schedule:
 * the check shows the schedule as it is now, so a ticket printed before a change shows the change.
 */
const sign = (key: Buffer, studentId: number, termId: number) =>
  createHmac('sha256', key).update(`exam-ticket:${studentId}:${termId}`).digest('base64url').slice(0, 22);

export function ticketToken(key: Buffer, studentId: number, termId: number): string {
  return `${studentId}.${termId}.${sign(key, studentId, termId)}`;
}

/** The student and term of a genuine token; null for anything else. */
export function readTicketToken(key: Buffer, token: string): { studentId: number; termId: number } | null {
  const m = /^(\d{1,10})\.(\d{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const studentId = Number(m[1]);
  const termId = Number(m[2]);
  if (studentId > 2_147_483_647 || termId > 2_147_483_647) return null;
  const expected = Buffer.from(sign(key, studentId, termId));
  const given = Buffer.from(m[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { studentId, termId } : null;
}
