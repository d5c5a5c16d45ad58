import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTicketToken, ticketToken } from './tickets.token.ts';

describe('admission ticket token', () => {
  const key = randomBytes(32);

  it('reads back the student and term it was made for', () => {
    expect(readTicketToken(key, ticketToken(key, 4321, 2))).toEqual({ studentId: 4321, termId: 2 });
  });

  it('refuses a token edited to another student, one signed by another server, and garbage', () => {
    const token = ticketToken(key, 4321, 2);
    expect(readTicketToken(key, token.replace(/^4321/, '4322'))).toBeNull();
    expect(readTicketToken(randomBytes(32), token)).toBeNull();
    expect(readTicketToken(key, 'not-a-token')).toBeNull();
    expect(readTicketToken(key, `99999999999.2.${token.split('.')[2]}`)).toBeNull();
  });
});
